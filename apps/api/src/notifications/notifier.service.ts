import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, SYSTEM_ROLES } from '@granary/db';
import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG } from '../common/config/config.module';
import { DomainError } from '../common/problem/domain-error';
import { composeMail, type MailEvent } from './mail';
import { CLAIM_EVENTS, MARK_NOTIFIED, RECIPIENTS } from './notifier.queries';
import { runPeriodically } from './periodic';

/**
 * Events taken per sweep. Large enough that a burst (a detection run that finds many changes)
 * is one e-mail per person; events are small rows.
 */
const EVENTS_PER_SWEEP = 2000;
const SMTP_TIMEOUT_MS = 15_000;
/** Where users reach Granary when GRANARY_PUBLIC_URL is unset (the launcher's default PORT). */
const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

interface EventRow extends MailEvent {
  notify: boolean;
}

export interface SweepResult {
  /** Events marked notified. */
  events: number;
  /** E-mails sent. */
  mails: number;
  /** Events left for the next sweep because sending failed. */
  retry: number;
}

/**
 * The notifier: every GRANARY_NOTIFY_INTERVAL_MS (in processes that run workers) it takes the
 * oldest events nobody took (SKIP LOCKED, so several processes share them), finds who watches
 * each event's test, and sends each recipient ONE e-mail listing all its events of the sweep.
 * Events are marked notified in the same transaction. An e-mail that could not be sent for a
 * passing reason (server down, timeout) leaves its events for the next sweep, so a recipient
 * may get an event twice but never loses one; one the server refuses for good (a bad address)
 * is logged and not retried. Events with notify=false, and every event when GRANARY_SMTP_URL is
 * unset, are marked without e-mail.
 */
@Injectable()
export class NotifierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private periodic: { stop(): Promise<void> } | undefined;

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workers) {
      this.periodic = runPeriodically(this.config.notifyInterval, () => this.sweep(), (error) => this.logger.error({ msg: 'the notification sweep failed', err: error }));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
  }

  /** One sweep: mails the events waiting, at most EVENTS_PER_SWEEP of them. */
  async sweep(): Promise<SweepResult> {
    const result = await this.db.rawAsCaller(
      { userId: null, roles: SYSTEM_ROLES },
      async (client) => {
        const events = (await client.query<EventRow>(CLAIM_EVENTS, [EVENTS_PER_SWEEP])).rows;
        if (events.length === 0) {
          return { events: 0, mails: 0, retry: 0 };
        }
        const toMail = this.config.smtpUrl ? events.filter((e) => e.notify) : [];
        const testIds = [...new Set(toMail.map((e) => e.testId))];
        const recipients = testIds.length > 0 ? (await client.query<{ testId: number; name: string; address: string }>(RECIPIENTS, [testIds])).rows : [];
        const { sent, retry } = await this.send(mailsFor(toMail, recipients));
        const done = events.filter((e) => !retry.has(e.id)).map((e) => e.id);
        if (done.length > 0) {
          await client.query(MARK_NOTIFIED, [done]);
        }
        return { events: done.length, mails: sent, retry: retry.size };
      },
      'notifier: mail events',
    );
    if (result.mails > 0 || result.retry > 0) {
      this.logger.log({ msg: 'notification e-mails sent', ...result });
    }
    return result;
  }

  /**
   * Horreum's "test message": one e-mail to `address` now, so that an administrator can check the
   * SMTP settings. A refusal or an unreachable server is a 502 with the server's reason.
   */
  async sendTest(address: string): Promise<void> {
    if (!this.config.smtpUrl) {
      throw new DomainError('validation-failed', { detail: 'GRANARY_SMTP_URL is not set: this Granary sends no e-mail.' });
    }
    const transport = nodemailer.createTransport(transportOptions(this.config.smtpUrl));
    try {
      await transport.sendMail({
        from: this.config.mailFrom,
        to: address,
        subject: '[Granary] Test message',
        text: `This is a test message from Granary (${this.config.publicUrl ?? DEFAULT_PUBLIC_URL}): its notification e-mails reach you.\n`,
      });
    } catch (error) {
      throw new DomainError('bad-gateway', { detail: `The mail server did not take the message: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      transport.close();
    }
  }

  /**
   * Sends the e-mails over one connection (opened for this sweep, closed after it); answers how
   * many went and the ids of events to retry. Stops at the first passing failure.
   */
  private async send(mails: Map<string, { to: string; events: MailEvent[] }>): Promise<{ sent: number; retry: Set<string> }> {
    const retry = new Set<string>();
    let sent = 0;
    if (mails.size === 0 || !this.config.smtpUrl) {
      return { sent, retry };
    }
    const transport = nodemailer.createTransport(transportOptions(this.config.smtpUrl));
    try {
      sent = await this.sendAll(transport, mails, retry);
    } finally {
      transport.close();
    }
    return { sent, retry };
  }

  private async sendAll(transport: Transporter, mails: Map<string, { to: string; events: MailEvent[] }>, retry: Set<string>): Promise<number> {
    let sent = 0;
    let unreachable = false;
    for (const mail of mails.values()) {
      if (unreachable) {
        mail.events.forEach((e) => retry.add(e.id));
        continue;
      }
      const composed = composeMail(mail.events, { publicUrl: this.config.publicUrl ?? DEFAULT_PUBLIC_URL });
      try {
        await transport.sendMail({ from: this.config.mailFrom, to: mail.to, subject: composed.subject, text: composed.text, html: composed.html });
        sent++;
      } catch (error) {
        if (isPermanent(error)) {
          this.logger.error({ msg: 'the mail server refused a notification e-mail; it is not retried', err: error, events: mail.events.length });
        } else {
          this.logger.warn({ msg: 'could not send notification e-mails; retrying at the next sweep', err: error });
          mail.events.forEach((e) => retry.add(e.id));
          unreachable = true;
        }
      }
    }
    return sent;
  }
}

/** One e-mail per address (compared case-insensitively), listing the events of its tests in order. */
export function mailsFor(events: readonly MailEvent[], recipients: readonly { testId: number; address: string }[]): Map<string, { to: string; events: MailEvent[] }> {
  const byTest = new Map<number, Map<string, string>>();
  for (const r of recipients) {
    const addresses = byTest.get(r.testId) ?? new Map<string, string>();
    addresses.set(r.address.trim().toLowerCase(), r.address.trim());
    byTest.set(r.testId, addresses);
  }
  const mails = new Map<string, { to: string; events: MailEvent[] }>();
  for (const event of events) {
    for (const [key, to] of byTest.get(event.testId) ?? []) {
      const mail = mails.get(key) ?? { to, events: [] };
      mail.events.push(event);
      mails.set(key, mail);
    }
  }
  return mails;
}

/** A refusal the server will repeat (5xx reply, rejected recipients), as opposed to a connection problem. */
function isPermanent(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number };
  return e.code === 'EENVELOPE' || (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.code !== 'EAUTH');
}

/** GRANARY_SMTP_URL → nodemailer options: smtps:// is TLS from the start, smtp:// may upgrade (STARTTLS). */
function transportOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: 1,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS * 2,
  };
}
