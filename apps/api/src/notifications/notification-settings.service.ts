import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { NotificationSettingsDto } from './dto/notification-settings.dto';
import { NotificationsRepository } from './notifications.repository';

/** Notification methods Granary has (Horreum's plugins): e-mail only. */
export const NOTIFICATION_METHODS = ['email'] as const;

/** A plain mail address: one @, no spaces or line breaks (anything that could become a header). */
const MAIL_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/**
 * How users and teams are told (Horreum's NotificationSettings). A user manages its own, a team's
 * managers manage the team's (a mailing list instead of each member), administrators any.
 */
@Injectable()
export class NotificationSettingsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
  ) {}

  async list(caller: UserCaller, name: string, isTeam: boolean): Promise<NotificationSettingsDto[]> {
    this.requireOwner(caller, name, isTeam);
    return this.db.asCaller(identityOf(caller), (tx) => this.repo.findSettings(tx, name, isTeam));
  }

  /** Replaces every setting of the user or team (Horreum's updateSettings); an unknown method is a 400. */
  async replace(caller: UserCaller, name: string, isTeam: boolean, body: unknown): Promise<void> {
    this.requireOwner(caller, name, isTeam);
    const settings = parseSettings(body);
    await this.db.asCaller(identityOf(caller), (tx) => this.repo.replaceSettings(tx, name, isTeam, settings));
  }

  private requireOwner(caller: UserCaller, name: string, isTeam: boolean): void {
    const allowed = caller.isAdmin || (isTeam ? name.endsWith('-team') && hasTeamRole(caller, name, 'manager') : name === caller.username);
    if (!allowed) {
      throw new DomainError('forbidden', {
        detail: isTeam ? `Only managers of ${name} may manage its notification settings.` : 'You may only manage your own notification settings.',
      });
    }
  }
}

/** The body of `POST /api/notifications/settings`: an array of {method, data, disabled}. */
export function parseSettings(body: unknown): { method: string; data: string | null; disabled: boolean }[] {
  if (!Array.isArray(body)) {
    throw new DomainError('validation-failed', { detail: 'Send an array of notification settings.', errors: [{ pointer: '', message: 'must be an array' }] });
  }
  if (body.length > 100) {
    throw new DomainError('validation-failed', { detail: 'At most 100 notification settings.' });
  }
  return body.map((item: unknown, i) => {
    const s = (typeof item === 'object' && item !== null ? item : {}) as Partial<Record<keyof NotificationSettingsDto, unknown>>;
    if (typeof s.method !== 'string' || !(NOTIFICATION_METHODS as readonly string[]).includes(s.method)) {
      throw new DomainError('validation-failed', { detail: `Invalid method ${JSON.stringify(s.method ?? null)}: use one of ${NOTIFICATION_METHODS.join(', ')}.`, errors: [{ pointer: `/${i}/method`, message: 'unknown method' }] });
    }
    const data = typeof s.data === 'string' && s.data.trim() !== '' ? s.data.trim() : null;
    const disabled = s.disabled === true;
    if (data !== null ? !MAIL_ADDRESS.test(data) || data.length > 320 : !disabled) {
      throw new DomainError('validation-failed', { detail: `Setting ${i}: data must be an e-mail address.`, errors: [{ pointer: `/${i}/data`, message: 'not an e-mail address' }] });
    }
    return { method: s.method, data, disabled };
  });
}
