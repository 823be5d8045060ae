import { Prisma, type Tx } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import type { UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';

/** The test's owner, when the caller may see the test (row-level security decides); else 404. */
export async function visibleTest(tx: Tx, testId: number): Promise<{ owner: string }> {
  const [test] = await tx.$queryRaw<{ owner: string }[]>(Prisma.sql`SELECT owner FROM test WHERE id = ${testId}`);
  if (!test) {
    throw new DomainError('not-found', { detail: `Test ${testId} does not exist, or you may not see it.` });
  }
  return test;
}

/** As visibleTest, and the caller must be a tester of the test's team (403 naming `what` otherwise). */
export async function testerOfTest(tx: Tx, caller: UserCaller, testId: number, what: string): Promise<{ owner: string }> {
  const test = await visibleTest(tx, testId);
  if (!hasTeamRole(caller, test.owner, 'tester')) {
    throw new DomainError('forbidden', { detail: `${what} of test ${testId} needs the tester role of ${test.owner}.` });
  }
  return test;
}
