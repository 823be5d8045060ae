import type { NextRequest } from 'next/server';
import { beginOidcSignIn } from '../../../../features/auth/oidc-sign-in';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return beginOidcSignIn(request);
}
