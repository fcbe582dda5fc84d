// The learnings figures for a period: insights per week, the categories, product areas, tags and insights that the
// largest shares of contacts raised (with their movement against the period before), and the desks and stages
// they came from; each with the chart drawn from it.
import type { EntityManager } from 'typeorm';
import { barChart, lineChart, roundedUp, type BarChart, type LineChart } from '../dashboards/charts';
import { insightStatusLabels } from '../insights/insight';
import { weekLabel, weekOfDate } from '../planner/weeks';
import { stageNames, stages } from '../shifts/shift';
import { contactsHandled, shareTallies, type ShareQuery, type Tally } from './contact-shares';
import { previousPeriod, type Period } from './periods';
import { percentText, shareFigures, type ShareFigures } from './share-words';

export interface ThemeLine extends ShareFigures {
  label: string;
  insights: number;
  /** The feed, filtered to this theme and period; null where the reader has no feed. */
  href: string | null;
}

export interface InsightLine extends ShareFigures {
  id: string;
  summary: string;
  statusLabel: string;
  departments: string[];
  href: string | null;
  /** "23% of contacts: can't find the right menu option" */
  headline: string;
}

export interface SourceLine {
  label: string;
  insights: number;
  contacts: number;
  /** Contacts handled there (at the desk, at the stage) in the period. */
  handled: number;
  /** The share of those contacts that raised an insight. */
  shareText: string;
}

export interface WeekLine extends SourceLine {
  week: string;
}

export interface LearningsFigures {
  period: Period;
  previous: Period;
  handled: { current: number; previous: number };
  total: ShareFigures & { insights: number };
  weeks: WeekLine[];
  categories: ThemeLine[];
  areas: ThemeLine[];
  tags: ThemeLine[];
  insights: InsightLine[];
  desks: SourceLine[];
  stages: SourceLine[];
  charts: { weeks: LineChart; categories: BarChart; areas: BarChart; tags: BarChart; insights: BarChart };
}

/** Where figures link to: the feed with these filters, and an insight's page; absent on pages of readers without a feed. */
export interface FigureLinks {
  feed(filters: Record<string, string>): string;
  insight(id: string): string;
}

export const topCount = 10;

const sourceShare = (contacts: number, handled: number) => (handled > 0 ? percentText(contacts / handled) : '—');

async function namesOf(manager: EntityManager, table: 'insight_categories' | 'product_areas' | 'desks'): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] = await manager.query(`SELECT id::text AS id, name FROM ${table}`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

function ranked<T extends { contacts: number; label: string }>(lines: T[]): T[] {
  return lines.filter((line) => line.contacts > 0).sort((a, b) => b.contacts - a.contacts || a.label.localeCompare(b.label)).slice(0, topCount);
}

function shareBars(id: string, title: string, lines: (ShareFigures & { label: string })[]): BarChart {
  const percents = lines.map((line) => (line.share ?? 0) * 100);
  return barChart(
    { id, title, description: lines.map((line) => `${line.label}: ${line.shareText} of contacts`).join('; ') || 'Nothing raised in this period.' },
    lines.map((line, index) => ({ label: line.label, value: percents[index], text: line.shareText })),
    roundedUp(Math.max(0, ...percents)),
  );
}

/** The figures of the insights routed to `query.departmentIds` (every insight for null) in `query.period`. */
export async function loadLearningsFigures(manager: EntityManager, query: ShareQuery, links: FigureLinks | null): Promise<LearningsFigures> {
  const { period } = query;
  const tallies = await shareTallies(manager, query, topCount);
  const handled = await contactsHandled(manager, query);
  const categoryNames = await namesOf(manager, 'insight_categories');
  const areaNames = await namesOf(manager, 'product_areas');
  const deskNames = await namesOf(manager, 'desks');
  const inPeriod = { from: period.from, to: period.to };
  const themeLine = (label: string, tally: Tally, filter: Record<string, string> | null): ThemeLine => ({
    label,
    insights: tally.insights,
    ...shareFigures(tally, handled),
    href: links && filter ? links.feed({ ...filter, ...inPeriod }) : null,
  });
  const themes = (dimension: 'category' | 'area', names: Map<string, string>, parameter: string) =>
    ranked([...tallies.byDimension[dimension]].filter(([key]) => key !== '').map(([key, tally]) => themeLine(names.get(key) ?? key, tally, { [parameter]: key })));

  const categories = themes('category', categoryNames, 'category');
  const areas = themes('area', areaNames, 'area');
  const tags = ranked(tallies.tags.map((tally) => themeLine(tally.tag, tally, { tag: tally.tag })));
  const insights = tallies.insights.map((tally): InsightLine => {
    const figures = shareFigures(tally, handled);
    return {
      id: tally.id,
      summary: tally.summary,
      statusLabel: insightStatusLabels[tally.status],
      departments: tally.departments,
      href: links ? links.insight(tally.id) : null,
      headline: `${figures.shareText} of contacts: ${tally.summary}`,
      ...figures,
    };
  });

  const totalTally = [...tallies.byDimension.category.values()].reduce(
    (sum, tally) => ({ contacts: sum.contacts + tally.contacts, previousContacts: sum.previousContacts + tally.previousContacts, insights: sum.insights + tally.insights }),
    { contacts: 0, previousContacts: 0, insights: 0 },
  );
  const noneTally: Tally = { contacts: 0, previousContacts: 0, insights: 0 };
  const sourceLine = (label: string, tally: Tally, sourceHandled: number): SourceLine => ({
    label,
    insights: tally.insights,
    contacts: tally.contacts,
    handled: sourceHandled,
    shareText: sourceShare(tally.contacts, sourceHandled),
  });
  const weeks: WeekLine[] = [];
  for (let week = weekOfDate(period.from); week <= weekOfDate(period.to); week++) {
    const label = weekLabel(week);
    weeks.push({ week: label, ...sourceLine(label, tallies.byDimension.week.get(label) ?? noneTally, handled.byWeek.get(label) ?? 0) });
  }
  const deskKeys = new Set([...tallies.byDimension.desk.keys(), ...handled.byDesk.keys()]);
  const desks = [...deskKeys]
    .map((key) => sourceLine(key === '' ? 'No shift given' : (deskNames.get(key) ?? key), tallies.byDimension.desk.get(key) ?? noneTally, handled.byDesk.get(key) ?? 0))
    .filter((line) => line.contacts > 0 || line.handled > 0)
    .sort((a, b) => b.contacts - a.contacts || b.handled - a.handled || a.label.localeCompare(b.label));
  const stageLines = stages.map((stage) => sourceLine(stageNames[stage], tallies.byDimension.stage.get(stage) ?? noneTally, handled.byStage.get(stage) ?? 0));
  const withoutShift = tallies.byDimension.stage.get('');
  if (withoutShift?.contacts) stageLines.push(sourceLine('No shift given', withoutShift, 0));

  return {
    period,
    previous: previousPeriod(period),
    handled: { current: handled.current, previous: handled.previous },
    total: { ...shareFigures(totalTally, handled), insights: totalTally.insights },
    weeks,
    categories,
    areas,
    tags,
    insights,
    desks,
    stages: stageLines,
    charts: {
      weeks: lineChart(
        { id: 'insights-per-week', title: 'Insights per week', description: weeks.map((week) => `${week.week}: ${week.insights}`).join('; ') },
        weeks.map((week) => ({ label: week.week, value: week.insights, text: `${week.insights} ${week.insights === 1 ? 'insight' : 'insights'}` })),
        (label) => label.slice(5),
      ),
      categories: shareBars('category-shares', 'Share of contacts by category', categories),
      areas: shareBars('area-shares', 'Share of contacts by product area', areas),
      tags: shareBars('tag-shares', 'Share of contacts by tag', tags),
      insights: shareBars('insight-shares', 'Share of contacts by insight', insights.map((line) => ({ ...line, label: line.summary }))),
    },
  };
}
