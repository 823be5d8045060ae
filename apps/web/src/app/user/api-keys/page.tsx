import type { Metadata } from 'next';
import { ApiKeyList } from '../../../features/user/api-key-list';
import { findApiKeys } from '../../../features/user/find-api-keys';
import { requireUser, whenSignedIn } from '../../../lib/session';

export const metadata: Metadata = { title: 'API keys' };

export const dynamic = 'force-dynamic';

const PATH = '/user/api-keys';

export default async function ApiKeysPage() {
  const me = await requireUser(PATH);
  const keys = me.isOk ? await whenSignedIn(await findApiKeys(), PATH) : me;
  return <ApiKeyList {...keys} now={Date.now()} />;
}
