'use client';

import { LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the charts use: keeps echarts' part of the bundle small.
use([LineChart, ScatterChart, GridComponent, DataZoomInsideComponent, DataZoomSliderComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, CanvasRenderer]);

/** The visible part of the x axis, in percent. */
export interface ChartZoom {
  start: number;
  end: number;
}

interface ChartProps {
  /** Built by a pure `*.chart.ts` function. A new option replaces the chart's (zoom comes from `zoom`). */
  option: EChartsCoreOption;
  /** The chart's accessible name, e.g. "Chart of throughput". */
  label: string;
  /** The id of the element that says what the chart shows in words (its text alternative). */
  describedBy?: string;
  height?: string;
  /** When set, the first x axis zoom follows it (buttons); zooming by wheel, drag or slider reports through `onZoom`. */
  zoom?: ChartZoom;
  onZoom?: (zoom: ChartZoom) => void;
  /** A click on a data item, with ECharts' event parameters. */
  onItemClick?: (params: { seriesId?: string; value?: unknown; dataIndex: number }) => void;
}

/**
 * The one ECharts wrapper: initialises the chart in the browser (ECharts needs the DOM), follows
 * the container's size, and disposes of it on unmount. The canvas is an image for assistive
 * technology, named by `label` and described by `describedBy`; keyboard users get the same
 * through the controls and tables the view puts around it.
 */
export function Chart({ option, label, describedBy, height = '20rem', zoom, onZoom, onItemClick }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  // Handlers change on every render; the chart's listeners read the latest through refs.
  const handlers = useRef({ onZoom, onItemClick });
  handlers.current = { onZoom, onItemClick };

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return;
    }
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => handlers.current.onItemClick?.(params as { seriesId?: string; value?: unknown; dataIndex: number }));
    instance.on('datazoom', () => {
      const current = currentZoom(instance);
      if (current) {
        handlers.current.onZoom?.(current);
      }
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !zoom) {
      return;
    }
    const current = currentZoom(instance);
    if (!current || Math.abs(current.start - zoom.start) > 0.01 || Math.abs(current.end - zoom.end) > 0.01) {
      instance.dispatchAction({ type: 'dataZoom', start: zoom.start, end: zoom.end });
    }
  }, [zoom]);

  return <div ref={container} role="img" aria-label={label} aria-describedby={describedBy} style={{ width: '100%', height }} />;
}

function currentZoom(instance: EChartsType): ChartZoom | undefined {
  const zooms = (instance.getOption() as { dataZoom?: { start?: number; end?: number }[] }).dataZoom;
  const first = zooms?.[0];
  return first && typeof first.start === 'number' && typeof first.end === 'number' ? { start: first.start, end: first.end } : undefined;
}
