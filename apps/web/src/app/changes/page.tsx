import type { Metadata } from 'next';
import { ComingSoon } from '../../components/coming-soon';

export const metadata: Metadata = { title: 'Changes' };

export default function ChangesPage() {
  return (
    <ComingSoon
      title="Changes"
      description="Changes found by change detection in the datapoints of each test."
      plan="Review the changes detected in each test's datapoints, confirm or dismiss them, and see them on a chart."
    />
  );
}
