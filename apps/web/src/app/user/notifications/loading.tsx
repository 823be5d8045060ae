import { TableSkeleton } from '../../../components/table-skeleton';

export default function Loading() {
  return <TableSkeleton rows={3} label="Loading your notification settings" />;
}
