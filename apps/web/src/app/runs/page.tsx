import type { Metadata } from 'next';
import { ComingSoon } from '../../components/coming-soon';

export const metadata: Metadata = { title: 'Runs' };

export default function RunsPage() {
  return (
    <ComingSoon
      title="Runs"
      description="Every run uploaded to Granary, with its datasets and label values."
      plan="Browse and search runs across tests, open a run's JSON document and its datasets, and trash or restore runs."
    />
  );
}
