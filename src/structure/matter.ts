/**
 * The book's own pages, made from its settings rather than its text: the title page and the copyright
 * page. Built once, so that the EPUB and the PDF say the same words.
 */
import ISBN from 'isbn3';
import { sourceStatement, type BookMatter, type Metadata } from '../model/book.js';

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function bookMatter(m: Metadata): BookMatter {
  const names = (role: string) => m.creators.filter((c) => c.role === role).map((c) => c.name);
  const authors = names('aut');
  const translators = names('trl');
  const year = m.date?.slice(0, 4);
  const copyright: string[] = [`${m.title}${m.subtitle ? `: ${m.subtitle}` : ''}`];
  if (translators.length) copyright.push(`Translated by ${joinNames(translators)}`);
  const holder = authors.length ? joinNames(authors) : m.publisher;
  copyright.push(m.rights ?? `Copyright © ${[year, holder].filter(Boolean).join(' ')}. All rights reserved.`);
  if (m.series) copyright.push(`${m.series.name}${m.series.position ? `, book ${m.series.position}` : ''}`);
  if (m.source) copyright.push(sourceStatement(m.source));
  if (m.edition) copyright.push(m.edition);
  // Printed with its hyphens where the International ISBN Agency's range table places them (isbn3 ships
  // the table); a number the table does not know is printed as its digits, which are always right.
  const ebook = hyphenated(m.isbn.ebook);
  const print = hyphenated(m.isbn.print);
  if (ebook && ebook === print) copyright.push(`ISBN ${ebook}`);
  else {
    if (ebook) copyright.push(`ISBN ${ebook} (ebook)`);
    if (print) copyright.push(`ISBN ${print} (paperback)`);
  }
  if (m.publisher) copyright.push(`Published by ${m.publisher}${year ? `, ${year}` : ''}`);
  return {
    titlePage: {
      title: m.title,
      subtitle: m.subtitle,
      byline: authors.length ? joinNames(authors) : undefined,
      publisher: m.publisher,
    },
    copyright,
  };
}

/** An ISBN with its hyphens (978-0-306-40615-7), or as given when the range table does not place them. */
function hyphenated(isbn: string | undefined): string | undefined {
  if (!isbn) return isbn;
  return ISBN.hyphenate(isbn) ?? isbn;
}
