import { IANAZone } from 'luxon';
import { z } from 'zod';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
// Codes Intl names that are not countries (unions, "unknown region"), so no public holidays belong to them.
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

/** An assigned ISO 3166-1 alpha-2 code: one Intl can name. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !notCountries.has(code) && regionNames.of(code) !== code;
}

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

export const siteForm = z.object({
  name: z.string().trim().min(1, 'Enter a site name').max(100, 'A site name is at most 100 characters'),
  timeZone: z
    .string()
    .trim()
    .min(1, 'Enter a time zone such as Europe/Berlin')
    .refine((zone) => IANAZone.isValidZone(zone), 'Unknown time zone: use an IANA name such as Europe/Berlin or America/Chicago')
    // Stored as the zone's canonical spelling, whatever case it was typed in.
    .transform((zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, 'Enter a two-letter ISO country code such as DE, IE or US'),
});
