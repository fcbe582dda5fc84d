// How a page says that its figures were kept from a few minutes ago, and how often they are worked out again.
import type { FigureCache } from './figure-cache';

/** "Figures as of 4 minutes ago; they are worked out again every 5 minutes.", or null for figures made for this page. */
export function figuresAge(computedAt: Date | null, figureCache: FigureCache, now = new Date()): string | null {
  if (!computedAt) return null;
  const minutes = Math.floor((now.getTime() - computedAt.getTime()) / 60_000);
  const age = minutes < 1 ? 'a moment ago' : minutes === 1 ? 'a minute ago' : `${minutes} minutes ago`;
  const every = figureCache.maxAgeSeconds % 60 === 0 ? `${figureCache.maxAgeSeconds / 60} minutes` : `${figureCache.maxAgeSeconds} seconds`;
  return `Figures as of ${age}; they are worked out again every ${every.replace(/^1 minutes$/, 'minute')}.`;
}
