/** Quote pairs by language, from typographic-quotes' locale table, with the fallbacks it lacks. */
import db from 'typographic-quotes-l10n-db';
import type { QuoteSet } from './rule.js';

const EXTRA: Record<string, string> = {
  'en-gb': '‘’“”',
  'en-au': '‘’“”',
  'en-nz': '‘’“”',
  'en-za': '‘’“”',
  en: '“”‘’',
};

export function quoteSet(language: string): QuoteSet {
  const tag = language.toLowerCase();
  const table = db as Record<string, string | undefined>;
  const quotes =
    EXTRA[tag] ??
    table[tag] ??
    table[tag.split('-')[0]] ??
    (tag.startsWith('en') ? EXTRA.en : table[tag.split('-')[0]]) ??
    '“”‘’';
  const [open, close, innerOpen, innerClose] = [...quotes];
  return { open, close, innerOpen, innerClose };
}
