// Takes personal data out of what customers said before it is stored: email addresses, phone numbers and card
// numbers (13 to 19 digits passing the Luhn check) become markers, and only how many of each kind is kept.
export const maskedKinds = ['email', 'card', 'phone'] as const;
export type MaskedKind = (typeof maskedKinds)[number];

export interface MaskedCount {
  kind: MaskedKind;
  count: number;
}

export interface MaskedText {
  text: string;
  masked: MaskedCount[];
}

const markers: Record<MaskedKind, string> = {
  email: '[email removed]',
  card: '[card number removed]',
  phone: '[phone number removed]',
};

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Digits with single spaces or dashes between them, as cards are printed and typed.
const cardPattern = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
// Digit groups with the separators people type in phone numbers: +49 (0)30 1234567, (555) 123-4567, 0151/2345678.
const phonePattern = /(?<![\w+(])[+(]?\d(?:[ ()./-]{0,2}\d)+/g;
const datePattern = /^\d{1,4}([./-])\d{1,2}\1\d{1,4}$/;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

function looksLikeCard(candidate: string): boolean {
  return passesLuhn(digitsOf(candidate));
}

// A run of digits alone (an order number) or a date is no phone number: a phone has a prefix or separators.
function looksLikePhone(candidate: string): boolean {
  const digits = digitsOf(candidate).length;
  if (digits < 7 || digits > 15 || datePattern.test(candidate)) return false;
  return /^[+(0]/.test(candidate) || /[ ()./-]/.test(candidate);
}

const detectors: { kind: MaskedKind; pattern: RegExp; accept: (candidate: string) => boolean }[] = [
  { kind: 'email', pattern: emailPattern, accept: () => true },
  { kind: 'card', pattern: cardPattern, accept: looksLikeCard },
  { kind: 'phone', pattern: phonePattern, accept: looksLikePhone },
];

/** The text with personal data replaced by markers, and how many of each kind were replaced. */
export function maskPersonalData(text: string): MaskedText {
  const masked: MaskedCount[] = [];
  let result = text;
  for (const { kind, pattern, accept } of detectors) {
    let count = 0;
    result = result.replace(pattern, (candidate) => {
      if (!accept(candidate)) return candidate;
      count += 1;
      return markers[kind];
    });
    if (count) masked.push({ kind, count });
  }
  return { text: result, masked };
}

const kindNames: Record<MaskedKind, [string, string]> = {
  email: ['email address', 'email addresses'],
  card: ['card number', 'card numbers'],
  phone: ['phone number', 'phone numbers'],
};

/** "2 email addresses and 1 phone number" */
export function describeMasked(counts: MaskedCount[]): string {
  const parts = counts.map(({ kind, count }) => `${count} ${kindNames[kind][count === 1 ? 0 : 1]}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}
