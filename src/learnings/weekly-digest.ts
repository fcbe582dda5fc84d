// The weekly digest for each head: the insights routed to their departments last week, the categories whose share
// of contacts moved most against the week before, and the oldest insights nobody has triaged. It is due from Monday
// 08:00 in the head's own time zone and queued once per head and ISO week (the notice's dedupe key), however often
// and wherever the job runs. A head with nothing to read gets no digest.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { queryNamed } from '../dashboards/dashboard-sql';
import { severityLabels, type Severity } from '../insights/insight';
import { queueMessageNotices, type MessageNoticeDraft } from '../notices/message-notices';
import { longDate } from '../notices/notice-words';
import { contactsHandled, shareTallies } from './contact-shares';
import { routedWithin } from './learnings-scope';
import { utcDayStart, type Period } from './periods';
import { shareFigures, type ShareFigures } from './share-words';

const dueHour = 8;
const listed = 5;
const moversListed = 3;

interface DigestHead {
  id: string;
  fullName: string;
  timeZone: string;
  departmentIds: string[];
  departmentNames: string[];
}

interface NewInsight {
  summary: string;
  severity: Severity;
  heardContacts: number;
}

interface WaitingInsight {
  summary: string;
  createdAt: Date;
}

interface Mover extends ShareFigures {
  label: string;
}

interface DigestContents {
  newCount: number;
  newest: NewInsight[];
  movers: Mover[];
  untriagedCount: number;
  oldestUntriaged: WaitingInsight[];
}

const digestKey = (headId: string, week: string) => `learnings-digest:${headId}:${week}`;

async function loadHeads(manager: EntityManager, today: string): Promise<DigestHead[]> {
  return queryNamed(
    manager,
    `SELECT e.id, e.full_name AS "fullName", s.time_zone AS "timeZone",
            array_agg(d.id ORDER BY lower(d.name)) AS "departmentIds", array_agg(d.name ORDER BY lower(d.name)) AS "departmentNames"
       FROM department_heads h
       JOIN employees e ON e.id = h.employee_id
       JOIN sites s ON s.id = e.site_id
       JOIN departments d ON d.id = h.department_id AND d.archived_at IS NULL
      WHERE e.hire_date <= :today::date AND (e.termination_date IS NULL OR e.termination_date >= :today::date)
      GROUP BY e.id, e.full_name, s.time_zone
      ORDER BY e.id`,
    { today },
  );
}

async function digestContents(manager: EntityManager, head: DigestHead, lastWeek: Period): Promise<DigestContents> {
  const parameters = { departmentIds: head.departmentIds, fromAt: utcDayStart(lastWeek.from), untilAt: utcDayStart(lastWeek.to, 1), listed };
  const [{ newCount, untriagedCount }]: { newCount: number; untriagedCount: number }[] = await queryNamed(
    manager,
    `SELECT count(*) FILTER (WHERE i.created_at >= :fromAt AND i.created_at < :untilAt)::int AS "newCount",
            count(*) FILTER (WHERE i.status = 'new')::int AS "untriagedCount"
       FROM insights i
      WHERE i.merged_into_id IS NULL AND ${routedWithin('i', head.departmentIds)}`,
    parameters,
  );
  const newest: NewInsight[] = await queryNamed(
    manager,
    `SELECT i.summary, i.severity, i.heard_contacts AS "heardContacts"
       FROM insights i
      WHERE i.merged_into_id IS NULL AND i.created_at >= :fromAt AND i.created_at < :untilAt AND ${routedWithin('i', head.departmentIds)}
      ORDER BY i.heard_contacts DESC, i.created_at DESC, i.id LIMIT :listed`,
    parameters,
  );
  const oldestUntriaged: WaitingInsight[] = await queryNamed(
    manager,
    `SELECT i.summary, i.created_at AS "createdAt"
       FROM insights i
      WHERE i.merged_into_id IS NULL AND i.status = 'new' AND ${routedWithin('i', head.departmentIds)}
      ORDER BY i.created_at, i.id LIMIT :listed`,
    parameters,
  );
  const query = { period: lastWeek, departmentIds: head.departmentIds };
  const tallies = await shareTallies(manager, query, moversListed);
  const handled = await contactsHandled(manager, query);
  const names: { id: string; name: string }[] = await manager.query(`SELECT id::text AS id, name FROM insight_categories`);
  const movers = [...tallies.byDimension.category]
    .map(([key, tally]): Mover => ({ label: names.find((name) => name.id === key)?.name ?? key, ...shareFigures(tally, handled) }))
    .filter((mover) => mover.share !== null && mover.previousShare !== null && mover.share !== mover.previousShare)
    .sort((a, b) => Math.abs(b.share! - b.previousShare!) - Math.abs(a.share! - a.previousShare!) || a.label.localeCompare(b.label))
    .slice(0, moversListed);
  return { newCount, newest, movers, untriagedCount, oldestUntriaged };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function digestBody(head: DigestHead, week: string, lastWeek: Period, contents: DigestContents, now: DateTime): string {
  const days = (date: Date) => Math.floor(now.diff(DateTime.fromJSDate(date), 'days').days);
  const paragraphs = [
    `Hello ${head.fullName},`,
    `Your learnings for ${head.departmentNames.join(', ')}, week ${week}.`,
    [
      `New last week (${longDate(lastWeek.from)} to ${longDate(lastWeek.to)}): ${plural(contents.newCount, 'insight', 'insights')}`,
      ...contents.newest.map((insight) => `- ${insight.summary} (${severityLabels[insight.severity]}, ${plural(insight.heardContacts, 'contact', 'contacts')})`),
    ].join('\n'),
  ];
  if (contents.movers.length) {
    paragraphs.push(
      ['Biggest movers (share of all contacts, against the week before):', ...contents.movers.map((mover) => `- ${mover.label}: ${mover.shareText} (${mover.movementText})`)].join(
        '\n',
      ),
    );
  }
  paragraphs.push(
    [
      `Waiting for triage: ${plural(contents.untriagedCount, 'insight', 'insights')}${contents.oldestUntriaged.length ? ', the oldest:' : ''}`,
      ...contents.oldestUntriaged.map((insight) => `- ${insight.summary} (new for ${plural(days(insight.createdAt), 'day', 'days')})`),
    ].join('\n'),
  );
  paragraphs.push('Read and triage them under Learnings in Frontline.\n');
  return paragraphs.join('\n\n');
}

/** Queues the digests due at `now` that were not queued yet; gives how many were new. */
export async function sendWeeklyDigests(manager: EntityManager, now: DateTime): Promise<number> {
  const heads = await loadHeads(manager, now.toUTC().toISODate()!);
  const dueWeeks = new Map<string, string>();
  for (const head of heads) {
    const local = now.setZone(head.timeZone);
    if (local >= local.startOf('week').set({ hour: dueHour })) dueWeeks.set(head.id, local.toFormat("kkkk-'W'WW"));
  }
  const sent: { dedupeKey: string }[] = await manager.query(`SELECT dedupe_key AS "dedupeKey" FROM notices WHERE dedupe_key = ANY($1::text[])`, [
    [...dueWeeks].map(([headId, week]) => digestKey(headId, week)),
  ]);
  const alreadySent = new Set(sent.map((notice) => notice.dedupeKey));
  const drafts: MessageNoticeDraft[] = [];
  for (const head of heads) {
    const week = dueWeeks.get(head.id);
    if (!week || alreadySent.has(digestKey(head.id, week))) continue;
    const monday = DateTime.fromISO(`${week}-1`, { zone: 'utc' });
    const lastWeek: Period = { from: monday.minus({ weeks: 1 }).toISODate()!, to: monday.minus({ days: 1 }).toISODate()!, days: 7 };
    const contents = await digestContents(manager, head, lastWeek);
    if (!contents.newCount && !contents.untriagedCount) continue;
    drafts.push({
      kind: 'learnings-digest',
      dedupeKey: digestKey(head.id, week),
      employeeId: head.id,
      subject: `Your weekly learnings, ${week}: ${plural(contents.newCount, 'new insight', 'new insights')}, ${contents.untriagedCount} waiting for triage`,
      body: digestBody(head, week, lastWeek, contents, now),
    });
  }
  return queueMessageNotices(manager, drafts);
}
