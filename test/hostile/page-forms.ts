// Reads the forms and links off the app's own pages, as a browser would, so that the hostile-input suite finds every
// form and query parameter by walking the app: a form added later is attacked too, with no list to keep up to date.
import type { Agent } from '../support/sessions';

export interface FormField {
  name: string;
  /** input type, or select / textarea / button. */
  kind: string;
  /** What a browser sends when nobody touches the field; undefined when it sends nothing (an unticked box). */
  value: string | undefined;
  /** What the field can send when chosen: a box's or radio's value, or a list's options. */
  choices: string[];
}

export interface PageForm {
  /** The page the form was found on. */
  page: string;
  method: 'get' | 'post';
  /** The address, without the query string (an upload form keeps its token there). */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#34': '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
    if (entities[name] !== undefined) return entities[name];
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)) attributes[name.toLowerCase()] = decodeEntities(value ?? '');
  return attributes;
}

function selectField(name: string, element: string): FormField {
  const options = [...element.matchAll(/<option\b[^>]*>/g)].map(([tag]) => attributesOf(tag));
  const chosen = options.find((option) => 'selected' in option) ?? options[0];
  return { name, kind: 'select', value: chosen?.value, choices: options.map((option) => option.value ?? '') };
}

function fieldsOf(body: string): FormField[] {
  const fields: FormField[] = [];
  const pattern = /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<button\b[^>]*>/g;
  for (const [element] of body.matchAll(pattern)) {
    const tag = /^<[^>]*>/.exec(element)![0];
    const attributes = attributesOf(tag);
    if (!attributes.name) continue;
    if (element.startsWith('<select')) fields.push(selectField(attributes.name, element));
    else if (element.startsWith('<textarea')) {
      fields.push({ name: attributes.name, kind: 'textarea', value: decodeEntities(/>([\s\S]*)<\/textarea>$/.exec(element)![1]), choices: [] });
    } else if (element.startsWith('<button')) fields.push({ name: attributes.name, kind: 'button', value: attributes.value ?? '', choices: [] });
    else {
      const kind = attributes.type ?? 'text';
      const tickable = kind === 'checkbox' || kind === 'radio';
      const value = attributes.value ?? (kind === 'checkbox' ? 'on' : '');
      const sent = (tickable && !('checked' in attributes)) || kind === 'file' ? undefined : value;
      fields.push({ name: attributes.name, kind, value: sent, choices: tickable ? [value] : [] });
    }
  }
  return fields;
}

/** Every form on a page, with its fields as a browser would send them untouched. */
function formsOn(page: string, html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, tagAttributes, body]) => {
    const attributes = attributesOf(` ${tagAttributes}`);
    return {
      page,
      method: attributes.method?.toLowerCase() === 'post' ? 'post' : 'get',
      action: (attributes.action || page).split(/[?#]/)[0],
      multipart: attributes.enctype === 'multipart/form-data',
      fields: fieldsOf(body),
    };
  });
}

/** The app's own addresses a page links to (not other sites, not fragments). */
function linksOn(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map(([, href]) => decodeEntities(href)).filter((href) => href.startsWith('/') && !href.startsWith('//'));
}

/** The addresses a route answers: /hr/desks/:id/archive as a pattern. */
export const routePattern = (path: string) => new RegExp(`^${path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`);

const idPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A week in the path (a desk's roster for 2027-W05) counts as an id too: each week links to the next, without end.
const weekSegmentPattern = /(?<=\/)\d{4}-W\d{2}(?=\/|$)/gi;

/** An address with its ids and weeks replaced, so that pages about different rows of one kind count as one. */
export function addressPattern(address: string): string {
  return address.split(/[?#]/)[0].replace(idPattern, ':id').replace(weekSegmentPattern, ':week');
}

export interface Visit {
  address: string;
  status: number;
  contentType: string;
  body: string;
}

export interface Site {
  visits: Visit[];
  forms: PageForm[];
}

export interface WalkOptions {
  perPattern?: number;
  /** Addresses not to visit. */
  skip?: (address: string) => boolean;
}

// Downloads are fetched and checked like pages, but hold no links or forms worth following.
const isDownload = (address: string) => /\.(csv|ics)(\?|$)/.test(address);

/**
 * Visits every page reachable from `start` by links and redirects, at most `perPattern` of each shape (the address
 * without its ids and query values): two employees' profiles say what thirty would.
 */
export async function walkSite(agent: Agent, start: string[], { perPattern = 2, skip = () => false }: WalkOptions = {}): Promise<Site> {
  const queue = [...start];
  const seen = new Set<string>();
  const visitsPerPattern = new Map<string, number>();
  const visits: Visit[] = [];
  const forms = new Map<string, PageForm>();
  while (queue.length) {
    const address = queue.shift()!;
    const [path, query = ''] = address.split('#')[0].split('?');
    const shape = `${addressPattern(path)}?${[...new URLSearchParams(query).keys()].sort().join('&')}`;
    if (seen.has(address) || skip(address)) continue;
    seen.add(address);
    const count = visitsPerPattern.get(shape) ?? 0;
    if (count >= perPattern) continue;
    visitsPerPattern.set(shape, count + 1);
    const response = await agent.get(address);
    const body = response.text ?? '';
    visits.push({ address, status: response.status, contentType: String(response.headers['content-type'] ?? ''), body });
    const location = response.headers.location as string | undefined;
    if (location?.startsWith('/')) queue.push(location);
    if (response.status !== 200 || isDownload(address) || !visits.at(-1)!.contentType.startsWith('text/html')) continue;
    for (const form of formsOn(path, body)) {
      const key = `${form.method} ${addressPattern(form.action)} ${[...new Set(form.fields.map((field) => field.name))].join(',')}`;
      if (!forms.has(key)) forms.set(key, form);
    }
    queue.push(...linksOn(body).map((link) => link.split('#')[0]));
  }
  return { visits, forms: [...forms.values()] };
}
