import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { CONFIG } from '../common/config/config.module';
import { hashPassword } from './passwords';
import { randomPassword } from './secrets';

/**
 * The first start of an instance with no administrator creates one (GRANARY_ADMIN_USER), with
 * GRANARY_ADMIN_PASSWORD or a random password printed once to the log. Once another
 * administrator exists, the bootstrap account can be removed (docs/security.md).
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.ensureAdministrator();
    } catch (error) {
      // A database that is down or not yet migrated: readiness says so; the next start retries.
      this.logger.warn({ err: error }, 'could not check for an administrator');
    }
  }

  /** Returns the generated password when it created an administrator without a configured one. */
  async ensureAdministrator(): Promise<string | undefined> {
    const hasAdministrator = () => this.db.asSystem('look for an administrator', async (tx) => (await tx.user.count({ where: { isAdmin: true } })) > 0);
    // The usual case, every start after the first: nothing to hash, nothing to write.
    if (await hasAdministrator()) {
      return undefined;
    }
    const username = this.config.adminUser;
    const password = this.config.adminPassword ?? randomPassword();
    const passwordHash = await hashPassword(password);
    const created = await this.db.asSystem('bootstrap administrator', async (tx) => {
      // One instance at a time creates it, even when several API replicas start together.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('granary.bootstrap-admin'))`;
      if ((await tx.user.count({ where: { isAdmin: true } })) > 0) {
        return false;
      }
      await tx.user.upsert({
        where: { username },
        create: { username, passwordHash, isAdmin: true },
        update: { passwordHash, isAdmin: true, disabled: false },
      });
      return true;
    });
    if (!created) {
      return undefined;
    }
    if (this.config.adminPassword) {
      this.logger.warn({ username }, 'created the administrator from GRANARY_ADMIN_USER/GRANARY_ADMIN_PASSWORD');
      return undefined;
    }
    // Printed once, on purpose: the only way to learn it. Change it after signing in.
    this.logger.warn(
      { username },
      `created administrator "${username}" with password "${password}": sign in and change it, or create another administrator and remove this one`,
    );
    return password;
  }
}
