// The geometry of the dashboard's charts, computed here and drawn as inline SVG by views/dashboards/_bar-chart.ejs
// and _line-chart.ejs. Colours come from classes in app.css (the CSP allows no style attributes).
import { numberText } from '../http/number-text';

export interface ChartText {
  /** Unique on the page: the SVG's title and description are referenced by it. */
  id: string;
  title: string;
  description: string;
}

export interface BarInput {
  label: string;
  value: number;
  /** How the value reads, e.g. "75%". */
  text: string;
}

export interface Bar {
  label: string;
  /** The label as drawn: long names are shortened (the full one is in the bar's tooltip). */
  shownLabel: string;
  text: string;
  y: number;
  width: number;
  textX: number;
}

export interface BarChart extends ChartText {
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: Bar[];
}

export interface LinePoint {
  label: string;
  value: number;
  text: string;
}

export interface LineChart extends ChartText {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  points: (LinePoint & { x: number; y: number; tick: string })[];
  /** For the polyline's points attribute. */
  path: string;
  yTicks: { y: number; text: string }[];
}

const chartWidth = 640;
const rowHeight = 28;
const barHeight = 18;
const labelWidth = 190;
const valueRoom = 70;
const longestLabel = 26;

const shorten = (label: string) => (label.length > longestLabel ? `${label.slice(0, longestLabel - 1).trimEnd()}…` : label);

/** Horizontal bars, one per row, scaled to `max` (e.g. 100 for shares in percent). */
export function barChart(text: ChartText, bars: BarInput[], max: number): BarChart {
  const room = chartWidth - labelWidth - valueRoom;
  return {
    ...text,
    width: chartWidth,
    height: Math.max(1, bars.length) * rowHeight + 8,
    labelWidth,
    barHeight,
    bars: bars.map((bar, index) => {
      const width = max > 0 ? Math.round((Math.min(bar.value, max) / max) * room * 10) / 10 : 0;
      return { label: bar.label, shownLabel: shorten(bar.label), text: bar.text, y: index * rowHeight + 4, width, textX: labelWidth + width + 6 };
    }),
  };
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value` (at least 1). */
export function roundedUp(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

const lineHeight = 240;
const plot = { left: 56, top: 16, right: chartWidth - 16, bottom: lineHeight - 40 };

/** One line through the points, left to right, from zero up to a round maximum. */
export function lineChart(text: ChartText, points: LinePoint[], tick: (label: string) => string): LineChart {
  const max = roundedUp(Math.max(0, ...points.map((point) => point.value)));
  const step = points.length > 1 ? (plot.right - plot.left) / (points.length - 1) : 0;
  const yOf = (value: number) => Math.round((plot.bottom - (value / max) * (plot.bottom - plot.top)) * 10) / 10;
  const placed = points.map((point, index) => ({ ...point, x: Math.round((plot.left + index * step) * 10) / 10, y: yOf(point.value), tick: tick(point.label) }));
  return {
    ...text,
    width: chartWidth,
    height: lineHeight,
    plot,
    points: placed,
    path: placed.map((point) => `${point.x},${point.y}`).join(' '),
    yTicks: [0, max / 2, max].map((value) => ({ y: yOf(value), text: numberText(value) })),
  };
}
