/** The book.yaml schema. Every key, its type and its default live here, and the README mirrors it. */
import * as v from 'valibot';
import { FONT_FAMILIES } from '../design/design.js';
import { DESIGN_IDS } from '../design/index.js';

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
  'doubled-words',
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
const LENGTH_EXPECTED = 'expected a length such as 5.5in, 140mm or 396pt';
const lengthValue = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(LENGTH, LENGTH_EXPECTED))], LENGTH_EXPECTED),
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

/**
 * What the writer reads about a key: in the README's table, in the book.yaml `octavo init` writes, and in
 * the JSON Schema editors complete from (the meaning is the key's description there).
 */
export interface KeyDoc {
  /** The values it takes, in the writer's words. */
  type: string;
  /** What holds when the key is not given. */
  default?: string;
  meaning: string;
  /** A value as `octavo init` writes it (commented out), when the key is worth showing there. */
  example?: string;
  /** The comment beside that line. */
  comment?: string;
}

/** A key's schema with its documentation attached: the schema is the one source of both. */
function key<const T extends v.GenericSchema>(schema: T, doc: KeyDoc) {
  return v.pipe(schema, v.description(doc.meaning), v.metadata({ doc }));
}

/** The documentation of a key's schema (through `optional`), if it has any. */
export function keyDoc(schema: v.GenericSchema): KeyDoc | undefined {
  const inner = (schema as { type: string; wrapped?: v.GenericSchema }).wrapped ?? schema;
  return (v.getMetadata(inner as never) as { doc?: KeyDoc } | undefined)?.doc;
}

const authorNotesValue = v.picklist(['end-of-chapter', 'keep', 'drop'], 'expected end-of-chapter, keep or drop');

/** `notes:` as a mapping: author's notes, and footnotes and endnotes in each edition. */
export const notesSchema = v.strictObject({
  authors: v.optional(
    key(authorNotesValue, {
      type: '`end-of-chapter`, `keep`, `drop`',
      default: '`end-of-chapter`',
      meaning:
        "author's notes (`A/N:`, `Author's Note:`), disclaimers, a story's header (`Title: … Rating: … Summary: …`) " +
        "and review requests at a chapter's start or end, and an `A/N:` paragraph anywhere: set apart after the story (an `<aside>` in the EPUB, smaller inset type in print), kept where they are but set apart, or dropped; each is reported with its place and words (a dropped one with its whole text, so nothing leaves the book unsaid). `notes: keep` is short for `notes: { authors: keep }`",
    }),
  ),
  ebook: v.optional(
    key(v.picklist(['footnotes', 'endnotes'], 'expected footnotes or endnotes'), {
      type: '`footnotes`, `endnotes`',
      default: '`footnotes`',
      meaning:
        "footnotes and endnotes in the EPUB: each at its chapter's end, where Kindle, Apple Books and Kobo open it in a pop-up from its reference, or all in a Notes section at the end of the book, grouped by chapter; linked both ways either way",
    }),
  ),
  print: v.optional(
    key(v.picklist(['foot', 'chapter-end', 'book-end'], 'expected foot, chapter-end or book-end'), {
      type: '`foot`, `chapter-end`, `book-end`',
      default: '`foot`',
      meaning:
        "footnotes in print: at the foot of the page of their reference (a Word document's endnotes still at their chapter's end), or every note after its chapter's text, or in a Notes section at the end of the book with a heading per chapter",
    }),
  ),
  numbering: v.optional(
    key(v.picklist(['chapter', 'book', 'symbols'], 'expected chapter, book or symbols'), {
      type: '`chapter`, `book`, `symbols`',
      default: '`chapter`',
      meaning:
        'note markers: numbered from 1 in each chapter, through the whole book, or * † ‡ § ‖ ¶ (then doubled) in each chapter; the same markers in both editions',
    }),
  ),
});

export const printSchema = v.strictObject({
  trim: v.optional(
    key(
      v.union(
        [
          v.pipe(v.string(), v.toLowerCase(), v.picklist(TRIM_NAMES)),
          v.strictObject({ width: lengthValue, height: lengthValue }),
        ],
        `expected one of ${TRIM_NAMES.join(', ')}, or width: and height:`,
      ),
      {
        type: '`5x8`, `5.25x8`, `5.5x8.5`, `6x9`, `a5`, or `width:` and `height:` (`5.5in`, `140mm`, `396pt`)',
        default: '`6x9`',
        meaning: 'trim size; a custom size takes the type size of the nearest standard trim',
        example: '6x9',
        comment: '5x8, 5.25x8, 5.5x8.5, 6x9, a5, or width: and height:',
      },
    ),
  ),
  bleed: v.optional(
    key(v.boolean(), {
      type: '`true`, `false`',
      default: '`false`',
      meaning: 'pages 0.125 in larger on the outside, top and bottom (for images that run off the page)',
      example: 'false',
    }),
  ),
  service: v.optional(
    key(v.picklist(['kdp', 'ingramspark'], 'expected kdp or ingramspark'), {
      type: '`kdp`, `ingramspark`',
      default: '`kdp`',
      meaning:
        'whose rules the preflight checks (trim, page count, margins, safe area, image resolution and colour) and ' +
        "the layout keeps: for IngramSpark, an outside margin of 9/16 in so that every glyph's ink stays half an " +
        'inch from the trim, and a blank last page for its barcode',
      example: 'kdp',
      comment: 'kdp or ingramspark (which then needs ppi:)',
    }),
  ),
  paper: v.optional(
    key(v.picklist(['white', 'cream'], 'expected white or cream'), {
      type: '`white`, `cream`',
      default: '`white`',
      meaning: 'for the spine width (KDP: 0.002252 in a page on white, 0.0025 on cream)',
      example: 'white',
      comment: 'white or cream',
    }),
  ),
  margins: v.optional(
    key(
      v.strictObject({
        inside: v.optional(lengthValue),
        outside: v.optional(lengthValue),
        top: v.optional(lengthValue),
        bottom: v.optional(lengthValue),
      }),
      {
        type: '`inside:`, `outside:`, `top:`, `bottom:` (`0.75in`, `19mm`, `54pt`)',
        default:
          "inside by page count (KDP's minimum gutter plus 1/4 in), outside 1/2 in (9/16 in for IngramSpark), top and bottom 0.6 in",
        meaning:
          'page margins, from the trim: inside at the fold, outside at the fore-edge, top to the running head, bottom ' +
          "to the folio's baseline; a margin left out keeps its default. The preflight holds them to the service's " +
          'minimums for the final page count (a thicker book needs a wider gutter)',
        example: '{ inside: 0.875in, outside: 0.5in, top: 0.6in, bottom: 0.6in }',
        comment: 'inside, outside, top, bottom',
      },
    ),
  ),
  fontSize: v.optional(
    key(
      v.pipe(
        v.number('expected a size in points, such as 11'),
        v.minValue(8, 'expected at least 8 pt'),
        v.maxValue(16, 'expected at most 16 pt'),
      ),
      {
        type: '8 to 16 (points)',
        default: 'by trim: 11.5 at 6×9, 11 at 5.5×8.5 and A5, 10.5 at 5×8',
        meaning: 'body type size; leading follows it',
        example: '11.5',
      },
    ),
  ),
  contents: v.optional(
    key(v.boolean(), {
      type: '`true`, `false`',
      default: '`true`',
      meaning: 'a contents page (when the book has more than one chapter)',
      example: 'true',
    }),
  ),
  hyphenate: v.optional(
    key(v.boolean(), {
      type: '`true`, `false`',
      default: '`true`',
      meaning: "hyphenation, with TeX's patterns for `language`",
      example: 'true',
    }),
  ),
  ppi: v.optional(
    key(
      v.pipe(
        v.number('expected a number of pages per inch, such as 444'),
        v.minValue(100, 'expected at least 100'),
        v.maxValue(1000, 'expected at most 1000'),
      ),
      {
        type: '100 to 1000',
        default: 'none; required with `service: ingramspark`',
        meaning: "IngramSpark's pages per inch for the paper: the spine is pages ÷ ppi",
      },
    ),
  ),
  spineDirection: v.optional(
    key(v.picklist(['top-to-bottom', 'bottom-to-top'], 'expected top-to-bottom or bottom-to-top'), {
      type: '`top-to-bottom`, `bottom-to-top`',
      default: '`top-to-bottom`',
      meaning: 'which way the spine text reads (US and UK books, or much of Europe)',
      example: 'top-to-bottom',
    }),
  ),
  impose: v.optional(
    key(
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
      {
        type: '`true`, or `sheets:` (1–16), `paper:` (`letter`, `a4`, `legal`, `tabloid`, `a3`), `marks:`, `fill:`',
        default: 'off',
        meaning:
          'also write the interior as sheets for hand binding, `dist/impose/<slug>-imposed.pdf` (see "Sheets for ' +
          'hand binding")',
        example: '{ sheets: 4, paper: letter }',
        comment: 'also write sheets for hand binding',
      },
    ),
  ),
  font: v.optional(
    key(
      v.strictObject({
        regular: nonEmpty,
        italic: v.optional(nonEmpty),
        bold: v.optional(nonEmpty),
        boldItalic: v.optional(nonEmpty),
      }),
      {
        type: '`regular:`, `italic:`, `bold:`, `boldItalic:` (font files in the book folder)',
        default: 'EB Garamond',
        meaning: "the writer's own faces, TrueType or OpenType; only `regular` is required",
        example: '{ regular: assets/fonts/Your-Regular.ttf, italic: assets/fonts/Your-Italic.ttf }',
      },
    ),
  ),
});

export const FONT_FACES = ['regular', 'italic', 'bold', 'boldItalic'] as const;
export const COVER_KEYS = ['front', 'back', 'blurb', 'background', 'imprint'];
export const IMPOSE_KEYS = ['sheets', 'paper', 'marks', 'fill'];
export const MARGIN_KEYS = ['inside', 'outside', 'top', 'bottom'];
export const SOURCE_KEYS = ['site', 'url', 'rating', 'warnings', 'categories'];

export type PrintConfig = v.InferOutput<typeof printSchema>;

export const PRINT_KEYS = Object.keys(printSchema.entries);
export const NOTES_KEYS = Object.keys(notesSchema.entries);

export const bookSchema = v.strictObject({
  title: key(nonEmpty, { type: 'text', default: 'required', meaning: "the book's title" }),
  subtitle: v.optional(
    key(nonEmpty, { type: 'text', meaning: 'shown on the title page and in the metadata', example: '""' }),
  ),
  runningHead: v.optional(
    key(nonEmpty, {
      type: 'text',
      meaning:
        "the title as the print edition's running heads show it, when the title is too long for them (else the " +
        'title before its colon, or no head)',
      example: '""',
    }),
  ),
  author: v.optional(key(stringList, { type: 'text or list', meaning: 'author(s)' })),
  editor: v.optional(key(stringList, { type: 'text or list', meaning: 'editor(s), as `author`' })),
  translator: v.optional(
    key(stringList, { type: 'text or list', meaning: 'translator(s), as `author`; named on the copyright page' }),
  ),
  language: v.optional(
    key(
      v.pipe(
        v.string(),
        v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag such as en, en-GB or fr'),
      ),
      {
        type: 'language tag',
        default: '`en`',
        meaning: '`en`, `en-US`, `en-GB`, `fr`, `de`, …: quotes, hyphenation and proofreading follow it',
      },
    ),
    'en',
  ),
  identifier: v.optional(
    key(nonEmpty, {
      type: 'text',
      default: 'derived',
      meaning:
        'a unique identifier; by default `urn:isbn:` from `isbn`, else a stable `urn:uuid:` from title, authors and ' +
        'language',
      example: '""',
      comment: 'an EPUB identifier, if you have none: one is made from the title',
    }),
  ),
  isbn: v.optional(
    key(
      v.union(
        [isbnValue, v.strictObject({ ebook: v.optional(isbnValue), print: v.optional(isbnValue) })],
        'expected an ISBN, or ebook: and print: ISBNs',
      ),
      {
        type: 'text, or `ebook` and `print`',
        meaning:
          'ISBN-13 or ISBN-10 (checked); one for both editions, or one per edition (the copyright page lists each, ' +
          "with its hyphens where the ISBN agency's ranges place them; the EPUB's identifier is the ebook's)",
        example: '{ ebook: "", print: "" }',
        comment: 'the ISBNs your agency issued',
      },
    ),
  ),
  publisher: v.optional(
    key(nonEmpty, { type: 'text', meaning: 'on the title page and the copyright page', example: '""' }),
  ),
  date: v.optional(
    key(dateValue, {
      type: '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`',
      meaning: 'publication date',
      example: '2026',
      comment: '2026, 2026-03 or 2026-03-14',
    }),
  ),
  rights: v.optional(
    key(nonEmpty, {
      type: 'text',
      default: '"Copyright © year author. All rights reserved."',
      meaning: 'the copyright line',
      example: '"All rights reserved."',
    }),
  ),
  description: v.optional(
    key(nonEmpty, { type: 'text', meaning: 'the blurb shown by e-reader stores and libraries', example: '""' }),
  ),
  subjects: v.optional(key(stringList, { type: 'text or list', meaning: 'subjects or tags', example: '[]' })),
  cover: v.optional(
    key(
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
      {
        type: 'path, or `front:`, `back:`, `blurb:`, `background:`, `imprint:`',
        default: '`assets/cover.jpg` or `.png` (or `cover-front.*`) if present',
        meaning: "the front image (also the EPUB's cover), or the print cover's design (see below)",
        example: 'assets/cover.jpg',
        comment: 'the front image; or front:, back:, blurb:, background:, imprint:',
      },
    ),
  ),
  series: v.optional(
    key(seriesValue, {
      type: 'text, or `name` and `position`',
      meaning: 'series the book belongs to',
      example: '{ name: "", position: 1 }',
    }),
  ),
  chapterHeadings: v.optional(
    key(v.picklist(['title', 'number', 'both'], 'expected title, number or both'), {
      type: '`title`, `number`, `both`',
      default: '`title`',
      meaning:
        'how chapters are headed and listed: "The Storm" (else "Chapter 3"), "Chapter 3", or "Chapter 3: The Storm" ' +
        '(in the heading, the number over the title)',
      example: 'title',
      comment: 'title, number or both',
    }),
  ),
  design: v.optional(
    key(
      v.union(
        [
          v.picklist(DESIGN_IDS),
          v.strictObject({
            name: v.optional(v.picklist(DESIGN_IDS, `expected one of ${DESIGN_IDS.join(', ')}`)),
            chapterNumber: v.optional(v.picklist(['numeral', 'word', 'roman'], 'expected numeral, word or roman')),
            chapterLabel: v.optional(v.boolean('expected true or false')),
            dropCap: v.optional(
              v.union([v.boolean(), v.literal(2), v.literal(3)], 'expected true, false, 2 or 3 (lines)'),
            ),
            leadIn: v.optional(
              v.union(
                [v.boolean(), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(12)), v.literal('line')],
                'expected true, false, a number of words (0 to 12) or line',
              ),
            ),
            sceneBreak: v.optional(nonEmpty),
            sceneBreakImage: v.optional(nonEmpty),
            ornament: v.optional(v.union([v.literal(false), nonEmpty], 'expected false or the ornament')),
            fonts: v.optional(
              v.strictObject({
                body: v.optional(v.picklist(FONT_FAMILIES, `expected one of ${FONT_FAMILIES.join(', ')}`)),
                display: v.optional(v.picklist(FONT_FAMILIES, `expected one of ${FONT_FAMILIES.join(', ')}`)),
              }),
            ),
            ebookFonts: v.optional(v.boolean('expected true or false')),
          }),
        ],
        `expected one of ${DESIGN_IDS.join(', ')}, or a mapping of name: and the parts to change`,
      ),
      {
        type: `${DESIGN_IDS.map((d) => `\`${d}\``).join(', ')}, or a mapping (see below)`,
        default: '`classic`',
        meaning:
          'how the book looks, in the EPUB and in print at once (see "Designs"; `octavo designs` lists them). ' +
          'As a mapping, `name:` and the parts to change: `chapterNumber` (`numeral`, `word`, `roman`), ' +
          '`chapterLabel` (the word "Chapter" before it), `dropCap` (`false`, `2` or `3` lines), `leadIn` ' +
          '(words of the opening in small capitals, or `line`), `sceneBreak` (the ornament between scenes), ' +
          '`sceneBreakImage` (a picture for it instead, PNG or JPEG in `assets/`, set an em high), ' +
          '`ornament` (over the chapter heading, or `false`), `fonts: { body, display }` (bundled families: ' +
          `${FONT_FAMILIES.join(', ')}), \`ebookFonts: true\` (embed the fonts in the EPUB too)`,
        example: 'classic',
        comment: DESIGN_IDS.join(', '),
      },
    ),
  ),
  notes: v.optional(
    key(
      v.union(
        [authorNotesValue, notesSchema],
        'expected end-of-chapter, keep or drop, or a mapping of authors:, ebook:, print: and numbering:',
      ),
      {
        type: '`end-of-chapter`, `keep`, `drop` (as `notes.authors`), or a mapping (see below)',
        default: 'see below',
        meaning: "author's notes, footnotes and endnotes: where each goes in both editions, and how notes are numbered",
        example: '{ ebook: footnotes, print: foot, numbering: chapter }',
        comment: 'footnotes: ebook footnotes|endnotes, print foot|chapter-end|book-end',
      },
    ),
  ),
  source: v.optional(
    key(
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
      {
        type: '`site`, `url`, `rating`, `warnings`, `categories`',
        meaning:
          'where the work was first published (an archive import fills it in): the copyright page says "Originally ' +
          'published on *site* at *url*.", the EPUB carries `dc:source`; rating, warnings and categories are kept for you',
      },
    ),
  ),
  revisions: v.optional(
    key(v.picklist(['accept', 'reject', 'refuse'], 'expected accept, reject or refuse'), {
      type: '`accept`, `reject`, `refuse`',
      default: '`accept`',
      meaning:
        'a Word or OpenDocument manuscript\'s tracked changes: built as if all were accepted (what Word shows with "No Markup"), or all rejected, with a warning that says how many there are; or `refuse`: no build while any remain',
    }),
  ),
  edition: v.optional(
    key(nonEmpty, {
      type: 'text',
      meaning: 'edition statement for the copyright page ("First edition")',
      example: '"First edition"',
    }),
  ),
  print: v.optional(key(printSchema, { type: 'mapping', default: 'see below', meaning: 'the print edition' })),
  chapters: v.optional(
    key(v.pipe(v.array(nonEmpty), v.minLength(1, 'expected at least one chapter file')), {
      type: 'list of file names',
      default: 'every chapter file in `manuscript/`',
      meaning: 'explicit chapter order',
      example: '[]',
      comment: 'chapter files in order, when their names do not sort that way',
    }),
  ),
  typography: v.optional(
    key(
      v.strictObject(
        Object.fromEntries(
          TYPOGRAPHY_RULES.map((id) => [
            id,
            v.optional(
              id === 'dashes'
                ? v.union([v.boolean(), v.picklist(['closed', 'spaced'])], 'expected true, false, closed or spaced')
                : id === 'quotes'
                  ? v.union(
                      [v.boolean(), v.picklist(['british', 'american'])],
                      'expected true, false, british or american',
                    )
                  : id === 'no-break-spaces'
                    ? v.union([v.boolean(), v.picklist(['narrow', 'full'])], 'expected true, false, narrow or full')
                    : v.boolean(),
            ),
          ]),
        ) as Record<string, v.OptionalSchema<v.GenericSchema<unknown, boolean | string>, undefined>>,
      ),
      {
        type: 'rule id: `false`',
        default: 'every rule on',
        meaning:
          'switch typography rules off (`typography: { quotes: false }`); `dashes: spaced` sets spaced en dashes ' +
          'instead of closed em dashes; `quotes: british` sets single quotes outside and double inside for every ' +
          'quotation of the book (`american` the reverse; by default the level the writer typed is kept); ' +
          '`no-break-spaces: full` sets French spaces as full no-break spaces (U+00A0) where the default sets ' +
          'narrow ones (U+202F) before ; ! ? and inside « »',
        example: '{}',
        comment: 'switch a rule off: { quotes: false }',
      },
    ),
  ),
  check: v.optional(
    key(
      v.strictObject(
        Object.fromEntries(CHECK_RULES.map((id) => [id, v.optional(v.boolean())])) as Record<
          string,
          v.OptionalSchema<v.BooleanSchema<undefined>, undefined>
        >,
      ),
      {
        type: 'check id: `false`',
        default: 'every check on',
        meaning: 'switch a proofing check off (`check: { misspelling: false }`); see "Proofreading"',
        example: '{}',
        comment: 'switch a proofing check off: { misspelling: false }',
      },
    ),
  ),
  corrections: v.optional(
    key(v.record(v.string(), v.union([v.literal(false), nonEmpty], 'expected false or the replacement text')), {
      type: 'word: `false` or replacement',
      default: 'built-in list',
      meaning: 'switch a built-in correction off (`alot: false`) or add your own (`teh: the`)',
      example: '{}',
      comment: 'alot: false switches one off; teh: the adds one',
    }),
  ),
});

export type BookConfig = v.InferOutput<typeof bookSchema>;

/** Where notes go and how they are numbered: `notes:` with its defaults, from either of its forms. */
export interface NotesSettings {
  authors: 'end-of-chapter' | 'keep' | 'drop';
  ebook: 'footnotes' | 'endnotes';
  print: 'foot' | 'chapter-end' | 'book-end';
  numbering: 'chapter' | 'book' | 'symbols';
}

export function notesSettings(config: Pick<BookConfig, 'notes'>): NotesSettings {
  const n = config.notes;
  const given = typeof n === 'string' ? { authors: n } : (n ?? {});
  return {
    authors: given.authors ?? 'end-of-chapter',
    ebook: given.ebook ?? 'footnotes',
    print: given.print ?? 'foot',
    numbering: given.numbering ?? 'chapter',
  };
}

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
