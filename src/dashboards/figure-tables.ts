// The dashboard's four tables, each with its chart. The page and the CSV export are both written from these, so a
// downloaded table holds exactly what the page shows.
import { hundredthsText, numberText } from '../http/number-text';
import { barChart, lineChart, roundedUp, type BarChart, type LineChart } from './charts';
import type { FigureKey } from './figure-sets';
import type { DepartmentFigures, ProgrammeFigures } from './programme-figures';

export const tableKeys = ['completion', 'onboarding', 'overdue', 'hours'] as const;
export type TableKey = (typeof tableKeys)[number];

export interface TableCell {
  /** As the CSV holds it; null when there is nothing to compute (a share of nobody). */
  value: number | null;
  text: string;
  /** The drill-down behind the number, if any. */
  figure?: FigureKey;
  week?: string;
}

export interface TableRow {
  /** null for the total row. */
  departmentId: string | null;
  label: string;
  cells: TableCell[];
}

export interface FigureTable {
  key: TableKey;
  title: string;
  /** How the figure is defined, in words, shown under its title. */
  definition: string;
  columns: string[];
  rows: TableRow[];
  /** The total over the departments; left out when there is only one. */
  total: TableRow | null;
  chart: { kind: 'bar'; chart: BarChart } | { kind: 'line'; chart: LineChart };
}

export const tableTitles: Record<TableKey, string> = {
  completion: 'Completed a rotation in the last 12 months',
  onboarding: 'New hires who started within the onboarding window',
  overdue: 'Overdue people',
  hours: 'Hours logged per week',
};

const count = (value: number, figure: FigureKey): TableCell => ({ value, text: numberText(value), figure });

/** A share in percent to one decimal; null of nobody. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

const share = (part: number, whole: number): TableCell => {
  const value = shareOf(part, whole);
  return { value, text: value === null ? '–' : `${value}%` };
};

type TableWithoutChart = Omit<FigureTable, 'chart'>;

function tableOf(key: TableKey, definition: string, columns: string[], figures: ProgrammeFigures, totalLabel: string, cells: (row: DepartmentFigures) => TableCell[]): TableWithoutChart {
  return {
    key,
    title: tableTitles[key],
    definition,
    columns,
    rows: figures.departments.map((row) => ({ departmentId: row.department!.id, label: row.department!.name, cells: cells(row) })),
    total: figures.departments.length > 1 ? { departmentId: null, label: totalLabel, cells: cells(figures.total) } : null,
  };
}

/** A bar per department of the share in the table's last column, up to 100% or, for small shares, a closer scale. */
function shareBars(table: TableWithoutChart, description: string, scale: 'whole' | 'closer'): FigureTable['chart'] {
  const bars = table.rows.map((row) => {
    const cell = row.cells[row.cells.length - 1];
    return { label: row.label, value: cell.value ?? 0, text: cell.text };
  });
  const max = scale === 'whole' ? 100 : Math.min(100, roundedUp(Math.max(0, ...bars.map((bar) => bar.value))));
  return { kind: 'bar', chart: barChart({ id: `${table.key}-chart`, title: `${table.title}, by department`, description }, bars, max) };
}

/** A line through the weeks' total hours. */
function hoursLine(figures: ProgrammeFigures, scopeName: string): FigureTable['chart'] {
  const { weeks, total } = figures;
  const text = {
    id: 'hours-chart',
    title: `${tableTitles.hours}: ${scopeName}`,
    description: `Hours logged in each of the last ${weeks.length} weeks, from ${weeks[0].label} to ${weeks[weeks.length - 1].label}.`,
  };
  const points = weeks.map((week, index) => ({ label: week.label, value: total.hoursByWeek[index], text: `${hundredthsText(total.hoursByWeek[index])} hours` }));
  return { kind: 'line', chart: lineChart(text, points, (label) => label.slice(5)) };
}

export function figureTables(figures: ProgrammeFigures, totalLabel: string): FigureTable[] {
  const table = (key: TableKey, definition: string, columns: string[], cells: (row: DepartmentFigures) => TableCell[]) =>
    tableOf(key, definition, columns, figures, totalLabel, cells);

  const completion = table(
    'completion',
    'Of the people employed today, those with a completed rotation whose last day falls in the last 12 months.',
    ['Active employees', 'Completed a rotation', 'Share'],
    ({ counts }) => [count(counts.active, 'active'), count(counts.completed, 'completed'), share(counts.completed, counts.active)],
  );
  const onboarding = table(
    'onboarding',
    'People hired in the last 12 months whom an onboarding programme applies to, and of them those whose onboarding rotation began (in progress or completed) no later than their hire week plus the programme’s start-within weeks.',
    ['New hires', 'Started within the window', 'Share'],
    ({ counts }) => [count(counts['new-hires'], 'new-hires'), count(counts.onboarded, 'onboarded'), share(counts.onboarded, counts['new-hires'])],
  );
  const overdue = table(
    'overdue',
    'Due dates as the planner sets them: onboarding by the hire week plus the start-within weeks; a recurring programme every so many months after the last day of the person’s latest rotation (or the hire date). A rotation that has ended counts, even while it awaits late logging or HR’s decision. Overdue: the due week is over and the person is not placed on the programme, or they are placed but a rotation started in the due week would already have ended.',
    ['Active employees', 'Overdue', 'Share'],
    ({ counts }) => [count(counts.active, 'active'), count(counts.overdue, 'overdue'), share(counts.overdue, counts.active)],
  );
  const hours = table(
    'hours',
    `Hours of the shifts logged in each of the last ${figures.weeks.length} weeks (the week of the shift’s day at its desk), by the person’s department.`,
    [...figures.weeks.map((week) => week.label), 'Total'],
    (row) => [
      ...row.hoursByWeek.map((value, index): TableCell => ({ value, text: hundredthsText(value), figure: 'hours', week: figures.weeks[index].label })),
      { value: row.hours, text: hundredthsText(row.hours), figure: 'hours' },
    ],
  );
  const scopeName = figures.departments.length === 1 ? figures.departments[0].department!.name : totalLabel;

  return [
    { ...completion, chart: shareBars(completion, 'The share of active employees in each department who completed a rotation in the last 12 months.', 'whole') },
    { ...onboarding, chart: shareBars(onboarding, 'The share of each department’s new hires who started their onboarding rotation within the window.', 'whole') },
    { ...overdue, chart: shareBars(overdue, 'The share of active employees in each department who are overdue for a rotation.', 'closer') },
    { ...hours, chart: hoursLine(figures, scopeName) },
  ];
}

/** The table as CSV records: a header, a record per department, then the total. */
export function tableRecords(table: FigureTable): { header: string[]; records: (string | number)[][] } {
  const csvColumns = table.columns.map((column) => (column === 'Share' ? 'Share (%)' : column));
  return {
    header: ['Department', ...csvColumns],
    records: [...table.rows, ...(table.total ? [table.total] : [])].map((row) => [row.label, ...row.cells.map((cell) => cell.value ?? '')]),
  };
}
