import { Injectable } from '@nestjs/common';
import type { Tx } from '@granary/db';
import type pg from 'pg';

export interface TestRef {
  id: number;
  name: string;
  owner: string;
}

export interface RuleRow {
  id: number;
  testId: number;
  name: string | null;
  labels: string[];
  condition: string | null;
  maxStaleness: number;
  lastNotification: Date | null;
}

export interface RuleFields {
  name: string | null;
  labels: string[];
  condition: string | null;
  maxStaleness: number;
}

export interface WatchRow {
  id: number | null;
  testId: number;
  users: string[];
  teams: string[];
  optout: string[];
}

export interface SettingRow {
  id: number;
  name: string;
  isTeam: boolean;
  method: string;
  data: string | null;
  disabled: boolean;
}

const RULE_COLUMNS = `id, test_id AS "testId", name, coalesce(labels, '{}') AS labels, condition, max_staleness::float8 AS "maxStaleness", last_notification AS "lastNotification"`;

/**
 * Rows of missing data rules, run expectations, watches and notification settings, always in the
 * caller's transaction (row-level security decides what exists for the caller). Missing data
 * rules and expectations use plain `pg` clients: saving a rule re-evaluates it with the
 * pipeline's functions in the same transaction.
 */
@Injectable()
export class NotificationsRepository {
  /** A test the caller can see, by id. */
  async findTest(client: pg.PoolClient, id: number): Promise<TestRef | undefined> {
    return (await client.query<TestRef>('SELECT id, name, owner FROM test WHERE id = $1', [id])).rows[0];
  }

  /** A test the caller can see, by name or else by id (Horreum's `test=` parameters). */
  async findTestByNameOrId(client: pg.PoolClient, test: string): Promise<TestRef | undefined> {
    const { rows } = await client.query<TestRef>(
      `SELECT id, name, owner FROM test WHERE name = $1 OR ($1 ~ '^[0-9]{1,9}$' AND id = $1::integer) ORDER BY (name = $1) DESC LIMIT 1`,
      [test],
    );
    return rows[0];
  }

  /** The test a caller may announce runs for (uploaders and testers of its team; granary_upload_target). */
  async findUploadTarget(client: pg.PoolClient, test: string): Promise<{ testId: number } | undefined> {
    return (await client.query<{ testId: number }>('SELECT test_id AS "testId" FROM granary_upload_target($1)', [test])).rows[0];
  }

  async findRules(client: pg.PoolClient, testId: number): Promise<RuleRow[]> {
    return (await client.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM missing_data_rule WHERE test_id = $1 ORDER BY id`, [testId])).rows;
  }

  async findRule(client: pg.PoolClient, id: number): Promise<RuleRow | undefined> {
    return (await client.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM missing_data_rule WHERE id = $1`, [id])).rows[0];
  }

  async insertRule(client: pg.PoolClient, testId: number, fields: RuleFields): Promise<number> {
    const { rows } = await client.query<{ id: number }>(
      'INSERT INTO missing_data_rule (test_id, name, labels, condition, max_staleness) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [testId, fields.name, fields.labels, fields.condition, fields.maxStaleness],
    );
    return rows[0]!.id;
  }

  /** Replaces a rule's fields and forgets its last notification; false when the test has no such rule. */
  async updateRule(client: pg.PoolClient, id: number, testId: number, fields: RuleFields): Promise<boolean> {
    const { rowCount } = await client.query(
      'UPDATE missing_data_rule SET name = $3, labels = $4, condition = $5, max_staleness = $6, last_notification = NULL WHERE id = $1 AND test_id = $2',
      [id, testId, fields.name, fields.labels, fields.condition, fields.maxStaleness],
    );
    return (rowCount ?? 0) > 0;
  }

  async deleteRule(client: pg.PoolClient, id: number): Promise<void> {
    await client.query('DELETE FROM missing_data_rule WHERE id = $1', [id]);
  }

  /**
   * Records a run expectation. No RETURNING: an uploader may announce runs of a test it may not
   * read, and RETURNING would apply the read policy.
   */
  async insertRunExpectation(client: pg.PoolClient, row: { testId: number; timeoutSeconds: number; expectedBy: string; backlink: string | null }): Promise<void> {
    await client.query(
      `INSERT INTO run_expectation (test_id, expected_before, expected_by, backlink) VALUES ($1, now() + $2 * interval '1 second', $3, $4)`,
      [row.testId, row.timeoutSeconds, row.expectedBy, row.backlink],
    );
  }

  /** Switches the rest of the transaction to the system's identity (work the caller was allowed to start). */
  async actAsSystem(client: pg.PoolClient, roles: readonly string[], reason: string): Promise<void> {
    await client.query(`SELECT set_config('granary.user_id', '', true), set_config('granary.roles', $1, true), set_config('granary.reason', $2, true)`, [roles.join(','), reason]);
  }

  async findVisibleTest(tx: Tx, id: number): Promise<TestRef | null> {
    return tx.test.findUnique({ where: { id }, select: { id: true, name: true, owner: true } });
  }

  async findWatch(tx: Tx, testId: number): Promise<WatchRow | null> {
    return tx.watch.findUnique({ where: { testId }, select: { id: true, testId: true, users: true, teams: true, optout: true } });
  }

  async upsertWatch(tx: Tx, watch: Omit<WatchRow, 'id'>): Promise<void> {
    const fields = { users: watch.users, teams: watch.teams, optout: watch.optout };
    await tx.watch.upsert({ where: { testId: watch.testId }, create: { testId: watch.testId, ...fields }, update: fields });
  }

  /** Watches naming the user, or one of the teams, or opting the user out (visible tests only). */
  async findWatchesOf(tx: Tx, username: string, teams: string[]): Promise<WatchRow[]> {
    return tx.watch.findMany({
      where: { OR: [{ users: { has: username } }, { optout: { has: username } }, ...(teams.length > 0 ? [{ teams: { hasSome: teams } }] : [])] },
      select: { id: true, testId: true, users: true, teams: true, optout: true },
      orderBy: { testId: 'asc' },
    });
  }

  async findSettings(tx: Tx, name: string, isTeam: boolean): Promise<SettingRow[]> {
    return tx.notificationSetting.findMany({ where: { name, isTeam }, orderBy: { id: 'asc' } });
  }

  async replaceSettings(tx: Tx, name: string, isTeam: boolean, settings: { method: string; data: string | null; disabled: boolean }[]): Promise<void> {
    await tx.notificationSetting.deleteMany({ where: { name, isTeam } });
    if (settings.length > 0) {
      await tx.notificationSetting.createMany({ data: settings.map((s) => ({ name, isTeam, ...s })) });
    }
  }
}
