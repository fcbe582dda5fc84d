// What an attacker, a careless paste or a broken client sends instead of what a form asks for.

export const scriptTag = '<script>alert(1)</script>';
export const eventHandler = '"><img src=x onerror=alert(1)>';
export const javascriptUrl = 'javascript:alert(1)';

/** Markup each value would make live if a page printed it raw: a script, an element with a handler, a link that runs code. */
const liveMarkup = [/<script>alert\(1\)/i, /<img src=x onerror=/i, /\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i];

/** Text as the pages print it: EJS escapes these five characters. */
export const escapedHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** The pieces of hostile markup a page shows unescaped, if any. */
export function unescapedMarkup(html: string): string[] {
  return liveMarkup.flatMap((pattern) => pattern.exec(html)?.[0] ?? []);
}

export const sqlFragments = ["' OR 1=1 --", "'; DROP TABLE employees; --", '%', '_', '\\', "' UNION SELECT password_hash FROM employees --"];

export const overlong = 'x'.repeat(10_001);

export const badNumbers = ['1e308', '99999999999999999999', '-1', 'NaN', 'Infinity', '1.5', ' '];

export const badDates = ['2026-02-30', '2026-13-01', '0000-00-00', 'yesterday', '2026-1-1', '20260101', '+275760-09-13'];

export const badWeeks = ['2026-W54', '2026-W00', '2026-W5', 'W05', '2026-W05x'];

export const badTimeZones = ['Mars/Olympus', 'UTC+25', 'Europe/../../etc/passwd', ''];

export const nulByte = 'a\u0000b';

/** Names and words people write, that must come back exactly as written. */
export const unicodeNames = {
  rightToLeftOverride: 'Ann\u202Egnp.exe',
  arabic: 'ليلى الحسن',
  hebrew: 'נועה כהן',
  emojiSequence: 'Sam 👩🏽‍💻👨‍👩‍👧‍👦',
  combiningMarks: 'Zoe\u0308 Ame\u0301lie',
};

export interface HostileValue {
  label: string;
  /** A list: the field sent several times, as a tampered form would. Undefined: the field left out. */
  value: string | string[] | undefined;
}

// Markup for text and for attributes at once, with a quote that would end an SQL string, so that one request tries
// all three on a field.
export const markupAndQuotes = `${scriptTag}${eventHandler}' OR 1=1 --`;

/** What the sweep puts in every field: markup, control characters, excess, and a tampered form's shape. */
const everyField: HostileValue[] = [
  { label: 'markup and quotes', value: markupAndQuotes },
  { label: '10,001 characters', value: overlong },
  { label: 'a NUL byte', value: nulByte },
  { label: 'the field twice', value: ['1', '2'] },
  { label: 'the field left out', value: undefined },
];

const numberFields: HostileValue[] = [
  { label: 'a huge number', value: '1e308' },
  { label: 'a negative number', value: '-1' },
];

const dateFields: HostileValue[] = [{ label: 'an impossible date', value: '2026-02-30' }];

/** The values the sweep tries in a field: all of the above, and out-of-range numbers and dates where the field takes them. */
export function sweepValuesFor(kind: string): HostileValue[] {
  if (kind === 'number') return [...everyField, ...numberFields];
  if (kind === 'date' || kind === 'time') return [...everyField, ...dateFields];
  return everyField;
}
