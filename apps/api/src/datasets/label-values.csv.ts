/**
 * The label values table of a test as CSV (RFC 4180): a header row `runId,datasetId,start,stop`
 * followed by one column per label name (sorted), then one row per dataset. Times are ISO-8601
 * UTC; strings are written as they are, other JSON values as their JSON text, a missing value as
 * an empty cell. Text cells that a spreadsheet would run as a formula (starting with = + - @, a
 * tab or a carriage return) get a leading apostrophe; numbers never do.
 */
export interface LabelValuesRow {
  runId: number;
  datasetId: number;
  start: number;
  stop: number;
  values: Record<string, unknown>;
}

export function labelValuesCsv(rows: readonly LabelValuesRow[], labelNames?: readonly string[]): string {
  const labels = labelNames ?? [...new Set(rows.flatMap((r) => Object.keys(r.values)))].sort();
  const lines = [['runId', 'datasetId', 'start', 'stop', ...labels.map(textCell)].map(quote).join(',')];
  for (const row of rows) {
    const cells = [String(row.runId), String(row.datasetId), new Date(row.start).toISOString(), new Date(row.stop).toISOString(), ...labels.map((l) => valueCell(row.values[l]))];
    lines.push(cells.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function valueCell(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return textCell(typeof value === 'string' ? value : JSON.stringify(value));
}

function textCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
