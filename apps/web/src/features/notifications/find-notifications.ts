import 'server-only';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { Me } from '../../lib/session';
import type { LabelInfo } from '../tests/find-test-detail';
import { findLabelNames } from '../tests/find-test-detail';
import type { MissingDataRule } from './missing-data-rule-form';
import type { NotificationSetting, SettingsOwner } from './settings-form';
import { canSubscribe, subscribableTeams, type Watch, type Watcher } from './watch-state';

/** Who looks at the Notifications tab, as far as subscriptions go. */
export type WatchViewer =
  | { kind: 'signed-out' }
  /** Upload-only members: the API refuses them subscriptions. */
  | { kind: 'cannot-subscribe' }
  | { kind: 'watcher'; watcher: Watcher; watch: ApiResult<Watch> };

/** What the Notifications tab shows: the caller's subscriptions and the test's missing data rules. */
export interface NotificationsTabData {
  viewer: WatchViewer;
  rules: ApiResult<MissingDataRule[]>;
  labelNames: ApiResult<LabelInfo[]>;
}

export async function findNotificationsTabData(testId: number, me: ApiResult<Me> | undefined): Promise<NotificationsTabData> {
  const [viewer, rules, labelNames] = await Promise.all([
    findWatchViewer(testId, me),
    callApi((api) => api.GET('/api/alerting/missingdatarule', { params: { query: { testId } } })),
    findLabelNames(),
  ]);
  return { viewer, rules: rules.isOk ? { isOk: true, data: [...rules.data].sort(byName) } : rules, labelNames };
}

async function findWatchViewer(testId: number, me: ApiResult<Me> | undefined): Promise<WatchViewer> {
  if (!me?.isOk) {
    return { kind: 'signed-out' };
  }
  if (!canSubscribe(me.data)) {
    return { kind: 'cannot-subscribe' };
  }
  const watch = await callApi((api) => api.GET('/api/subscriptions/{testId}', { params: { path: { testId } } }));
  return { kind: 'watcher', watcher: { username: me.data.username, teams: subscribableTeams(me.data.roles) }, watch };
}

const byName = (a: MissingDataRule, b: MissingDataRule) => (a.name ?? '').localeCompare(b.name ?? '') || a.id - b.id;

/** One form of the Notification settings page: whose settings, and what the API holds. */
export interface SettingsSection {
  owner: SettingsOwner;
  settings: ApiResult<NotificationSetting[]>;
}

/** The settings of the person signed in, then those of each team they manage. */
export async function findNotificationSettings(me: Me, managedTeams: readonly string[]): Promise<SettingsSection[]> {
  const owners: SettingsOwner[] = [{ name: me.username, isTeam: false }, ...managedTeams.map((name) => ({ name, isTeam: true }))];
  return Promise.all(
    owners.map(async (owner) => ({
      owner,
      settings: await callApi((api) => api.GET('/api/notifications/settings', { params: { query: { name: owner.name, team: owner.isTeam } } })),
    })),
  );
}
