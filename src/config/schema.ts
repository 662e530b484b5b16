/** The book.yaml schema. Every key, its type and its default live here, and the README mirrors it. */
import * as v from 'valibot';

/** The typography rules' ids, in the order they run (the engine checks it agrees). */
export const TYPOGRAPHY_RULES = [
  'mojibake',
  'unicode',
  'spacing',
  'ellipsis',
  'dashes',
  'quotes',
  'apostrophes',
  'no-break-spaces',
  'corrections',
] as const;

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'expected text, got an empty value'));
const stringList = v.union([nonEmpty, v.pipe(v.array(nonEmpty), v.minLength(1))], 'expected text or a list of text');

/** The proofing checks' ids, in the order they run (the checker checks it agrees). */
export const CHECK_RULES = [
  'run-together-words',
  'misspelling',
  'repeated-words',
  'unbalanced-quotes',
  'unbalanced-brackets',
  'speech-tag',
  'speech-continued',
  'lowercase-start',
  'capital-after-comma',
  'confusables',
  'spelling-variants',
  'us-uk-spelling',
  'mixed-punctuation',
] as const;

/** A date as writers type it: 2024, 2024-05 or 2024-05-17 (YAML may hand us a number for the first). */
const dateValue = v.union(
  [
    v.pipe(
      v.date(),
      v.transform((d) => d.toISOString().slice(0, 10)),
    ),
    v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(9999), v.transform(String)),
    v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)),
  ],
  'expected a date as YYYY, YYYY-MM or YYYY-MM-DD',
);

const seriesValue = v.union(
  [
    v.pipe(
      nonEmpty,
      v.transform((name) => ({ name, position: undefined as number | undefined })),
    ),
    v.strictObject({ name: nonEmpty, position: v.optional(v.pipe(v.number(), v.minValue(0))) }),
  ],
  'expected a series name, or name: and position:',
);

const isbnValue = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'expected an ISBN'),
  v.check((s) => isValidIsbn(s), 'expected a valid ISBN-13 or ISBN-10 (check the digits)'),
);

/** A length as writers give it: `5.5in`, `140mm`, `396pt`, or a number of inches. */
const LENGTH = /^\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)?\s*$/;
const lengthValue = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(LENGTH))], 'expected a length such as 5.5in, 140mm or 396pt'),
  v.transform((raw) => toPoints(raw)),
  v.minValue(1, 'expected a length greater than zero'),
);

export function toPoints(raw: number | string): number {
  if (typeof raw === 'number') return raw * 72;
  const m = LENGTH.exec(raw)!;
  const value = Number(m[1]);
  const unit = m[2] ?? 'in';
  return unit === 'in'
    ? value * 72
    : unit === 'mm'
      ? (value * 72) / 25.4
      : unit === 'cm'
        ? (value * 720) / 25.4
        : value;
}

export const TRIM_NAMES = ['5x8', '5.25x8', '5.5x8.5', '6x9', 'a5'] as const;

const printSchema = v.strictObject({
  /** Trim size: one of TRIM_NAMES, or width: and height:. */
  trim: v.optional(
    v.union(
      [
        v.pipe(v.string(), v.toLowerCase(), v.picklist(TRIM_NAMES)),
        v.strictObject({ width: lengthValue, height: lengthValue }),
      ],
      `expected one of ${TRIM_NAMES.join(', ')}, or width: and height:`,
    ),
  ),
  /** Extend the pages 0.125 in past the trim on the outside, top and bottom (for images that bleed). */
  bleed: v.optional(v.boolean()),
  /** The print-on-demand service whose rules the preflight checks. */
  service: v.optional(v.picklist(['kdp', 'ingramspark'], 'expected kdp or ingramspark')),
  /** Paper colour, for the spine width. */
  paper: v.optional(v.picklist(['white', 'cream'], 'expected white or cream')),
  /** Body text size in points. */
  fontSize: v.optional(
    v.pipe(
      v.number('expected a size in points, such as 11'),
      v.minValue(8, 'expected at least 8 pt'),
      v.maxValue(16, 'expected at most 16 pt'),
    ),
  ),
  /** Print a contents page. */
  contents: v.optional(v.boolean()),
  /** Hyphenate the print edition. */
  hyphenate: v.optional(v.boolean()),
  /** IngramSpark's pages per inch for the chosen paper: the spine is pages ÷ ppi. */
  ppi: v.optional(
    v.pipe(
      v.number('expected a number of pages per inch, such as 444'),
      v.minValue(100, 'expected at least 100'),
      v.maxValue(1000, 'expected at most 1000'),
    ),
  ),
  /** Spine text reading top to bottom (the US and UK custom) or bottom to top (much of Europe). */
  spineDirection: v.optional(v.picklist(['top-to-bottom', 'bottom-to-top'], 'expected top-to-bottom or bottom-to-top')),
  /** Also write the interior as sheets for hand binding (`octavo impose`): true, or sheets:, paper:, marks:, fill:. */
  impose: v.optional(
    v.union(
      [
        v.boolean(),
        v.strictObject({
          sheets: v.optional(
            v.pipe(
              v.number('expected a number of sheets, such as 4'),
              v.integer('expected a whole number of sheets'),
              v.minValue(1, 'expected at least 1'),
              v.maxValue(16, 'expected at most 16'),
            ),
          ),
          paper: v.optional(
            v.picklist(['letter', 'a4', 'legal', 'tabloid', 'a3'], 'expected letter, a4, legal, tabloid or a3'),
          ),
          marks: v.optional(v.boolean()),
          fill: v.optional(v.boolean()),
        }),
      ],
      'expected true, or sheets:, paper:, marks: and fill:',
    ),
  ),
  /** The writer's own font files (TrueType or OpenType, inside the book folder) instead of EB Garamond. */
  font: v.optional(
    v.strictObject({
      regular: nonEmpty,
      italic: v.optional(nonEmpty),
      bold: v.optional(nonEmpty),
      boldItalic: v.optional(nonEmpty),
    }),
  ),
});

export const FONT_FACES = ['regular', 'italic', 'bold', 'boldItalic'] as const;
export const COVER_KEYS = ['front', 'back', 'blurb', 'background', 'imprint'];
export const IMPOSE_KEYS = ['sheets', 'paper', 'marks', 'fill'];
export const SOURCE_KEYS = ['site', 'url', 'rating', 'warnings', 'categories'];

export type PrintConfig = v.InferOutput<typeof printSchema>;

export const PRINT_KEYS = Object.keys(printSchema.entries);

export const bookSchema = v.strictObject({
  title: nonEmpty,
  subtitle: v.optional(nonEmpty),
  author: v.optional(stringList),
  editor: v.optional(stringList),
  translator: v.optional(stringList),
  language: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag such as en, en-GB or fr'),
    ),
    'en',
  ),
  identifier: v.optional(nonEmpty),
  /** One ISBN for the book, or one per edition: `ebook:` and `print:`. */
  isbn: v.optional(
    v.union(
      [isbnValue, v.strictObject({ ebook: v.optional(isbnValue), print: v.optional(isbnValue) })],
      'expected an ISBN, or ebook: and print: ISBNs',
    ),
  ),
  publisher: v.optional(nonEmpty),
  date: v.optional(dateValue),
  rights: v.optional(nonEmpty),
  description: v.optional(nonEmpty),
  subjects: v.optional(stringList),
  /** The front artwork (also the EPUB's cover image), or the whole print cover's design. */
  cover: v.optional(
    v.union(
      [
        nonEmpty,
        v.strictObject({
          /** Front artwork: fills the front panel and its bleed. */
          front: v.optional(nonEmpty),
          /** Back artwork: fills the back panel and its bleed, behind the blurb. */
          back: v.optional(nonEmpty),
          /** The back-cover text, in Markdown. */
          blurb: v.optional(nonEmpty),
          /** Colour of the back and spine, and of a front without artwork: #rrggbb. */
          background: v.optional(
            v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as "#1d2a44"')),
          ),
          /** Publisher's name at the foot of the spine. */
          imprint: v.optional(nonEmpty),
        }),
      ],
      'expected the path of the front image, or front:, back:, blurb:, background: and imprint:',
    ),
  ),
  series: v.optional(seriesValue),
  /** How chapters are headed and listed: their title, their number, or both. */
  chapterHeadings: v.optional(v.picklist(['title', 'number', 'both'], 'expected title, number or both')),
  /** Author's notes, disclaimers and review requests around the story: set apart at the chapter's end,
   * kept where they are (set apart), or dropped. */
  notes: v.optional(v.picklist(['end-of-chapter', 'keep', 'drop'], 'expected end-of-chapter, keep or drop')),
  /** Where the work was first published (an archive download records it): printed on the copyright page. */
  source: v.optional(
    v.strictObject({
      site: v.optional(nonEmpty),
      url: v.optional(
        v.pipe(
          nonEmpty,
          v.regex(/^https?:\/\/\S+$/, 'expected the address, such as https://archiveofourown.org/works/123'),
        ),
      ),
      rating: v.optional(nonEmpty),
      warnings: v.optional(stringList),
      categories: v.optional(stringList),
    }),
  ),
  /** Edition statement for the copyright page: "First edition". */
  edition: v.optional(nonEmpty),
  /** The print edition: trim size, bleed, service, paper, type size. */
  print: v.optional(printSchema),
  chapters: v.optional(v.pipe(v.array(nonEmpty), v.minLength(1, 'expected at least one chapter file'))),
  /** Typography rules: `false` switches one off; `dashes: spaced` chooses spaced en dashes. */
  typography: v.optional(
    v.strictObject(
      Object.fromEntries(
        TYPOGRAPHY_RULES.map((id) => [
          id,
          v.optional(
            id === 'dashes'
              ? v.union([v.boolean(), v.picklist(['closed', 'spaced'])], 'expected true, false, closed or spaced')
              : v.boolean(),
          ),
        ]),
      ) as Record<string, v.OptionalSchema<v.GenericSchema<unknown, boolean | string>, undefined>>,
    ),
  ),
  /** Proofing checks (`octavo check`): `false` switches one off. */
  check: v.optional(
    v.strictObject(
      Object.fromEntries(CHECK_RULES.map((id) => [id, v.optional(v.boolean())])) as Record<
        string,
        v.OptionalSchema<v.BooleanSchema<undefined>, undefined>
      >,
    ),
  ),
  /** Word corrections: `alot: false` switches a built-in one off, `teh: the` adds one. */
  corrections: v.optional(
    v.record(v.string(), v.union([v.literal(false), nonEmpty], 'expected false or the replacement text')),
  ),
});

export type BookConfig = v.InferOutput<typeof bookSchema>;

export const CONFIG_KEYS = Object.keys(bookSchema.entries);

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
