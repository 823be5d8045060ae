/**
 * Prisma's schema engine, loaded from its WebAssembly build (`@prisma/schema-engine-wasm`) and
 * connected through `@prisma/adapter-pg`, so that migrations can be created, applied and checked
 * on machines where Prisma's CLI cannot download its native engine.
 *
 * The engine code, the `_prisma_migrations` table and the checksums are the ones the native
 * engine uses, so stock `prisma migrate deploy` agrees with what this applies.
 *
 * adapter-pg 7.10 needs four adjustments to serve the schema engine (each marked below):
 * "char" columns, the shadow database's connection, its clean-up, and scripts with `$$` bodies.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { connectionConfig } from '../url';

/** The subset of the wasm engine's API that Granary uses (see schema_engine.d.ts). */
export interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationList; filters: SchemaFilter }): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(input: { migrationsList: MigrationList; optInToShadowDatabase: boolean; filters: SchemaFilter }): Promise<HistoryDiagnosis>;
  diff(input: { from: DiffTarget; to: DiffTarget; script: boolean; exitCode: boolean | null; filters: SchemaFilter }): Promise<{ exitCode: number; stdout: string | null }>;
  markMigrationRolledBack(input: { migrationName: string }): Promise<unknown>;
  free(): void;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

export interface SchemaFilter {
  externalTables: string[];
  externalEnums: string[];
}

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[];
}

export type DiffTarget =
  | { tag: 'empty' }
  | ({ tag: 'migrations' } & MigrationList)
  | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] };

export interface HistoryDiagnosis {
  editedMigrationNames: string[];
  failedMigrationNames: string[];
  hasMigrationsTable: boolean;
  history:
    | null
    | { diagnostic: 'databaseIsBehind'; unappliedMigrationNames: string[] }
    | { diagnostic: 'migrationsDirectoryIsBehind'; unpersistedMigrationNames: string[] }
    | { diagnostic: 'historiesDiverge'; lastCommonMigrationName: string | null; unpersistedMigrationNames: string[]; unappliedMigrationNames: string[] };
  errorInUnappliedMigration: unknown;
}

/** The engine as the wasm module hands it out. */
type RawEngine = Omit<SchemaEngine, 'close'>;

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Adapter = Record<string, unknown> & {
  performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[]; rows: unknown[] & { charColumns?: number[] } }>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: unknown[] & { charColumns?: number[] } }>;
  startTransaction(isolationLevel?: string): Promise<Adapter>;
  executeScript(script: string): Promise<void>;
  dispose(): Promise<void>;
  underlyingDriver(): pg.Pool;
};

/**
 * Fix 1: adapter-pg cannot deserialize PostgreSQL's one-byte `"char"` type (OID 18), which the
 * engine reads from `pg_constraint.contype`. Report those columns as text to the adapter and
 * as `Character` to the engine. The column indexes ride on the rows array that queryRaw returns.
 */
function patchQueryable(q: Adapter): Adapter {
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length > 0) {
      result.rows.charColumns = charColumns;
    }
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of result.rows.charColumns ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  if (typeof q.startTransaction === 'function') {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (isolationLevel) => patchQueryable(await startTransaction(isolationLevel));
  }
  return q;
}

/**
 * Fix 4: adapter-pg splits scripts on `;`, which breaks `$$` function bodies and string
 * literals and makes a migration non-atomic. One simple-protocol query runs the whole script
 * as one implicit transaction, as the native engine does.
 */
function patchScripts(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  return adapter;
}

class MigratePg extends PrismaPg {
  /** Connections the engine opened; it never closes them, and they hold its advisory lock. */
  readonly opened: Adapter[] = [];

  constructor(private readonly discrete: pg.PoolConfig) {
    // Fix 2: discrete fields, never `connectionString`, which would override `database` and
    // point the "shadow" database at the main one.
    super({ ...discrete, max: 2 });
  }

  override async connect(): Promise<never> {
    const adapter = (await super.connect()) as unknown as Adapter;
    this.opened.push(adapter);
    return patchScripts(patchQueryable(adapter)) as never;
  }

  /** Fix 3: create the temporary database, and drop it (forcibly) after its pool has closed. */
  override async connectToShadowDb(): Promise<never> {
    const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
    await runOnce(this.discrete, `CREATE DATABASE "${database}"`);
    const pool = new pg.Pool({ ...this.discrete, database, max: 2 });
    const shadow = new PrismaPg(pool, { disposeExternalPool: true });
    const adapter = (await shadow.connect()) as unknown as Adapter;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await runOnce(this.discrete, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return patchScripts(patchQueryable(adapter)) as never;
  }
}

async function runOnce(config: pg.PoolConfig, sql: string): Promise<void> {
  const client = new pg.Client({ ...config, database: config.database ?? 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Node's WebAssembly global, typed just enough (the DOM lib is not part of a Node build).
interface WasmApi {
  Module: new (bytes: Buffer) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface WasmGlue {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  SchemaEngine: {
    new: (options: { datamodels: [string, string][] }, log: (line: string) => void, adapter: object) => Promise<RawEngine>;
  };
}

let gluePromise: Promise<WasmGlue> | undefined;

/** Instantiates the wasm module once per process. */
async function loadGlue(): Promise<WasmGlue> {
  gluePromise ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    // The glue is an ES module; TypeScript keeps `import()` as is in a Node16 CommonJS build.
    const glue = (await import(pathToFileURL(gluePath).href)) as WasmGlue;
    const wasmPath = gluePath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
    const instance = new wasmApi.Instance(new wasmApi.Module(fs.readFileSync(wasmPath)), {
      './schema_engine_bg.js': glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(m: string) {
        this.message = m;
      },
    };
    return glue;
  })();
  return gluePromise;
}

export interface EngineOptions {
  url: string;
  schemaPath: string;
  log?: (line: string) => void;
}

/** Opens a schema engine on `url` with the schema at `schemaPath`; call `free()` when done. */
export async function openEngine(options: EngineOptions): Promise<SchemaEngine> {
  const glue = await loadGlue();
  const adapterFactory = new MigratePg(connectionConfig(options.url));
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory as never) as unknown as {
    errorRegistry: { consumeError(id: number): { error: unknown } | undefined };
  };
  const schema = fs.readFileSync(options.schemaPath, 'utf8');
  const engine = await glue.SchemaEngine.new({ datamodels: [[options.schemaPath, schema]] }, options.log ?? (() => undefined), factory);
  const readable = withReadableErrors(engine, factory.errorRegistry);
  return {
    ...bindAll(readable),
    // Releases the engine and closes its connections: a session left open keeps Prisma's
    // migration advisory lock, and the next engine would wait 10 s for it.
    close: async () => {
      engine.free();
      await Promise.all(adapterFactory.opened.map((a) => a.dispose().catch(() => undefined)));
    },
  };
}

function bindAll(engine: RawEngine): RawEngine {
  return {
    applyMigrations: (input) => engine.applyMigrations(input),
    diagnoseMigrationHistory: (input) => engine.diagnoseMigrationHistory(input),
    diff: (input) => engine.diff(input),
    markMigrationRolledBack: (input) => engine.markMigrationRolledBack(input),
    free: () => engine.free(),
  };
}

/**
 * The engine reports database errors as "External error id#N"; the error itself waits in the
 * adapter's registry. Put PostgreSQL's own message (and the engine's context) in front.
 */
function withReadableErrors(engine: RawEngine, registry: { consumeError(id: number): { error: unknown } | undefined }): RawEngine {
  return new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) {
          return result;
        }
        return result.catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const id = /External error id#(\d+)/.exec(message)?.[1];
          const record = id === undefined ? undefined : registry.consumeError(Number(id));
          if (!record) {
            throw error;
          }
          const cause = record.error as { message?: string; cause?: { originalMessage?: string; message?: string } };
          const original = cause?.cause?.originalMessage ?? cause?.cause?.message ?? cause?.message ?? String(record.error);
          const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
          throw new Error(migration ? `migration ${migration} failed: ${original}` : original, { cause: record.error });
        });
      };
    },
  });
}
