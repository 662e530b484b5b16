/** book.yaml plus the build environment become the model's Metadata. */
import crypto from 'node:crypto';
import type { BuildEnv } from '../env.js';
import type { Creator, Metadata } from '../model/book.js';
import { normaliseIsbn, type BookConfig } from './schema.js';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** "Gaston Leroux" → "Leroux, Gaston"; a single word stays as it is. */
export function fileAs(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2 || /^(anonymous|anon\.?)$/i.test(name.trim())) return name.trim();
  const last = parts.pop()!;
  return `${last}, ${parts.join(' ')}`;
}

/** A stable UUID from the book's title, authors and language, so that updates keep the same identity. */
export function stableUuid(seed: string): string {
  const h = crypto.createHash('sha256').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The build's timestamp: SOURCE_DATE_EPOCH, else the book's date, else the zip epoch (1980-01-01). */
export function modifiedTime(config: BookConfig, env: BuildEnv): string {
  if (env.sourceDateEpoch !== undefined) return isoSeconds(new Date(env.sourceDateEpoch * 1000));
  if (config.date) {
    const [y, m = '01', d = '01'] = config.date.split('-');
    return `${y}-${m}-${d}T00:00:00Z`;
  }
  return '1980-01-01T00:00:00Z';
}

export function toMetadata(config: BookConfig, env: BuildEnv): Metadata {
  const creators: Creator[] = [
    ...list(config.author).map((name) => ({ name, fileAs: fileAs(name), role: 'aut' as const })),
    ...list(config.editor).map((name) => ({ name, fileAs: fileAs(name), role: 'edt' as const })),
    ...list(config.translator).map((name) => ({ name, fileAs: fileAs(name), role: 'trl' as const })),
  ];
  const given = typeof config.isbn === 'object' ? config.isbn : { ebook: config.isbn, print: config.isbn };
  const isbn = {
    ebook: given.ebook ? normaliseIsbn(given.ebook) : undefined,
    print: given.print ? normaliseIsbn(given.print) : undefined,
  };
  const identifier = config.identifier
    ? config.identifier
    : isbn.ebook
      ? `urn:isbn:${isbn.ebook}`
      : `urn:uuid:${stableUuid([config.title, ...list(config.author), config.language].join('\u0000'))}`;
  const modified = modifiedTime(config, env);
  return {
    title: config.title,
    subtitle: config.subtitle,
    creators,
    language: config.language,
    identifier,
    isbn,
    edition: config.edition,
    publisher: config.publisher,
    date: config.date ?? (env.sourceDateEpoch !== undefined ? modified.slice(0, 10) : undefined),
    rights: config.rights,
    description: config.description,
    subjects: list(config.subjects),
    series: config.series ? { name: config.series.name, position: config.series.position } : undefined,
    source: config.source?.url ? { site: config.source.site, url: config.source.url } : undefined,
    modified,
  };
}
