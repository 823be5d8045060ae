export { Db, PrismaClient, Prisma, ANONYMOUS, SYSTEM_ROLES, openWorkerPool, type CallerIdentity, type DbOptions, type Tx } from './client';
export { EmbeddedCluster, EmbeddedClusterError, findFreePort, type EmbeddedClusterOptions } from './embedded';
export { provisionEmbedded, APP_ROLE, OWNER_ROLE, WORKER_ROLE, DEFAULT_DATABASE, type DatabaseUrls } from './provision';
export { resolveDataDir } from './data-dir';
export { connectionConfig, redactUrl, withDatabase } from './url';
export {
  PRISMA_DIR,
  defaultPaths,
  deployMigrations,
  migrationNames,
  migrationStatus,
  migrationStatusWith,
  schemaDrift,
  createMigration,
  markRolledBack,
  type MigrationStatus,
  type PrismaPaths,
} from './migrator/migrations';
export { describeConnectionError } from './errors';
export { classifyDbError, type DbErrorKind } from './errors-classify';
