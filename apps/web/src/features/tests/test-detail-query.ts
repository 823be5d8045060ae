import type { Schemas } from '@granary/api-client';
import { parsePaging, type Paging } from '../../lib/paging';
import { firstParam, type SearchParams } from '../../lib/search-params';

/** The tabs of a test's page, as `?tab=` names them. */
export const TEST_TABS = ['runs', 'datasets', 'label-values', 'changes', 'change-detection', 'notifications', 'settings'] as const;
export type TestTab = (typeof TEST_TABS)[number];

export type SortDirection = Schemas['SortDirection'];

/** Columns of the runs table a person can sort by (the API accepts a few more). */
export const RUN_SORT_FIELDS = ['id', 'start', 'stop', 'description'] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

/** Columns of the datasets table a person can sort by. */
export const DATASET_SORT_FIELDS = ['id', 'start', 'stop', 'description'] as const;
export type DatasetSortField = (typeof DATASET_SORT_FIELDS)[number];

export interface RunsQuery extends Paging {
  sort: RunSortField;
  direction: SortDirection;
  /** Trashed runs are listed too. */
  showTrashed: boolean;
}

export interface DatasetsQuery extends Paging {
  sort: DatasetSortField;
  direction: SortDirection;
}

export interface LabelValuesQuery extends Paging {
  /** `start`, `stop`, a label name, or '' for the API's order (newest run first). */
  sort: string;
  direction: SortDirection;
  /** A fingerprint as the API compares it: a JSON object text, or '' for every dataset. */
  fingerprint: string;
}

export interface ChangesQuery {
  /** The series shown: a fingerprint's hash (or its JSON, as links from a change carry it); '' for the newest. */
  fingerprint: string;
}

export type TestDetailQuery =
  | { tab: 'runs'; runs: RunsQuery }
  | { tab: 'datasets'; datasets: DatasetsQuery }
  | { tab: 'label-values'; labelValues: LabelValuesQuery }
  | { tab: 'changes'; changes: ChangesQuery }
  | { tab: 'change-detection' }
  | { tab: 'notifications' }
  | { tab: 'settings' };

const directionOf = (params: SearchParams, fallback: SortDirection): SortDirection => {
  const value = firstParam(params, 'direction');
  return value === 'Ascending' || value === 'Descending' ? value : fallback;
};

/**
 * Reads a test page's view state from its URL (`?tab=&page=&limit=&sort=&direction=&trashed=&fingerprint=`),
 * leniently: anything unknown falls back to the defaults (runs, newest first).
 *
 * @example
 * parseTestDetailQuery({ tab: 'runs', trashed: 'true' })
 * // { tab: 'runs', runs: { page: 1, limit: 20, sort: 'start', direction: 'Descending', showTrashed: true } }
 */
export function parseTestDetailQuery(params: SearchParams): TestDetailQuery {
  const tab = TEST_TABS.find((t) => t === firstParam(params, 'tab')) ?? 'runs';
  const paging = parsePaging(params);
  const sort = firstParam(params, 'sort');
  switch (tab) {
    case 'runs':
      return {
        tab,
        runs: {
          ...paging,
          sort: RUN_SORT_FIELDS.find((f) => f === sort) ?? 'start',
          direction: directionOf(params, 'Descending'),
          showTrashed: firstParam(params, 'trashed') === 'true',
        },
      };
    case 'datasets':
      return { tab, datasets: { ...paging, sort: DATASET_SORT_FIELDS.find((f) => f === sort) ?? 'start', direction: directionOf(params, 'Descending') } };
    case 'label-values':
      return {
        tab,
        labelValues: {
          ...paging,
          sort: (sort ?? '').trim().slice(0, 255),
          direction: directionOf(params, 'Ascending'),
          fingerprint: normalizeFingerprint(firstParam(params, 'fingerprint')),
        },
      };
    case 'changes':
      return { tab, changes: { fingerprint: (firstParam(params, 'fingerprint') ?? '').trim().slice(0, 10_000) } };
    case 'change-detection':
    case 'notifications':
    case 'settings':
      return { tab };
  }
}

/** A fingerprint filter from the URL: a JSON object's text, or '' when absent or not an object. */
function normalizeFingerprint(value: string | undefined): string {
  if (!value) {
    return '';
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? JSON.stringify(parsed) : '';
  } catch {
    return '';
  }
}

/** Horreum's `FingerprintValue`: a label's value, or `children` when the value was an object. */
export interface FingerprintValue {
  name?: string;
  value?: unknown;
  children?: unknown[];
}

/**
 * A fingerprint (as `GET /api/test/{id}/fingerprint` lists it) as the JSON object the label
 * values filter compares with.
 *
 * @example
 * fingerprintObject([{ name: 'arch', value: 'x86_64' }, { name: 'cpu', children: [{ name: 'cores', value: '8' }] }])
 * // { arch: 'x86_64', cpu: { cores: '8' } }
 */
export function fingerprintObject(values: readonly FingerprintValue[]): Record<string, unknown> {
  const entries = values.filter((v) => typeof v.name === 'string').map((v) => [v.name!, v.children ? fingerprintObject(v.children as FingerprintValue[]) : (v.value ?? null)]);
  return Object.fromEntries(entries);
}

/**
 * A fingerprint for people: `arch: x86_64, cpu.cores: 8`.
 *
 * @example
 * describeFingerprint({ arch: 'x86_64', cpu: { cores: '8' } }) // 'arch: x86_64, cpu.cores: 8'
 */
export function describeFingerprint(fingerprint: Record<string, unknown>, prefix = ''): string {
  const parts = Object.entries(fingerprint).map(([name, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? describeFingerprint(value as Record<string, unknown>, `${prefix}${name}.`)
      : `${prefix}${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return parts.join(', ') || '(no fingerprint labels)';
}

/**
 * The label columns of a label values page: every label name found in its rows, sorted.
 *
 * @example
 * labelColumns([{ values: { b: 1, a: 2 } }, { values: { c: 3 } }]) // ['a', 'b', 'c']
 */
export function labelColumns(rows: readonly { values: Record<string, unknown> }[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.values)))].sort((a, b) => a.localeCompare(b));
}
