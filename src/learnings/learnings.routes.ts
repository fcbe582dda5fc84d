// Department learnings: the heads' feed of the insights routed to their departments (HR's of every insight), an
// insight's page with its triage and re-routing, the figures with their charts, the CSV export; and "What customers
// told us", the programme-wide page everyone reads.
import { type Request, type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import type { FigureCache } from '../figure-cache/figure-cache';
import { figuresAge } from '../figure-cache/figures-age';
import { headsOnly, hrOnly, signedIn, type AccessGuard } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { insightStatusLabels, insightStatuses, severities, severityLabels } from '../insights/insight';
import { listEntries } from '../insights/insight-lists';
import { longDate } from '../notices/notice-words';
import { sendCsv } from '../people-export/csv-download';
import { idParam } from '../http/id-param';
import { asChangeOutcome, type ChangeOutcome } from '../http/invalid-fields';
import { listDesks } from '../rotations/desks';
import { today } from '../schedule/clock';
import { stageNames } from '../shifts/shift';
import { eachFeedChunk, findFeedPage } from './feed';
import { feedCsvHeader, feedCsvRecord } from './feed-export';
import { feedSearchParams, feedSortNames, feedSorts, parseFeedFilters } from './feed-filters';
import { loadLearningsFigures } from './figures';
import { loadInsightPage, scopedInsight } from './insight-page';
import { learningsBasePaths, learningsScope, type LearningsAudience } from './learnings-scope';
import { parsePeriod } from './periods';
import { loadProgrammeLearnings } from './programme-learnings';
import { rerouteChoices, rerouteForm, rerouteInsight, statusTransitions, triageForm, triageInsight } from './triage';

const guards: Record<LearningsAudience, AccessGuard> = { hr: hrOnly, head: headsOnly };

/** The feed's address with these query values (empty ones left out). */
function withQuery(path: string, params: URLSearchParams | Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
}

interface ShownForms {
  triage?: { values: Record<string, string>; errors: FieldErrors };
  reroute?: { values: Record<string, string>; errors: FieldErrors };
}

const submittedValues = (body: unknown, fields: string[]): Record<string, string> =>
  Object.fromEntries(fields.map((field) => [field, String((body as Record<string, unknown> | undefined)?.[field] ?? '')]));

export function learningsRoutes(dataSource: DataSource, figureCache: FigureCache): Router {
  const router = Router();

  async function showFeed(req: Request, res: Response, audience: LearningsAudience) {
    const filters = parseFeedFilters(req.query);
    const { scope, page, categories, areas, desks } = await inTransaction(dataSource, async (manager) => {
      const scope = await learningsScope(manager, audience, req.user!, req.query);
      return {
        scope,
        page: await findFeedPage(manager, scope, filters, req.query.after),
        categories: await listEntries(manager, 'category'),
        areas: await listEntries(manager, 'product-area'),
        desks: await listDesks(manager),
      };
    });
    const departmentId = scope.selected?.id ?? null;
    res.render('learnings/feed', {
      title: scope.selected ? `Learnings: ${scope.selected.name}` : 'Learnings',
      scope,
      filters,
      page,
      categories,
      areas,
      desks,
      statuses: insightStatuses,
      statusLabels: insightStatusLabels,
      severities,
      severityLabels,
      sorts: feedSorts.filter((sort) => sort !== 'relevance' || filters.search),
      sortNames: feedSortNames,
      nextHref: page.nextCursor ? withQuery(scope.basePath, feedSearchParams(filters, departmentId, page.nextCursor)) : null,
      firstHref: req.query.after ? withQuery(scope.basePath, feedSearchParams(filters, departmentId)) : null,
      exportHref: withQuery(`${scope.basePath}/export.csv`, feedSearchParams(filters, departmentId)),
      figuresHref: withQuery(`${scope.basePath}/figures`, departmentId ? { department: departmentId } : {}),
      notice: takeFlash(req),
    });
  }

  async function sendFeedCsv(req: Request, res: Response, audience: LearningsAudience) {
    const filters = parseFeedFilters(req.query);
    const scope = await inTransaction(dataSource, (manager) => learningsScope(manager, audience, req.user!, req.query));
    // Chunks are read outside a transaction: a slow download must not hold the embedded database's one connection.
    await sendCsv(res, `learnings-${today()}.csv`, feedCsvHeader, async (write) => {
      await eachFeedChunk(dataSource.manager, scope, filters, async (rows) => {
        for (const row of rows) await write(feedCsvRecord(row));
      });
    });
  }

  async function showFigures(req: Request, res: Response, audience: LearningsAudience) {
    const period = parsePeriod(req.query, today());
    const { scope, figures, computedAt } = await inTransaction(dataSource, async (manager) => {
      const scope = await learningsScope(manager, audience, req.user!, req.query);
      const departmentId = scope.selected?.id;
      // The figures hold their links, so they are kept per page address (audience and department) as well as per scope.
      const key = `learnings-figures ${scope.basePath} ${departmentId ?? ''} ${scope.departmentIds?.join(' ') ?? 'all'} ${period.from} ${period.to}`;
      const { figures, computedAt } = await figureCache.read(manager, key, (reader) =>
        loadLearningsFigures(reader, { period, departmentIds: scope.departmentIds }, {
          feed: (filters) => withQuery(scope.basePath, { ...(departmentId ? { department: departmentId } : {}), ...filters }),
          insight: (id) => `${scope.basePath}/${id}`,
        }),
      );
      return { scope, figures, computedAt };
    });
    res.render('learnings/figures', {
      title: scope.selected ? `Learnings figures: ${scope.selected.name}` : 'Learnings figures',
      scope,
      figures,
      feedHref: withQuery(scope.basePath, scope.selected ? { department: scope.selected.id } : {}),
      figuresAge: figuresAge(computedAt, figureCache),
    });
  }

  async function showInsight(req: Request, res: Response, audience: LearningsAudience, status = 200, forms: ShownForms = {}) {
    const insightId = idParam(req.params.id);
    const page = await inTransaction(dataSource, async (manager) => {
      const scope = await learningsScope(manager, audience, req.user!);
      const { mergedIntoId } = await scopedInsight(manager, scope, insightId);
      if (mergedIntoId) return { mergedIntoId };
      const insight = await loadInsightPage(manager, scope, insightId);
      return { scope, insight, ...(await rerouteChoices(manager, scope, insight.departments)) };
    });
    if ('mergedIntoId' in page) return res.redirect(303, `${learningsBasePaths[audience]}/${page.mergedIntoId}#merged-${insightId}`);
    const { scope, insight } = page;
    res.status(status).render('learnings/insight', {
      title: insight.summary,
      ...page,
      feedHref: scope.basePath,
      statusLabels: insightStatusLabels,
      severityLabels,
      stageNames,
      statusChoices: [insight.status, ...statusTransitions[insight.status]],
      triage: forms.triage ?? { values: { status: insight.status, comment: '' }, errors: {} },
      reroute: forms.reroute ?? { values: { fromDepartmentId: '', toDepartmentId: '', note: '' }, errors: {} },
      notice: takeFlash(req),
    });
  }

  for (const audience of ['head', 'hr'] as const) {
    const guard = guards[audience];
    const basePath = learningsBasePaths[audience];

    router.get(basePath, guard, (req, res) => showFeed(req, res, audience));
    router.get(`${basePath}/export.csv`, guard, (req, res) => sendFeedCsv(req, res, audience));
    router.get(`${basePath}/figures`, guard, (req, res) => showFigures(req, res, audience));
    router.get(`${basePath}/:id`, guard, (req, res) => showInsight(req, res, audience));

    router.post(`${basePath}/:id/triage`, guard, async (req, res) => {
      const insightId = idParam(req.params.id);
      const form = parseForm(triageForm, req.body);
      const outcome: ChangeOutcome<unknown> = form.ok
        ? await asChangeOutcome(() => inTransaction(dataSource, async (manager) => triageInsight(manager, await learningsScope(manager, audience, req.user!), insightId, form.data)))
        : { ok: false, status: 422, errors: form.errors };
      if (!outcome.ok) {
        return showInsight(req, res, audience, outcome.status, { triage: { values: submittedValues(req.body, ['status', 'comment']), errors: outcome.errors } });
      }
      setFlash(req, 'Saved, and the author was told.');
      res.redirect(303, `${basePath}/${insightId}`);
    });

    router.post(`${basePath}/:id/reroute`, guard, async (req, res) => {
      const insightId = idParam(req.params.id);
      const form = parseForm(rerouteForm, req.body);
      const outcome = form.ok
        ? await asChangeOutcome(() => inTransaction(dataSource, async (manager) => rerouteInsight(manager, await learningsScope(manager, audience, req.user!), insightId, form.data)))
        : ({ ok: false, status: 422, errors: form.errors } as const);
      if (!outcome.ok) {
        const values = submittedValues(req.body, ['fromDepartmentId', 'toDepartmentId', 'note']);
        return showInsight(req, res, audience, outcome.status, { reroute: { values, errors: outcome.errors } });
      }
      setFlash(req, `Passed on to ${outcome.data.departmentName}, and the author was told.`);
      res.redirect(303, outcome.data.stillInScope ? `${basePath}/${insightId}` : basePath);
    });
  }

  router.get('/learnings', signedIn, async (req, res) => {
    const learnings = await inTransaction(dataSource, (manager) => loadProgrammeLearnings(manager, today()));
    res.render('learnings/programme', { title: 'What customers told us', ...learnings, longDate });
  });

  return router;
}
