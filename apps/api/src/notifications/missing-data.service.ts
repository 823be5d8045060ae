import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, SYSTEM_ROLES } from '@granary/db';
import { evaluateMissingDataRule } from '@granary/pipeline';
import { Sandbox } from '@granary/sandbox';
import type pg from 'pg';
import { hasTeamRole } from '../auth/roles';
import { CONFIG } from '../common/config/config.module';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { ExpectRunQuery, MissingDataRuleDto } from './dto/missing-data-rule.dto';
import { NotificationsRepository, type RuleRow, type TestRef } from './notifications.repository';

/**
 * Missing data rules (Horreum's "Missing data notifications") and run expectations: who may
 * read and change them, and the re-evaluation of a saved rule over its test's datasets.
 */
@Injectable()
export class MissingDataService implements OnApplicationShutdown {
  private sandbox: Sandbox | undefined;

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
  ) {}

  /** The rules of a test the caller can see (404 otherwise). */
  async list(caller: Caller, testId: number): Promise<MissingDataRuleDto[]> {
    return this.db.rawAsCaller(identityOf(caller), async (client) => {
      await this.visibleTest(client, testId);
      return (await this.repo.findRules(client, testId)).map(toDto);
    });
  }

  /**
   * Creates (no id, or a negative one) or replaces a rule of the test, forgetting when it last
   * notified, and evaluates it over every dataset of the test in the same transaction (Horreum
   * does so after the commit, in its per-test queue). Testers of the test's team only.
   */
  async save(caller: UserCaller, testId: number, body: MissingDataRuleDto): Promise<number> {
    const fields = {
      name: body.name ?? null,
      labels: body.labels ?? [],
      condition: body.condition?.trim() ? body.condition : null,
      maxStaleness: body.maxStaleness,
    };
    return this.db.rawAsCaller(
      identityOf(caller),
      async (client) => {
        const test = await this.writableTest(client, caller, testId);
        let id: number;
        if (body.id === undefined || body.id === null || body.id < 0) {
          id = await this.repo.insertRule(client, testId, fields);
        } else if (await this.repo.updateRule(client, body.id, testId, fields)) {
          id = body.id;
        } else {
          throw new DomainError('not-found', { detail: `Test ${test.name} has no missing data rule ${body.id}.` });
        }
        // The caller may change the rule; which datasets it matches is the system's to find out
        // (the caller may not see every dataset of the test).
        await this.repo.actAsSystem(client, SYSTEM_ROLES, `evaluate missing data rule ${id}`);
        await evaluateMissingDataRule(client, id, this.sandboxFor());
        return id;
      },
      'save missing data rule',
    );
  }

  /** Deletes a rule (testers of its test's team; 404 when the caller cannot see its test). */
  async delete(caller: UserCaller, id: number): Promise<void> {
    await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const rule = await this.repo.findRule(client, id);
      if (!rule) {
        throw new DomainError('not-found', { detail: `No missing data rule ${id}, or you may not see it.` });
      }
      await this.writableTest(client, caller, rule.testId);
      await this.repo.deleteRule(client, id);
    });
  }

  /**
   * Horreum's expectRun: a run must be uploaded to the test within `timeout` seconds, or the
   * test's subscribers are told. Uploaders and testers of the test's team (who may not be able
   * to read a private test: granary_upload_target); 403 for others who can see the test.
   */
  async expectRun(caller: UserCaller, query: ExpectRunQuery): Promise<void> {
    await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const target = await this.repo.findUploadTarget(client, query.test);
      if (!target) {
        const visible = await this.repo.findTestByNameOrId(client, query.test);
        if (visible) {
          throw new DomainError('forbidden', { detail: `Only uploaders and testers of ${visible.owner} may announce runs of test ${visible.name}.` });
        }
        throw new DomainError('not-found', { detail: `No test ${query.test}, or you may not see it.` });
      }
      await this.repo.insertRunExpectation(client, {
        testId: target.testId,
        timeoutSeconds: query.timeout,
        expectedBy: query.expectedby ?? caller.username,
        backlink: query.backlink ?? null,
      });
    });
  }

  onApplicationShutdown(): void {
    this.sandbox?.dispose();
  }

  private async visibleTest(client: pg.PoolClient, testId: number): Promise<TestRef> {
    const test = await this.repo.findTest(client, testId);
    if (!test) {
      throw new DomainError('not-found', { detail: `No test ${testId}, or you may not see it.` });
    }
    return test;
  }

  private async writableTest(client: pg.PoolClient, caller: UserCaller, testId: number): Promise<TestRef> {
    const test = await this.visibleTest(client, testId);
    if (!hasTeamRole(caller, test.owner, 'tester')) {
      throw new DomainError('forbidden', { detail: `Only testers of ${test.owner} may change the missing data rules of test ${test.name}.` });
    }
    return test;
  }

  private sandboxFor(): Sandbox {
    this.sandbox ??= new Sandbox({ timeoutMs: this.config.functionTimeout, memoryMb: this.config.functionMemory });
    return this.sandbox;
  }
}

function toDto(row: RuleRow): MissingDataRuleDto {
  return {
    id: row.id,
    name: row.name,
    labels: row.labels,
    condition: row.condition,
    maxStaleness: row.maxStaleness,
    lastNotification: row.lastNotification ? row.lastNotification.toISOString() : null,
    testId: row.testId,
  };
}
