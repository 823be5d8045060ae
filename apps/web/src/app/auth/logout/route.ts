import type { NextRequest } from 'next/server';
import { signOut } from '../../../features/auth/sign-out';

export const dynamic = 'force-dynamic';

// POST only: a link or an image elsewhere cannot sign anyone out.
export function POST(request: NextRequest) {
  return signOut(request);
}
