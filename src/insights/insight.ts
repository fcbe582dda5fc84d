// The words of an insight that its pages and rules share: how much it hurt the customer, where it stands.
export const severities = ['minor', 'significant', 'severe'] as const;
export type Severity = (typeof severities)[number];

export const severityLabels: Record<Severity, string> = { minor: 'Minor', significant: 'Significant', severe: 'Severe' };

export const insightStatuses = ['new', 'acknowledged', 'planned', 'done', 'wont-do'] as const;
export type InsightStatus = (typeof insightStatuses)[number];

export const insightStatusLabels: Record<InsightStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  planned: 'Planned',
  done: 'Done',
  'wont-do': 'Won’t do',
};

export const summaryMaxLength = 160;
export const verbatimMaxLength = 4000;
export const situationMaxLength = 4000;

/** What a customer said and how it is filed: what every page about one insight shows. */
export interface InsightText {
  id: string;
  summary: string;
  verbatim: string;
  situation: string | null;
  categoryName: string;
  productAreaName: string | null;
  severity: Severity;
  status: InsightStatus;
}
