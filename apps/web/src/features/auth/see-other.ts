import { NextResponse } from 'next/server';

/**
 * A 303 to `location`: a path on this site stays relative, so the browser stays on whatever
 * host it used (localhost or 127.0.0.1); the provider's pages are absolute URLs.
 */
export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}
