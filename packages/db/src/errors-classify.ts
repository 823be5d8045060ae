/** What a database error means for an API caller, whatever layer (Prisma, adapter, pg) raised it. */
export type DbErrorKind = 'conflict' | 'invalid-reference' | 'not-found' | 'forbidden' | 'check-violation';

const BY_CODE: Record<string, DbErrorKind> = {
  P2002: 'conflict', // unique constraint
  P2003: 'invalid-reference', // foreign key
  P2025: 'not-found', // record to update/delete not found
  '23505': 'conflict',
  '23503': 'invalid-reference',
  '23514': 'check-violation',
  '42501': 'forbidden', // insufficient privilege, including "new row violates row-level security policy"
};

/**
 * @example classifyDbError({ code: 'P2002' }) // 'conflict'
 */
export function classifyDbError(error: unknown): DbErrorKind | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): DbErrorKind | undefined => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) {
      return undefined;
    }
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['code', 'originalCode']) {
      const code = record[key];
      if (typeof code === 'string' && BY_CODE[code]) {
        return BY_CODE[code];
      }
    }
    for (const key of ['cause', 'meta', 'driverAdapterError', 'error']) {
      const found = visit(record[key], depth + 1);
      if (found) {
        return found;
      }
    }
    return undefined;
  };
  return visit(error, 0);
}
