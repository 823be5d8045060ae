import type { NextRequest } from 'next/server';
import { endSession } from '../../../features/auth/sign-out';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest) {
  return endSession(request);
}
