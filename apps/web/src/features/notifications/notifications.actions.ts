'use server';

import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';
import type { MissingDataRule } from './missing-data-rule-form';
import { fromSettingDrafts, validateSettingDrafts, type SettingDraft, type SettingsOwner } from './settings-form';
import { OPT_OUT, SELF } from './watch-state';

const tabOf = (testId: number) => `/tests/${testId}?tab=notifications`;
const SETTINGS_PAGE = '/user/notifications';

/** After a change: the page shows the new state (a 401 sends the browser to sign in again). */
async function refreshed<T>(result: ApiResult<T>, path: string): Promise<ApiResult<T>> {
  const checked = await inSession(result, path);
  if (checked.isOk) {
    refresh();
  }
  return checked;
}

/**
 * Subscribes or unsubscribes the caller or one of its teams, or opts the caller out of (or back
 * into) its teams' subscriptions: Horreum's text bodies `__self`, `<name>-team`, `!__self`.
 */
export async function changeSubscription(testId: number, change: { op: 'add' | 'remove'; entry: string }): Promise<ApiResult<string[]>> {
  if (change.entry !== SELF && change.entry !== OPT_OUT && !/^[\w.-]+-team$/.test(change.entry)) {
    return { isOk: false, problem: formProblem('Subscribe yourself or one of your teams.') };
  }
  const options = {
    params: { path: { testId } },
    body: change.entry,
    // Horreum's clients send the entry as plain text.
    bodySerializer: (body: string) => body,
    headers: { 'content-type': 'text/plain' },
  };
  return refreshed(
    await callApi((api) => (change.op === 'add' ? api.POST('/api/subscriptions/{testId}/add', options) : api.POST('/api/subscriptions/{testId}/remove', options))),
    tabOf(testId),
  );
}

/** Creates (id below 0) or replaces a missing data rule; the API evaluates it over the test's datasets. */
export async function saveMissingDataRule(testId: number, rule: MissingDataRule): Promise<ApiResult<number>> {
  if (!(rule.maxStaleness > 0)) {
    return { isOk: false, problem: formProblem('Enter how long data may be missing.') };
  }
  const result = await refreshed(
    await callApi((api) => api.POST('/api/alerting/missingdatarule', { params: { query: { testId } }, body: { ...rule, testId }, parseAs: 'text' })),
    tabOf(testId),
  );
  return result.isOk ? { isOk: true, data: Number(result.data) } : result;
}

export async function deleteMissingDataRule(testId: number, ruleId: number): Promise<ApiResult<void>> {
  return refreshed(await callApiNoContent((api) => api.DELETE('/api/alerting/missingdatarule/{id}', { params: { path: { id: ruleId } } })), tabOf(testId));
}

/** Replaces every e-mail setting of the caller, or of a team it manages. */
export async function saveNotificationSettings(owner: SettingsOwner, drafts: SettingDraft[]): Promise<ApiResult<void>> {
  const problems = validateSettingDrafts(drafts);
  if (problems.length > 0) {
    return { isOk: false, problem: formProblem(problems[0]!.message) };
  }
  return refreshed(
    await callApiNoContent((api) =>
      api.POST('/api/notifications/settings', { params: { query: { name: owner.name, team: owner.isTeam } }, body: fromSettingDrafts(drafts, owner) }),
    ),
    SETTINGS_PAGE,
  );
}
