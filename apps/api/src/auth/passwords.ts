import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the user does not exist, so that a wrong user name costs as long as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$jKgCABXc0PmX32I+xSasTw$RCHpVxD/M4CEEp+7lnc93EgwKPDM14svolDCPxCJJbk';

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}

/** What Granary asks of a new password: long enough, not absurdly long (argon2 input). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) {
    return 'must be at least 8 characters long';
  }
  if (password.length > 1024) {
    return 'must be at most 1024 characters long';
  }
  return undefined;
}
