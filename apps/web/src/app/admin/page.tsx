import type { Metadata } from 'next';
import { ComingSoon } from '../../components/coming-soon';

export const metadata: Metadata = { title: 'Admin' };

export default function AdminPage() {
  return (
    <ComingSoon
      title="Admin"
      description="Teams, roles and instance-wide settings."
      plan="Manage teams and their members' roles, allowed sites for actions, and the banner."
    />
  );
}
