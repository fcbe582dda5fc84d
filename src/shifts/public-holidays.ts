// Public holidays of a country, from the maintained date-holidays rules (national holidays only: a site names its
// country, not its region).
import Holidays from 'date-holidays';

const byCountryYear = new Map<string, Map<string, string>>();

function holidaysOfYear(countryCode: string, year: number): Map<string, string> {
  const key = `${countryCode}:${year}`;
  let days = byCountryYear.get(key);
  if (!days) {
    const holidays = new Holidays(countryCode, { languages: 'en', types: ['public'] });
    // An unknown country has no rules, and so no holidays.
    days = new Map(holidays.getHolidays(year, 'en').map((holiday) => [holiday.date.slice(0, 10), holiday.name]));
    byCountryYear.set(key, days);
  }
  return days;
}

/** The public holidays from `from` to `to` (ISO dates, both included), by date, with their English names. */
export function publicHolidays(countryCode: string, from: string, to: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!countryCode) return found;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const [date, name] of holidaysOfYear(countryCode.toUpperCase(), year)) {
      if (date >= from && date <= to) found.set(date, name);
    }
  }
  return found;
}
