'use client';

import type { PreviewResult } from '@granary/pipeline/jsonpath-preview';
import { Button, Checkbox, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import TrashIcon from '@patternfly/react-icons/dist/esm/icons/trash-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { formatJsonValue } from '../../lib/format';
import { emptyRow, type ExtractorRow } from './extractors';

interface ExtractorEditorProps {
  /** Labels the table and its inputs, e.g. "Extractors of label throughput". */
  caption: string;
  rows: ExtractorRow[];
  onChange: (rows: ExtractorRow[]) => void;
  /** The browser's preview of one path against a pasted document, shown under its input while typing. */
  preview?: (jsonpath: string, isarray: boolean) => PreviewResult | undefined;
}

/** Rows of name / JSONPath / all-matches, with add and remove: what a label or transformer extracts. */
export function ExtractorEditor({ caption, rows, onChange, preview }: ExtractorEditorProps) {
  const update = (key: string, change: Partial<ExtractorRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <>
      {rows.length > 0 && (
        <Table aria-label={caption} variant="compact" role="table">
          <Thead>
            <Tr>
              <Th width={25}>Name</Th>
              <Th width={50}>JSONPath</Th>
              <Th>All matches</Th>
              <Th screenReaderText="Remove" />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              const shown = preview && row.jsonpath.trim() ? preview(row.jsonpath, row.isarray) : undefined;
              return (
                <Tr key={row.key}>
                  <Td dataLabel="Name">
                    <TextInput aria-label={`Name of extractor ${n}`} value={row.name} onChange={(_e, name) => update(row.key, { name })} />
                  </Td>
                  <Td dataLabel="JSONPath">
                    <TextInput
                      aria-label={`JSONPath of extractor ${n}`}
                      value={row.jsonpath}
                      placeholder="$.results.throughput"
                      className="pf-v6-u-font-family-monospace"
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(_e, jsonpath) => update(row.key, { jsonpath })}
                    />
                    {shown && (
                      <HelperText>
                        {'error' in shown ? (
                          <HelperTextItem variant="warning">{shown.error}</HelperTextItem>
                        ) : (
                          <HelperTextItem>
                            Finds <code>{truncate(formatJsonValue(shown.value) || 'null')}</code>
                          </HelperTextItem>
                        )}
                      </HelperText>
                    )}
                  </Td>
                  <Td dataLabel="All matches">
                    <Checkbox
                      id={`${row.key}-isarray`}
                      aria-label={`Extractor ${n} takes all matches as an array`}
                      isChecked={row.isarray}
                      onChange={(_e, isarray) => update(row.key, { isarray })}
                    />
                  </Td>
                  <Td dataLabel="Remove" isActionCell>
                    <Button
                      variant="plain"
                      aria-label={`Remove extractor ${n}`}
                      icon={<TrashIcon />}
                      onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                    />
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      <div>
        <Button variant="link" isInline icon={<PlusCircleIcon />} onClick={() => onChange([...rows, emptyRow()])}>
          Add extractor
        </Button>
      </div>
    </>
  );
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
