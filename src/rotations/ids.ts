/** Whether text can be a row id: anything else in a URL cannot name a row, and PostgreSQL would refuse it as a uuid. */
export function isId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
