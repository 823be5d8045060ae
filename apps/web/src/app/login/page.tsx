import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { findSignInOptions } from '../../features/auth/find-sign-in-options';
import { ssoErrorMessage } from '../../features/auth/login-messages';
import { LoginView } from '../../features/auth/login-view';
import { safeNextPath } from '../../lib/safe-next';
import { firstParam, type SearchParams } from '../../lib/search-params';
import { getCurrentUser } from '../../lib/session';

export const metadata: Metadata = { title: 'Sign in' };

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const next = safeNextPath(firstParam(params, 'next'));
  const me = await getCurrentUser();
  if (me?.isOk) {
    redirect(next);
  }
  const options = await findSignInOptions();
  return (
    <LoginView
      isLocalLoginEnabled={options.isLocalLoginEnabled}
      ssoHref={options.hasSso ? `/auth/oidc/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}` : undefined}
      next={next}
      notice={ssoErrorMessage(firstParam(params, 'error')) ?? options.notice}
    />
  );
}
