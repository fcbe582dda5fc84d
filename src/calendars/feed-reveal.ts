// A new feed address is shown once, on the page the reset redirects to: only its hash is kept after that.
import type { Request } from 'express';
import type { FeedOwner } from './calendar-feeds';

declare module 'express-session' {
  interface SessionData {
    newFeed?: { ownerKind: string; ownerId: string; url: string };
  }
}

export function revealFeedOnce(req: Request, owner: FeedOwner, url: string): void {
  req.session.newFeed = { ownerKind: owner.kind, ownerId: owner.id, url };
}

/** The address just made for one of these owners, if any; it is shown once. */
export function takeRevealedFeed(req: Request, owners: FeedOwner[]): { owner: FeedOwner; url: string } | undefined {
  const waiting = req.session?.newFeed;
  const owner = waiting && owners.find((candidate) => candidate.kind === waiting.ownerKind && candidate.id === waiting.ownerId);
  if (!waiting || !owner) return undefined;
  delete req.session.newFeed;
  return { owner, url: waiting.url };
}
