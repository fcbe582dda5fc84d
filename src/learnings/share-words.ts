// How shares of contacts and their movement read on pages and in the digest: "23%", "2.5%", "+3.2 points".
import type { Tally } from './contact-shares';

/** A fraction as a percentage, with more digits the smaller it is: 0.234 -> "23%", 0.025 -> "2.5%", 0.0004 -> "0.04%". */
export function percentText(fraction: number): string {
  const percent = fraction * 100;
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${Number(percent.toFixed(digits))}%`;
}

export interface ShareFigures {
  contacts: number;
  previousContacts: number;
  /** Fractions of the contacts handled; null when no shift was logged in that period. */
  share: number | null;
  previousShare: number | null;
  shareText: string;
  previousShareText: string;
  /** Percentage points, e.g. "+3.2 points"; "new" when nothing raised it before; "—" without shares. */
  movementText: string;
  /** For a class on the cell: up, down, same or new. */
  movement: 'up' | 'down' | 'same' | 'new' | null;
}

const fractionOf = (contacts: number, handled: number) => (handled > 0 ? contacts / handled : null);

/** A tally against the contacts handled in the period and the one before. */
export function shareFigures(tally: Pick<Tally, 'contacts' | 'previousContacts'>, handled: { current: number; previous: number }): ShareFigures {
  const share = fractionOf(tally.contacts, handled.current);
  const previousShare = fractionOf(tally.previousContacts, handled.previous);
  let movement: ShareFigures['movement'] = null;
  let movementText = '—';
  if (share !== null && tally.previousContacts === 0 && tally.contacts > 0) {
    movement = 'new';
    movementText = 'new';
  } else if (share !== null && previousShare !== null) {
    const points = Math.round((share - previousShare) * 1000) / 10;
    movement = points > 0 ? 'up' : points < 0 ? 'down' : 'same';
    movementText = points === 0 ? 'no change' : `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
  }
  return {
    contacts: tally.contacts,
    previousContacts: tally.previousContacts,
    share,
    previousShare,
    shareText: share === null ? '—' : percentText(share),
    previousShareText: previousShare === null ? '—' : percentText(previousShare),
    movementText,
    movement,
  };
}
