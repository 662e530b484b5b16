/** The book.yaml schema. Every key, its type and its default live here, and the README mirrors it. */
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);
const stringList = z.union([nonEmpty, z.array(nonEmpty).min(1)]);

/** A date as writers type it: 2024, 2024-05 or 2024-05-17 (YAML may hand us a Date for the last). */
const dateValue = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.number().int().min(1000).max(9999).transform(String),
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD'),
]);

export const bookSchema = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    author: stringList.optional(),
    editor: stringList.optional(),
    translator: stringList.optional(),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag such as en, en-GB or fr')
      .default('en'),
    identifier: nonEmpty.optional(),
    isbn: z
      .union([z.string(), z.number().transform(String)])
      .refine((s) => isValidIsbn(s), 'expected a valid ISBN-13 or ISBN-10 (check the digits)')
      .optional(),
    publisher: nonEmpty.optional(),
    date: dateValue.optional(),
    rights: nonEmpty.optional(),
    description: nonEmpty.optional(),
    subjects: stringList.optional(),
    cover: nonEmpty.optional(),
    series: z
      .union([nonEmpty.transform((name) => ({ name, position: undefined as number | undefined })), z.object({ name: nonEmpty, position: z.number().positive().optional() }).strict()])
      .optional(),
    chapters: z.array(nonEmpty).min(1).optional(),
  })
  .strict();

export type BookConfig = z.output<typeof bookSchema>;

export const CONFIG_KEYS = Object.keys(bookSchema.shape);

export function isValidIsbn(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{13}$/.test(s)) {
    const sum = [...s].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 ? 3 : 1), 0);
    return sum % 10 === 0;
  }
  if (/^\d{9}[\dX]$/.test(s)) {
    const sum = [...s].reduce((acc, ch, i) => acc + (ch === 'X' ? 10 : Number(ch)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  return false;
}

export function normaliseIsbn(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
