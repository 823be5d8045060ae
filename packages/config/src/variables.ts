/**
 * Every environment variable Granary reads, in one table: name, who reads it, default,
 * description and whether it is secret. `docs/configuration.md` is rendered from this table
 * (`npm run docs -w @granary/config`), and a test fails when the two disagree.
 */
export type Component = 'launcher' | 'api' | 'web';

export interface VariableSpec<T> {
  name: string;
  readBy: Component[];
  description: string;
  /** As a user would write it; undefined means "unset". */
  default?: string;
  sensitive?: boolean;
  example?: string;
  parse(raw: string): T;
}

export class InvalidValue extends Error {}

const integer = (min: number, max: number) => (raw: string) => {
  if (!/^\d+$/.test(raw.trim())) {
    throw new InvalidValue(`must be a whole number from ${min} to ${max}`);
  }
  const n = Number(raw);
  if (n < min || n > max) {
    throw new InvalidValue(`must be from ${min} to ${max}`);
  }
  return n;
};

const port = integer(0, 65535);

const text = (raw: string) => raw;

const postgresUrl = (raw: string) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValue('must be a URL such as postgres://user:password@host:5432/granary');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InvalidValue('must start with postgres:// or postgresql://');
  }
  if (url.pathname.length <= 1) {
    throw new InvalidValue('must name a database, e.g. postgres://user:password@host:5432/granary');
  }
  return raw;
};

const httpUrl = (raw: string) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValue('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidValue('must start with http:// or https://');
  }
  return raw.replace(/\/+$/, '');
};

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** "50MiB", "100mb", "1048576" → bytes. */
export const byteSize = (raw: string) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = (m?.[2] || 'b').toLowerCase();
  const factor = SIZE_UNITS[unit];
  if (!m || factor === undefined) {
    throw new InvalidValue('must be a size such as 50MiB, 100MB or a number of bytes');
  }
  const bytes = Math.floor(Number(m[1]) * factor);
  if (bytes < 1024) {
    throw new InvalidValue('must be at least 1KiB');
  }
  return bytes;
};

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30m", "12h", "7d", "45s" → milliseconds. */
export const duration = (raw: string) => {
  const m = /^\s*(\d+)\s*([smhd])\s*$/i.exec(raw);
  if (!m) {
    throw new InvalidValue('must be a duration such as 45s, 30m, 12h or 7d');
  }
  const ms = Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!;
  if (ms < 60_000) {
    throw new InvalidValue('must be at least 1m');
  }
  return ms;
};

const username = (raw: string) => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/.test(raw)) {
    throw new InvalidValue('must be a user name: letters, digits and . _ @ + -, starting with a letter or digit');
  }
  return raw;
};

const boolean = (raw: string) => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(v)) {
    return false;
  }
  throw new InvalidValue('must be true or false');
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const logLevel = (raw: string): LogLevel => {
  const v = raw.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v)) {
    throw new InvalidValue(`must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return v as LogLevel;
};

const smtpUrl = (raw: string) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValue('must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new InvalidValue('must start with smtp:// or smtps://');
  }
  return raw;
};

const host = (raw: string) => {
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(raw)) {
    throw new InvalidValue('must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0');
  }
  return raw;
};

export const VARIABLES = {
  port: {
    name: 'PORT',
    readBy: ['launcher'],
    description: 'The port of the one origin users open: the UI at `/` and the API at `/api`.',
    default: '8080',
    parse: port,
  },
  host: {
    name: 'HOST',
    readBy: ['launcher'],
    description: 'Address the launcher listens on. The default only accepts connections from this machine; use `0.0.0.0` to serve the network (containers do).',
    default: '127.0.0.1',
    parse: host,
  },
  dataDir: {
    name: 'GRANARY_DATA_DIR',
    readBy: ['launcher'],
    description: 'Where the embedded PostgreSQL keeps its data (`pg/`) and generated credentials (`credentials.json`). Relative paths are resolved against the directory `npm` was run in. Unused when `DATABASE_URL` is set.',
    default: './.granary',
    parse: text,
  },
  dbPort: {
    name: 'GRANARY_DB_PORT',
    readBy: ['launcher'],
    description: 'TCP port of the embedded PostgreSQL on 127.0.0.1; `0` picks a free port at every start (printed at start-up).',
    default: '0',
    parse: port,
  },
  databaseUrl: {
    name: 'DATABASE_URL',
    readBy: ['launcher', 'api'],
    description: 'PostgreSQL server to use instead of the embedded one, as the role that owns Granary\'s tables and runs migrations. When set, no embedded database starts.',
    sensitive: true,
    example: 'postgres://granary_owner:secret@db:5432/granary',
    parse: postgresUrl,
  },
  databaseAppUrl: {
    name: 'DATABASE_APP_URL',
    readBy: ['launcher', 'api'],
    description: 'Connection for the API and workers as the `granary_app` role (no ownership, no BYPASSRLS). When unset, the API logs in with `DATABASE_URL` and switches to `granary_app` on each connection. Set by the launcher in embedded mode.',
    sensitive: true,
    example: 'postgres://granary_app:secret@db:5432/granary',
    parse: postgresUrl,
  },
  databaseWorkerUrl: {
    name: 'DATABASE_WORKER_URL',
    readBy: ['launcher', 'api'],
    description: 'Connection for the results pipeline as the `granary_worker` role: a member of `granary_app` with BYPASSRLS (the pipeline works for every team; planning its statements under row-level security cost more than running them). When unset, the pipeline uses the app role\'s connection and runs under row-level security, more slowly. Set by the launcher in embedded mode.',
    sensitive: true,
    example: 'postgres://granary_worker:secret@db:5432/granary',
    parse: postgresUrl,
  },
  databasePoolSize: {
    name: 'DATABASE_POOL_SIZE',
    readBy: ['api'],
    description: 'Connections each API process keeps open at most.',
    default: '10',
    parse: integer(1, 500),
  },
  apiPort: {
    name: 'GRANARY_API_PORT',
    readBy: ['launcher', 'api'],
    description: 'Port of the API process behind the launcher (`0`: the launcher picks a free one).',
    default: '0',
    parse: port,
  },
  apiHost: {
    name: 'GRANARY_API_HOST',
    readBy: ['api'],
    description: 'Address the API process listens on. Behind the launcher it only needs loopback.',
    default: '127.0.0.1',
    parse: host,
  },
  webPort: {
    name: 'GRANARY_WEB_PORT',
    readBy: ['launcher'],
    description: 'Port of the UI (Next.js) process behind the launcher (`0`: the launcher picks a free one).',
    default: '0',
    parse: port,
  },
  apiUrl: {
    name: 'GRANARY_API_URL',
    readBy: ['web'],
    description: 'Where the UI\'s server-side rendering reaches the API. Set by the launcher; set it yourself when you run the UI separately.',
    example: 'http://127.0.0.1:8081',
    parse: httpUrl,
  },
  publicUrl: {
    name: 'GRANARY_PUBLIC_URL',
    readBy: ['api', 'launcher', 'web'],
    description: 'The address users reach Granary at, used in links (OpenAPI `servers`, notification e-mails, later webhooks). Defaults to `http://localhost:$PORT`.',
    example: 'https://granary.example.com',
    parse: httpUrl,
  },
  maxBodySize: {
    name: 'GRANARY_MAX_BODY_SIZE',
    readBy: ['api'],
    description: 'Largest request body the API accepts (results documents are large); larger ones are answered 413.',
    default: '50MiB',
    parse: byteSize,
  },
  maxJsonDepth: {
    name: 'GRANARY_MAX_JSON_DEPTH',
    readBy: ['api'],
    description: 'Deepest nesting of objects and arrays an uploaded document may have; deeper ones are answered 422.',
    default: '128',
    parse: integer(8, 10_000),
  },
  workers: {
    name: 'GRANARY_WORKERS',
    readBy: ['api'],
    description: 'Whether this API process also runs the background pipeline (datasets, label values, recalculations): `true` or `false`. Several processes may run workers against one database; they share the work through the job queue.',
    default: 'true',
    parse: boolean,
  },
  pipelineBatch: {
    name: 'GRANARY_PIPELINE_BATCH',
    readBy: ['api'],
    description: 'Runs (or datasets, when recalculating) the pipeline processes per transaction.',
    default: '200',
    parse: integer(1, 10_000),
  },
  recalculationParallelism: {
    name: 'GRANARY_RECALCULATION_PARALLELISM',
    readBy: ['api'],
    description: "Transactions each chunk of a label or fingerprint recalculation is split into, run side by side on as many database connections (each is one PostgreSQL process, so one CPU core). More than the database server's cores gains nothing; 1 runs one chunk at a time.",
    default: '2',
    parse: integer(1, 16),
  },
  functionTimeout: {
    name: 'GRANARY_FUNCTION_TIMEOUT_MS',
    readBy: ['api'],
    description: "Time one call of a user's JavaScript function (label, transformer, filter) may take, in milliseconds; a longer one is stopped and recorded as that value's error.",
    default: '1000',
    parse: integer(10, 600_000),
  },
  functionMemory: {
    name: 'GRANARY_FUNCTION_MEMORY_MB',
    readBy: ['api'],
    description: "Heap limit of the sandbox that runs users' JavaScript functions, in MiB; a function that needs more is stopped and recorded as an error.",
    default: '64',
    parse: integer(8, 4096),
  },
  checkInterval: {
    name: 'GRANARY_CHECK_INTERVAL_MS',
    readBy: ['api'],
    description: 'How often, in milliseconds, the API looks for missing data (missing data rules) and for announced runs that did not arrive in time (run expectations). Several processes may do so against one database; one of them does the work each time.',
    default: '60000',
    parse: integer(1000, 86_400_000),
  },
  notifyInterval: {
    name: 'GRANARY_NOTIFY_INTERVAL_MS',
    readBy: ['api'],
    description: 'How often, in milliseconds, the API mails what happened (changes, missing data, missed runs) to the subscribers of each test: one e-mail per person per sweep, however many events.',
    default: '10000',
    parse: integer(100, 86_400_000),
  },
  smtpUrl: {
    name: 'GRANARY_SMTP_URL',
    readBy: ['api'],
    description: 'Mail server for notifications, with credentials if it needs them (`smtps://` for TLS from the start; `smtp://` upgrades with STARTTLS when the server offers it). When unset, no e-mail is sent and events are only recorded.',
    sensitive: true,
    example: 'smtp://granary:secret@mail.example.com:587',
    parse: smtpUrl,
  },
  mailFrom: {
    name: 'GRANARY_MAIL_FROM',
    readBy: ['api'],
    description: 'Sender of notification e-mails, as a mail address with an optional display name.',
    default: 'Granary <granary@localhost>',
    parse: text,
  },
  adminUser: {
    name: 'GRANARY_ADMIN_USER',
    readBy: ['api'],
    description: 'User name of the administrator created at the first start, when no administrator exists. See "Retiring the bootstrap administrator" in docs/security.md.',
    default: 'admin',
    parse: username,
  },
  adminPassword: {
    name: 'GRANARY_ADMIN_PASSWORD',
    readBy: ['api'],
    description: 'Password of that bootstrap administrator. When unset, a random one is generated and printed once to the log.',
    sensitive: true,
    parse: (raw: string) => {
      if (raw.length < 8) {
        throw new InvalidValue('must be at least 8 characters long');
      }
      return raw;
    },
  },
  localLogin: {
    name: 'GRANARY_LOCAL_LOGIN',
    readBy: ['api', 'web'],
    description: "Whether Granary's own users may sign in with a password (login form, HTTP Basic, `POST /api/auth/login`). Turn it off once everyone signs in through the OIDC provider.",
    default: 'true',
    parse: boolean,
  },
  oidcIssuerUrl: {
    name: 'OIDC_ISSUER_URL',
    readBy: ['api', 'web'],
    description: 'Issuer of the OIDC provider users sign in with (Keycloak: `https://keycloak.example.com/realms/granary`). When unset, only Granary\'s own users exist.',
    example: 'http://localhost:8180/realms/granary',
    parse: httpUrl,
  },
  oidcClientId: {
    name: 'OIDC_CLIENT_ID',
    readBy: ['api', 'web'],
    description: 'Client id of the UI at the OIDC provider (authorization-code flow with PKCE).',
    default: 'granary-ui',
    parse: text,
  },
  oidcClientSecret: {
    name: 'OIDC_CLIENT_SECRET',
    readBy: ['web'],
    description: 'Secret of that client, when the provider registers it as confidential; unset for a public client.',
    sensitive: true,
    parse: text,
  },
  oidcAudience: {
    name: 'OIDC_AUDIENCE',
    readBy: ['api'],
    description: 'Audience the API requires in bearer access tokens (Keycloak: the API client, `granary-api`). When unset, the audience is not checked.',
    example: 'granary-api',
    parse: text,
  },
  oidcRolesClaim: {
    name: 'OIDC_ROLES_CLAIM',
    readBy: ['api'],
    description: 'Where tokens carry Granary roles, as a dotted path (Keycloak: `realm_access.roles`). When set, roles come from the token; when unset, teams and roles are kept in Granary\'s database.',
    example: 'realm_access.roles',
    parse: text,
  },
  oidcUsernameClaim: {
    name: 'OIDC_USERNAME_CLAIM',
    readBy: ['api'],
    description: 'Token claim that holds the user name.',
    default: 'preferred_username',
    parse: text,
  },
  sessionIdle: {
    name: 'GRANARY_SESSION_IDLE',
    readBy: ['api'],
    description: 'A Granary session (login form, `POST /api/auth/login`) ends after this long without use.',
    default: '12h',
    parse: duration,
  },
  sessionMaxAge: {
    name: 'GRANARY_SESSION_MAX_AGE',
    readBy: ['api'],
    description: 'A Granary session ends this long after login, however busy.',
    default: '7d',
    parse: duration,
  },
  logLevel: {
    name: 'LOG_LEVEL',
    readBy: ['launcher', 'api'],
    description: 'Least severe log level written (JSON lines on standard output): fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
    parse: logLevel,
  },
} satisfies Record<string, VariableSpec<unknown>>;

export type Variables = typeof VARIABLES;
export type VariableKey = keyof Variables;
type ParsedOf<K extends VariableKey> = ReturnType<Variables[K]['parse']>;
/** Variables with a default are always present; the others may be undefined. */
export type Config = {
  [K in VariableKey]: Variables[K] extends { default: string } ? ParsedOf<K> : ParsedOf<K> | undefined;
};
