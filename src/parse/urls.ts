/** Which link targets a book may contain. Nothing here is ever fetched. */
export type UrlVerdict = { ok: true; href: string } | { ok: false; reason: string };

export function urlScheme(url: string): string | undefined {
  // Browsers ignore control characters and white space inside a scheme; so must we.
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return m?.[1].toLowerCase();
}

export function checkLink(href: string): UrlVerdict {
  const scheme = urlScheme(href);
  if (scheme === undefined) {
    return {
      ok: false,
      reason: `removed the link to "${href}": only web (https:) and e-mail (mailto:) links are kept in a book`,
    };
  }
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return { ok: true, href: href.trim() };
  if (scheme === 'javascript' || scheme === 'vbscript')
    return { ok: false, reason: `removed a ${scheme}: link: a book must not run scripts` };
  if (scheme === 'data') return { ok: false, reason: 'removed a data: link: a book must not carry hidden content' };
  if (scheme === 'file')
    return {
      ok: false,
      reason: 'removed a file: link: it points at a file on your computer, which readers do not have',
    };
  return { ok: false, reason: `removed a link with the unsupported scheme ${scheme}:` };
}
