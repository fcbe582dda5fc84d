// The learnings feed as CSV records: what the page shows, with the customer's words in full. Spreadsheet safety
// (cells starting with = + - @) is sendCsv's.
import { insightStatusLabels, severityLabels } from '../insights/insight';
import type { FeedRow } from './feed';

export const feedCsvHeader = [
  'Written (UTC)',
  'Summary',
  'What the customer said',
  'Situation',
  'Category',
  'Product area',
  'Severity',
  'Status',
  'Contacts heard',
  'Insights merged into it',
  'Tags',
  'Departments',
  'Desk',
  'Author',
];

export function feedCsvRecord(row: FeedRow): string[] {
  return [
    row.createdAt.toISOString().slice(0, 16).replace('T', ' '),
    row.summary,
    row.verbatim,
    row.situation ?? '',
    row.categoryName,
    row.productAreaName ?? '',
    severityLabels[row.severity],
    insightStatusLabels[row.status],
    String(row.heardContacts),
    String(row.mergedCount),
    row.tags.join('; '),
    row.departments.join('; '),
    row.deskName ?? '',
    row.authorName ?? (row.sensitive ? 'Hidden (sensitive)' : ''),
  ];
}
