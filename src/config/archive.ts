/** The settings an archive download stands for: its title, author, language, summary, tags and address. */
import type { ArchiveWork } from '../parse/archive.js';

export interface ArchiveChoices {
  /** From the command line: they win over the download's. */
  title?: string;
  author?: string;
  /** The title when neither the command line nor the download gives one. */
  fallbackTitle: string;
}

/** book.yaml's values, keys in the README's order (`octavo import` writes them); from the work's preface. */
export function archiveConfigValues(work: ArchiveWork, choices: ArchiveChoices): Record<string, unknown> {
  const list = (xs: string[]) => (xs.length === 0 ? undefined : xs);
  const config: Record<string, unknown> = {
    title: choices.title ?? work.title ?? choices.fallbackTitle,
    author: choices.author ?? (work.authors.length === 1 ? work.authors[0] : list(work.authors)),
    language: work.language ?? 'en',
    date: work.published,
    description: work.summary,
    subjects: list([...new Set([...work.fandoms, ...work.relationships, ...work.characters, ...work.tags])]),
    source:
      work.url || work.rating || work.warnings.length
        ? {
            site: work.site,
            url: work.url,
            rating: work.rating,
            warnings: list(work.warnings),
            categories: list(work.categories),
          }
        : undefined,
  };
  return config;
}
