import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, MarkLineComponentOption, MarkPointComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatEpoch } from '../../lib/format';
import { changeStatus, describeMarker, formatValue, isManual, STATUS_TEXT } from './change-format';
import type { Change, Series, SeriesPoint } from './change-types';

export type SeriesChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GridComponentOption | DataZoomComponentOption | TooltipComponentOption | MarkLineComponentOption | MarkPointComponentOption
>;

/** The visible part of the time axis, in percent of the whole series (ECharts' dataZoom start/end). */
export interface ZoomRange {
  start: number;
  end: number;
}

export const FULL_RANGE: ZoomRange = Object.freeze({ start: 0, end: 100 });
// Zoomed in further than this the chart shows a point or two at most.
const MIN_ZOOM_WIDTH_PERCENT = 1;

/**
 * Colours of the chart. Canvas cannot read CSS tokens, so the view passes PatternFly's values
 * (read from the page, light or dark theme); these are the light theme's.
 */
export interface ChartColors {
  line: string;
  text: string;
  axis: string;
  new: string;
  confirmed: string;
  ignored: string;
  manual: string;
  outlier: string;
  selected: string;
}

export const LIGHT_COLORS: ChartColors = {
  line: '#0066cc',
  text: '#151515',
  axis: '#c7c7c7',
  new: '#b1380b',
  confirmed: '#3d7317',
  ignored: '#707070',
  manual: '#5e40be',
  outlier: '#dca614',
  selected: '#151515',
};

/** Line style per status, so markers differ by more than colour. */
const LINE_TYPES = { new: 'solid', confirmed: 'solid', ignored: 'dotted' } as const;

export interface SeriesOptionInput {
  series: Series;
  zoom: ZoomRange;
  colors?: ChartColors;
  /** Index (in `series.points`) of the datapoint opened in the details panel. */
  selectedIndex?: number;
}

/**
 * The colour of a change marker: manual changes have their own unless ignored (a person who
 * marks a change has decided about it already), others follow their status.
 */
export function markerColor(change: Pick<Change, 'confirmed' | 'ignored' | 'model'>, colors: ChartColors = LIGHT_COLORS): string {
  const status = changeStatus(change);
  return isManual(change) && status !== 'ignored' ? colors.manual : colors[status];
}

/**
 * The ECharts option of one series: a time axis, the datapoints as a line (outliers as hollow
 * points beside it), a vertical line and a marker per change (colour by status, dotted when
 * ignored, a diamond when manual), zoom by wheel, drag and slider. Each data item carries its
 * index in `series.points` as third value, so a click finds its datapoint.
 *
 * @example
 * buildSeriesOption({ series, zoom: FULL_RANGE }).series // [line of datapoints, outliers, selected]
 */
export function buildSeriesOption({ series, zoom, colors = LIGHT_COLORS, selectedIndex }: SeriesOptionInput): SeriesChartOption {
  const pointOf = new Map(series.points.map((p, index) => [p.datasetId, { point: p, index }]));
  const regular: [number, number, number][] = [];
  const outliers: [number, number, number][] = [];
  series.points.forEach((p, index) => (p.outlier ? outliers : regular).push([p.time, p.value, index]));
  const selected = selectedIndex === undefined ? undefined : series.points[selectedIndex];

  const markLines: NonNullable<MarkLineComponentOption['data']> = series.changes.map((change) => {
    const status = changeStatus(change);
    return {
      name: describeMarker(change),
      xAxis: change.timestamp,
      lineStyle: { color: markerColor(change, colors), type: isManual(change) && status !== 'ignored' ? 'dashed' : LINE_TYPES[status], width: 2 },
      label: { formatter: isManual(change) ? `${STATUS_TEXT[status]} (manual)` : STATUS_TEXT[status], color: markerColor(change, colors) },
    };
  });
  const markPoints: NonNullable<MarkPointComponentOption['data']> = series.changes.flatMap((change) => {
    const at = typeof change.dataset?.id === 'number' ? pointOf.get(change.dataset.id) : undefined;
    return at
      ? [
          {
            name: describeMarker(change),
            coord: [at.point.time, at.point.value],
            symbol: isManual(change) ? 'diamond' : 'pin',
            symbolSize: isManual(change) ? 18 : 36,
            itemStyle: { color: markerColor(change, colors) },
            label: { show: false },
          },
        ]
      : [];
  });

  return {
    animation: series.points.length < 1000,
    // Times read in UTC, as everywhere else in Granary.
    useUTC: true,
    textStyle: { color: colors.text },
    grid: { left: 16, right: 32, top: 32, bottom: 64, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => tooltipText(series.points, params),
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: {
        color: colors.text,
        hideOverlap: true,
        formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}', hour: '{MM}-{dd} {HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}.{SSS}' },
      },
    },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { color: colors.text, formatter: (value: number) => formatValue(value) },
      splitLine: { lineStyle: { color: colors.axis, type: 'dashed' } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, start: zoom.start, end: zoom.end, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, start: zoom.start, end: zoom.end, filterMode: 'none', height: 20, bottom: 8, textStyle: { color: colors.text } },
    ],
    series: [
      {
        id: 'datapoints',
        name: series.variable.name,
        type: 'line',
        data: regular,
        showSymbol: regular.length <= 200,
        symbolSize: 6,
        lineStyle: { color: colors.line, width: 1.5 },
        itemStyle: { color: colors.line },
        emphasis: { focus: 'none' },
        markLine: { symbol: 'none', silent: true, animation: false, data: markLines, label: { position: 'insideEndTop' } },
        markPoint: { silent: true, animation: false, data: markPoints },
      },
      {
        id: 'outliers',
        name: 'Outliers',
        type: 'scatter',
        data: outliers,
        symbol: 'emptyCircle',
        symbolSize: 10,
        itemStyle: { color: colors.outlier, borderWidth: 2 },
      },
      {
        id: 'selected',
        name: 'Selected datapoint',
        type: 'scatter',
        data: selected && selectedIndex !== undefined ? [[selected.time, selected.value, selectedIndex]] : [],
        symbol: 'circle',
        symbolSize: 16,
        itemStyle: { color: 'transparent', borderColor: colors.selected, borderWidth: 3 },
        z: 10,
      },
    ],
  };
}

/** The index in `series.points` of a clicked data item (the third value of every item). */
export function clickedPointIndex(params: { value?: unknown }): number | undefined {
  const index = Array.isArray(params.value) ? params.value[2] : undefined;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

function tooltipText(points: readonly SeriesPoint[], params: unknown): string {
  const index = clickedPointIndex(params as { value?: unknown });
  const p = index === undefined ? undefined : points[index];
  if (!p) {
    return '';
  }
  return [formatEpoch(p.time), `Value ${formatValue(p.value)}`, `Run ${p.runId}, dataset ${p.runId}/${p.ordinal + 1}`, p.outlier ? 'Outlier: detection skips it' : 'Click for actions'].join('<br/>');
}

/**
 * Zooms in around the middle of the visible range, halving it.
 *
 * @example
 * zoomIn({ start: 0, end: 100 }) // { start: 25, end: 75 }
 */
export function zoomIn(range: ZoomRange): ZoomRange {
  const width = Math.max(MIN_ZOOM_WIDTH_PERCENT, (range.end - range.start) / 2);
  const middle = (range.start + range.end) / 2;
  return clampRange(middle - width / 2, width);
}

/**
 * Zooms out around the middle of the visible range, doubling it (never past the whole series).
 *
 * @example
 * zoomOut({ start: 40, end: 60 }) // { start: 30, end: 70 }
 */
export function zoomOut(range: ZoomRange): ZoomRange {
  const width = Math.min(100, (range.end - range.start) * 2);
  const middle = (range.start + range.end) / 2;
  return clampRange(middle - width / 2, width);
}

/**
 * Moves the visible range by half its width, earlier (-1) or later (+1), stopping at the ends.
 *
 * @example
 * pan({ start: 40, end: 60 }, 1) // { start: 50, end: 70 }
 */
export function pan(range: ZoomRange, direction: -1 | 1): ZoomRange {
  const width = range.end - range.start;
  return clampRange(range.start + (direction * width) / 2, width);
}

/** Whether only part of the series is in view. */
export const isZoomed = (range: ZoomRange): boolean => range.start > 0 || range.end < 100;

function clampRange(start: number, width: number): ZoomRange {
  const clampedStart = Math.min(100 - width, Math.max(0, start));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { start: round(clampedStart), end: round(clampedStart + width) };
}

/**
 * What a chart shows, in words: its text alternative (the table of datapoints has the rest).
 *
 * @example
 * summarizeSeries(series)
 * // '12 datapoints from 2026-01-01 00:00:00 UTC to 2026-01-12 00:00:00 UTC, values 80 to 101. 1 change: new change on 2026-01-07 00:00:00 UTC. No outliers.'
 */
export function summarizeSeries(series: Pick<Series, 'points' | 'changes' | 'total' | 'reduced'>): string {
  const { points, changes } = series;
  if (points.length === 0) {
    return 'No datapoints.';
  }
  const values = points.map((p) => p.value);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const count = series.reduced ? `${series.total} datapoints (${points.length} drawn)` : `${points.length} ${points.length === 1 ? 'datapoint' : 'datapoints'}`;
  const parts = [`${count} from ${formatEpoch(first.time)} to ${formatEpoch(last.time)}, values ${formatValue(Math.min(...values))} to ${formatValue(Math.max(...values))}.`];
  parts.push(
    changes.length === 0
      ? 'No changes.'
      : `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}: ${changes.map((c) => `${describeMarker(c)} on ${formatEpoch(c.timestamp)}`).join('; ')}.`,
  );
  const outliers = points.filter((p) => p.outlier).length;
  parts.push(outliers === 0 ? 'No outliers.' : `${outliers} ${outliers === 1 ? 'outlier' : 'outliers'}.`);
  return parts.join(' ');
}
