/** HTML character references (`&amp;`, `&#8217;`, `&#x2014;`, `&mdash;`): one decoder for the whole program. */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  copy: '©',
  shy: '\u00ad',
  thinsp: '\u2009',
  hairsp: '\u200a',
  emsp: '\u2003',
  ensp: '\u2002',
};

/** The XML entities are also written in capitals (`&AMP;`); other names are case-sensitive (`&Eacute;`). */
const CASELESS = new Set(['amp', 'lt', 'gt', 'quot', 'apos', 'nbsp']);

/** The character a reference's body (`amp`, `#8217`, `#x2014`) stands for, or undefined when unknown or unsafe. */
export function entityChar(body: string): string | undefined {
  if (body[0] === '#') {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // No control characters and no lone surrogates: they are not text.
    return cp > 0x1f && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : undefined;
  }
  const lower = body.toLowerCase();
  return NAMED[body] ?? (CASELESS.has(lower) ? NAMED[lower] : undefined);
}

export const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g;

export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (all, body: string) => entityChar(body) ?? all);
}
