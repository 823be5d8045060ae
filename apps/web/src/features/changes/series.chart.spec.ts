import { describe, expect, it } from 'vitest';
import type { Change, Series, SeriesPoint } from './change-types';
import { buildSeriesOption, clickedPointIndex, FULL_RANGE, isZoomed, LIGHT_COLORS, markerColor, pan, summarizeSeries, zoomIn, zoomOut, type ZoomRange } from './series.chart';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const point = (i: number, value: number, outlier = false): SeriesPoint => ({ time: T0 + i * DAY_MS, value, datasetId: 100 + i, runId: 10 + i, ordinal: 0, outlier });
const change = (i: number, extra: Partial<Change> = {}): Change => ({
  id: i,
  timestamp: T0 + i * DAY_MS,
  confirmed: false,
  ignored: false,
  model: 'relativeDifference',
  dataset: { id: 100 + i, runId: 10 + i, ordinal: 0 },
  ...extra,
});
const seriesOf = (points: SeriesPoint[], changes: Change[] = []): Series => ({
  variable: { id: 1, testId: 1, name: 'throughput', labels: ['throughput'], changeDetection: [] },
  hash: 'h',
  total: points.length,
  reduced: false,
  points,
  changes,
});

type AnySeries = { id: string; data: unknown[]; markLine?: { data: { xAxis: number; lineStyle: { color: string; type: string } }[] }; markPoint?: { data: { coord: number[]; symbol: string }[] } };
const seriesById = (option: ReturnType<typeof buildSeriesOption>, id: string) => (option.series as AnySeries[]).find((s) => s.id === id)!;

describe('buildSeriesOption', () => {
  const points = [point(0, 100), point(1, 101), point(2, 500, true), point(3, 80), point(4, 81)];

  it('draws datapoints as a line and outliers apart, each item carrying its index', () => {
    const option = buildSeriesOption({ series: seriesOf(points), zoom: FULL_RANGE });
    expect(seriesById(option, 'datapoints').data).toEqual([
      [T0, 100, 0],
      [T0 + DAY_MS, 101, 1],
      [T0 + 3 * DAY_MS, 80, 3],
      [T0 + 4 * DAY_MS, 81, 4],
    ]);
    expect(seriesById(option, 'outliers').data).toEqual([[T0 + 2 * DAY_MS, 500, 2]]);
    expect(seriesById(option, 'selected').data).toEqual([]);
  });

  it.each<[string, Partial<Change>, string, string, string]>([
    ['a new change', {}, LIGHT_COLORS.new, 'solid', 'pin'],
    ['a confirmed change', { confirmed: true }, LIGHT_COLORS.confirmed, 'solid', 'pin'],
    ['an ignored change', { ignored: true }, LIGHT_COLORS.ignored, 'dotted', 'pin'],
    ['a new manual change', { model: 'manual' }, LIGHT_COLORS.manual, 'dashed', 'diamond'],
    ['a confirmed manual change', { model: 'manual', confirmed: true }, LIGHT_COLORS.manual, 'dashed', 'diamond'],
    ['an ignored manual change', { model: 'manual', ignored: true }, LIGHT_COLORS.ignored, 'dotted', 'diamond'],
  ])('marks %s by colour, line type and symbol', (_name, extra, color, lineType, symbol) => {
    const option = buildSeriesOption({ series: seriesOf(points, [change(3, extra)]), zoom: FULL_RANGE });
    const line = seriesById(option, 'datapoints');
    expect(line.markLine?.data).toEqual([expect.objectContaining({ xAxis: T0 + 3 * DAY_MS, lineStyle: expect.objectContaining({ color, type: lineType }) })]);
    expect(line.markPoint?.data).toEqual([expect.objectContaining({ coord: [T0 + 3 * DAY_MS, 80], symbol })]);
  });

  it('keeps the line of a change whose datapoint was not drawn, without a point marker', () => {
    const option = buildSeriesOption({ series: seriesOf(points, [change(9)]), zoom: FULL_RANGE });
    expect(seriesById(option, 'datapoints').markLine?.data).toHaveLength(1);
    expect(seriesById(option, 'datapoints').markPoint?.data).toHaveLength(0);
  });

  it('rings the selected datapoint and applies the zoom to both zoom controls', () => {
    const option = buildSeriesOption({ series: seriesOf(points), zoom: { start: 20, end: 60 }, selectedIndex: 1 });
    expect(seriesById(option, 'selected').data).toEqual([[T0 + DAY_MS, 101, 1]]);
    expect(option.dataZoom).toEqual([expect.objectContaining({ type: 'inside', start: 20, end: 60 }), expect.objectContaining({ type: 'slider', start: 20, end: 60 })]);
  });
});

describe('markerColor', () => {
  it('gives manual changes their colour unless ignored', () => {
    expect(markerColor({ confirmed: false, ignored: false, model: 'manual' })).toBe(LIGHT_COLORS.manual);
    expect(markerColor({ confirmed: true, ignored: false, model: 'manual' })).toBe(LIGHT_COLORS.manual);
    expect(markerColor({ confirmed: false, ignored: true, model: 'manual' })).toBe(LIGHT_COLORS.ignored);
  });
});

describe('clickedPointIndex', () => {
  it.each([
    [{ value: [1, 2, 3] }, 3],
    [{ value: [1, 2] }, undefined],
    [{ value: 5 }, undefined],
    [{ value: [1, 2, -1] }, undefined],
    [{}, undefined],
  ])('%j gives %s', (params, index) => {
    expect(clickedPointIndex(params)).toBe(index);
  });
});

describe('zoom and pan', () => {
  it.each<[string, (r: ZoomRange) => ZoomRange, ZoomRange, ZoomRange]>([
    ['zoom in halves around the middle', zoomIn, { start: 0, end: 100 }, { start: 25, end: 75 }],
    ['zoom in stops at 1 %', zoomIn, { start: 50, end: 51 }, { start: 50, end: 51 }],
    ['zoom out doubles around the middle', zoomOut, { start: 40, end: 60 }, { start: 30, end: 70 }],
    ['zoom out stops at the ends', zoomOut, { start: 0, end: 60 }, { start: 0, end: 100 }],
    ['zoom out near an end keeps the width', zoomOut, { start: 80, end: 100 }, { start: 60, end: 100 }],
    ['pan later by half the width', (r) => pan(r, 1), { start: 40, end: 60 }, { start: 50, end: 70 }],
    ['pan earlier stops at the start', (r) => pan(r, -1), { start: 5, end: 25 }, { start: 0, end: 20 }],
    ['pan later stops at the end', (r) => pan(r, 1), { start: 85, end: 95 }, { start: 90, end: 100 }],
  ])('%s', (_name, move, from, to) => {
    expect(move(from)).toEqual(to);
  });

  it('knows when only part is in view', () => {
    expect(isZoomed(FULL_RANGE)).toBe(false);
    expect(isZoomed({ start: 0, end: 99 })).toBe(true);
  });
});

describe('summarizeSeries', () => {
  it.each<[string, Parameters<typeof summarizeSeries>[0], string]>([
    ['an empty series', { points: [], changes: [], total: 0, reduced: false }, 'No datapoints.'],
    [
      'a step with a change',
      { points: [point(0, 100), point(1, 80)], changes: [change(1)], total: 2, reduced: false },
      '2 datapoints from 2026-01-01 00:00:00 UTC to 2026-01-02 00:00:00 UTC, values 80 to 100. 1 change: new change on 2026-01-02 00:00:00 UTC. No outliers.',
    ],
    [
      'a reduced series with an outlier',
      { points: [point(0, 1), point(1, 9, true)], changes: [], total: 5000, reduced: true },
      '5000 datapoints (2 drawn) from 2026-01-01 00:00:00 UTC to 2026-01-02 00:00:00 UTC, values 1 to 9. No changes. 1 outlier.',
    ],
  ])('%s', (_name, series, text) => {
    expect(summarizeSeries(series)).toBe(text);
  });
});
