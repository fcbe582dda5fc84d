// Figures that summarise the whole organisation, kept in PostgreSQL so that every app process shares them. A page
// shows what is kept while it is younger than the configured age; older, the page still shows it at once and the
// figures are worked out again behind it. Only the very first visit waits for them.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export interface CachedFigures<T> {
  figures: T;
  /** When the figures were worked out; null when they were worked out for this page. */
  computedAt: Date | null;
}

export class FigureCache {
  /** Refreshes under way in this process, so that a burst of visits starts one. */
  private readonly refreshing = new Map<string, Promise<void>>();

  /** `maxAgeSeconds` 0 works figures out on every visit and keeps nothing. */
  constructor(
    private readonly dataSource: DataSource,
    readonly maxAgeSeconds: number,
  ) {}

  /** `key` names what the figures are of (their kind and every parameter they depend on). */
  async read<T>(manager: EntityManager, key: string, compute: (manager: EntityManager) => Promise<T>): Promise<CachedFigures<T>> {
    if (this.maxAgeSeconds === 0) return { figures: await compute(manager), computedAt: null };
    const storedKey = createHash('sha256').update(key).digest('base64url');
    const [kept]: { figures: T; computed_at: Date; stale: boolean }[] = await manager.query(
      `SELECT figures, computed_at, computed_at < now() - make_interval(secs => $2) AS stale FROM figure_cache WHERE key = $1`,
      [storedKey, this.maxAgeSeconds],
    );
    if (!kept) {
      const figures = await compute(manager);
      await store(manager, storedKey, figures);
      return { figures, computedAt: null };
    }
    if (kept.stale) this.refreshInBackground(storedKey, compute);
    return { figures: kept.figures, computedAt: kept.computed_at };
  }

  private refreshInBackground<T>(storedKey: string, compute: (manager: EntityManager) => Promise<T>): void {
    if (this.refreshing.has(storedKey)) return;
    const refresh = this.dataSource
      .transaction(async (manager) => store(manager, storedKey, await compute(manager)))
      // The kept figures were shown; a failed refresh is tried again on the next visit.
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(storedKey));
    this.refreshing.set(storedKey, refresh);
  }

  /** Waits for the refreshes under way (for a clean shutdown and for tests). */
  async settle(): Promise<void> {
    await Promise.all(this.refreshing.values());
  }
}

async function store(manager: EntityManager, storedKey: string, figures: unknown): Promise<void> {
  await manager.query(
    `INSERT INTO figure_cache (key, figures, computed_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET figures = EXCLUDED.figures, computed_at = EXCLUDED.computed_at`,
    [storedKey, JSON.stringify(figures)],
  );
}
