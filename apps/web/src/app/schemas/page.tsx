import type { Metadata } from 'next';
import { ComingSoon } from '../../components/coming-soon';

export const metadata: Metadata = { title: 'Schemas' };

export default function SchemasPage() {
  return (
    <ComingSoon
      title="Schemas"
      description="Schemas describe run documents: their JSON Schema, extractors, labels and transformers."
      plan="Create schemas, define labels with JSONPath extractors and a combination function, and try them against uploaded runs."
    />
  );
}
