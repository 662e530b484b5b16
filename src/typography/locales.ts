/**
 * Quote glyphs by language, from typographic-quotes' locale table, with the fallbacks it lacks. The locale
 * decides the glyphs; the writer decides the nesting: a straight `"` becomes the locale's double quotes and a
 * straight `'` its single ones, whichever the locale's house style puts outside (British books set single
 * quotes outside, Dutch ones often too; a writer who typed doubles outside gets doubles outside).
 */
import db from 'typographic-quotes-l10n-db';
import type { QuoteSet } from './rule.js';

const EXTRA: Record<string, string> = {
  en: '“”‘’',
  // Swiss German and Liechtenstein set guillemets, without spaces, where Germany sets „ “.
  'de-ch': '«»‹›',
  'de-li': '«»‹›',
};

/** Single quotation marks, of any locale. */
const SINGLE = /[‘’‚‛‹›']/;

export function quoteSet(language: string): QuoteSet {
  const tag = language.toLowerCase();
  const table = db as Record<string, string | undefined>;
  const quotes = tag.startsWith('en') ? EXTRA.en : (EXTRA[tag] ?? table[tag] ?? table[tag.split('-')[0]] ?? '“”‘’');
  const [a, b, c, d] = [...quotes];
  // The author's level kept: the double pair for ", the single pair for '.
  const swap = SINGLE.test(a) && !SINGLE.test(c);
  const [open, close, innerOpen, innerClose] = swap ? [c, d, a, b] : [a, b, c, d];
  return { open, close, innerOpen, innerClose };
}
