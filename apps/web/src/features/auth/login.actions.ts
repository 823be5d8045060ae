'use server';

import { asProblem } from '@granary/api-client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { createServerApiClient, readForwardedFor, webConfig } from '../../lib/api';
import { unreachableProblem } from '../../lib/api-result';
import { safeNextPath } from '../../lib/safe-next';
import { writeSession } from '../../lib/session-cookies';
import { NEXT_FIELD, PASSWORD_FIELD, USERNAME_FIELD } from './login-fields';
import { loginFailureMessage, type LoginMessage } from './login-messages';

export interface LoginState {
  message?: LoginMessage;
  /** The API refused the user name and password (not a throttle or an outage). */
  isWrongPassword?: boolean;
}

/**
 * The login form's action: `POST /api/auth/login`, then the session cookie and a redirect to
 * `next` (a path on this site only). A refusal comes back as a message for the form.
 */
export async function signIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get(USERNAME_FIELD) ?? '').trim();
  const password = String(form.get(PASSWORD_FIELD) ?? '');
  if (!username || !password) {
    return { message: { title: 'Enter a user name and a password' } };
  }
  const forwardedFor = await readForwardedFor();
  let answer;
  try {
    answer = await createServerApiClient({ forwardedFor }).POST('/api/auth/login', { body: { username, password } });
  } catch (cause) {
    console.error('granary-web: sign-in could not reach the API', { cause });
    const problem = unreachableProblem(cause);
    return { message: { title: problem.title, detail: problem.detail } };
  }
  if (!answer.data) {
    const problem = asProblem(answer.error, answer.response.status);
    return { message: loginFailureMessage(problem, answer.response.headers.get('retry-after')), isWrongPassword: problem.status === 401 };
  }
  writeSession(await cookies(), { token: answer.data.token }, webConfig().isSecure);
  redirect(safeNextPath(String(form.get(NEXT_FIELD) ?? '')));
}
