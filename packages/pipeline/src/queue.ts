import PgBoss from 'pg-boss';
import pg from 'pg';

/** The PostgreSQL schema of Granary's job queue (pg-boss). */
export const QUEUE_SCHEMA = 'granary_jobs';

/** Wakes pipeline workers on any machine: at most one waiting and one running (pg-boss "stately"). */
export const PIPELINE_QUEUE = 'granary-pipeline';

/**
 * Creates (or upgrades) the job queue's tables with the owner's connection and lets the app role
 * use them. The launcher calls it after the migrations; an API started with the owner's URL
 * calls it itself. Idempotent.
 */
export async function installJobQueue(ownerUrl: string, appRole = 'granary_app'): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: QUEUE_SCHEMA, supervise: false, schedule: false, max: 2, application_name: 'granary-install' });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    if (!(await boss.getQueue(PIPELINE_QUEUE))) {
      await boss.createQueue(PIPELINE_QUEUE, { name: PIPELINE_QUEUE, policy: 'stately', retryLimit: 5, retryDelay: 5 });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true });
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [appRole]);
    if (exists.rowCount) {
      const role = client.escapeIdentifier(appRole);
      await client.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO ${role};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${QUEUE_SCHEMA} TO ${role};
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${QUEUE_SCHEMA} TO ${role};`);
    }
  } finally {
    await client.end();
  }
}
