import type { Metadata } from 'next';
import { ComingSoon } from '../../components/coming-soon';

export const metadata: Metadata = { title: 'Reports' };

export default function ReportsPage() {
  return (
    <ComingSoon
      title="Reports"
      description="Table reports built from label values of a test's datasets."
      plan="Configure table reports from label values, then view, print and export them."
    />
  );
}
