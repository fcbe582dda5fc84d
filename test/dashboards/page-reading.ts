// Reads what a person sees in the dashboard's tables: the cells of a row, by its department's name.

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The part of the page for one table (its section, from id="completion" etc. to the section's end). */
export function section(html: string, key: string): string {
  const start = html.indexOf(`id="${key}"`);
  if (start < 0) throw new Error(`No section ${key}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The cells after the row heading `label` in the first table of `html`, as text. */
export function rowCells(html: string, label: string): string[] {
  const rows = html.split('<tr').slice(1);
  const row = rows.find((candidate) => {
    const heading = /<th scope="row">([\s\S]*?)<\/th>/.exec(candidate);
    return heading && text(heading[1]) === label;
  });
  if (!row) throw new Error(`No row ${label}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]));
}

/** The column headings of the first table in `html`. */
export function columnHeadings(html: string): string[] {
  return [...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((cell) => text(cell[1]));
}

/** The people a drill-down page lists, by name, in order. */
export function listedNames(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]));
}

/** The details column of a person's row on a drill-down page. */
export function detailsOf(html: string, name: string): string {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  const row = body.split('<tr>').find((candidate) => candidate.includes(`>${name}<`) || candidate.includes(`<td>${name}</td>`));
  if (!row) throw new Error(`No row for ${name}`);
  const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]));
  return cells[cells.length - 1];
}
