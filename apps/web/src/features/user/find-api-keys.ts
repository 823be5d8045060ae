import 'server-only';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { ApiKey } from './api-key-expiry';

/** The caller's API keys, newest first (never the keys themselves). */
export async function findApiKeys(): Promise<ApiResult<ApiKey[]>> {
  const result = await callApi((api) => api.GET('/api/user/apikey'));
  return result.isOk ? { isOk: true, data: [...result.data].sort((a, b) => b.creation.localeCompare(a.creation)) } : result;
}
