import 'server-only';
import { callApi, webConfig } from '../../lib/api';
import type { LoginMessage } from './login-messages';

export interface SignInOptions {
  isLocalLoginEnabled: boolean;
  hasSso: boolean;
  /** Set when the API could not say which options it has. */
  notice?: LoginMessage;
}

/**
 * How people sign in here, as the API says (`GET /api/auth/config`). Single sign-on needs the
 * web server's own OIDC settings too, since the web server runs the authorization-code flow.
 * When the API cannot be asked, the web server's settings stand in, with a notice.
 */
export async function findSignInOptions(): Promise<SignInOptions> {
  const config = webConfig();
  const result = await callApi((api) => api.GET('/api/auth/config'), { token: null });
  if (!result.isOk) {
    return {
      isLocalLoginEnabled: config.localLogin,
      hasSso: Boolean(config.oidc),
      notice: { title: result.problem.title, detail: result.problem.detail },
    };
  }
  return { isLocalLoginEnabled: result.data.localLogin, hasSso: Boolean(result.data.oidc && config.oidc) };
}
