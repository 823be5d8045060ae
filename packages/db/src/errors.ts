/** One line saying why a database connection failed and what to do, for start-up messages. */
export function describeConnectionError(error: unknown, where: string): string {
  const e = error as NodeJS.ErrnoException & { code?: string; message?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where} (connection refused): is the server running? Check DATABASE_URL, or unset it to use the embedded database.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve the PostgreSQL host in ${where}: check the host name in DATABASE_URL.`;
    case 'ETIMEDOUT':
      return `PostgreSQL at ${where} did not answer in time: check DATABASE_URL and the network between Granary and the server.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the credentials: check the user and password in DATABASE_URL.`;
    case '3D000':
      return `The database in ${where} does not exist: create it (CREATE DATABASE) or fix the name in DATABASE_URL.`;
    default:
      return `Cannot connect to PostgreSQL at ${where}: ${e?.message ?? String(error)}`;
  }
}
