import type { NextRequest } from 'next/server';
import { finishOidcSignIn } from '../../../../features/auth/oidc-sign-in';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return finishOidcSignIn(request);
}
