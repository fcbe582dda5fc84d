/** A calendar page's row for one week, from its week label (linked to the week's roster or not) to the end of the row. */
export function weekRow(html: string, week: string): string {
  const start = html.search(new RegExp(`<th scope="row">(<a [^>]*>)?${week}`));
  if (start < 0) throw new Error(`No row for ${week}`);
  return html.slice(start, html.indexOf('</tr>', start));
}
