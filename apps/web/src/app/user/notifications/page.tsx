import type { Metadata } from 'next';
import { findNotificationSettings } from '../../../features/notifications/find-notifications';
import { NotificationSettingsView } from '../../../features/notifications/notification-settings-view';
import { teamsManagedBy } from '../../../features/user/account';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'Notification settings' };

export const dynamic = 'force-dynamic';

const PATH = '/user/notifications';

export default async function NotificationSettingsPage() {
  const me = await requireUser(PATH);
  if (!me.isOk) {
    return <NotificationSettingsView sections={me} />;
  }
  // Managers also edit their teams' mailing lists.
  const sections = await findNotificationSettings(me.data, teamsManagedBy(me.data.roles));
  return <NotificationSettingsView sections={{ isOk: true, data: sections }} />;
}
