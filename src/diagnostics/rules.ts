/**
 * Every rule that is not a typography rule or a proofing check: what reading, structure, the print
 * preflight and the commands report. Each has its kind (what sort of message it makes) and a line of
 * description; `report` says where the compile report lists its notes. The typography rules and checks
 * carry their own meta in their files (src/typography/, src/check/); src/diagnostics/registry.ts lists all.
 */
import { CHECK_RULES, TYPOGRAPHY_RULES } from '../config/schema.js';

/**
 * - `change`: Octavo changed the writer's text (before and after);
 * - `finding`: proofreading found something the writer may want to change (with a suggestion);
 * - `problem`: the book or a file is wrong, or cannot be what a service needs;
 * - `note`: what Octavo decided (how a file was read, where a note went).
 */
export type MessageKind = 'change' | 'finding' | 'problem' | 'note';

export interface RuleMeta {
  kind: MessageKind;
  description: string;
  /** The line of the compile report that counts the rule's notes. */
  report?: 'source' | 'reading' | 'notes' | 'images';
}

const problem = (description: string): RuleMeta => ({ kind: 'problem', description });
const note = (description: string, report?: RuleMeta['report']): RuleMeta => ({ kind: 'note', description, report });

export const OTHER_RULES = {
  // The book folder and its files.
  'no-book': problem('The book folder or file named does not exist'),
  'no-config': problem('The book folder has no book.yaml'),
  'no-manuscript': problem('The book folder has no manuscript/ folder'),
  'no-chapters': problem('manuscript/ holds no chapter files'),
  'missing-chapter': problem('A chapter listed in book.yaml is not there'),
  'file-too-large': problem('A chapter file too large to be a manuscript'),
  'unsafe-path': problem('A path that leads outside the book folder'),
  'not-text': problem('A file Octavo cannot read as a manuscript (a binary file, an unknown kind)'),
  'empty-book': problem('The manuscript has no text'),
  'no-author': problem('book.yaml names no author'),
  'no-date': problem('book.yaml gives no publication date'),
  // book.yaml and front matter.
  'invalid-yaml': problem('book.yaml or front matter that is not valid YAML'),
  'config-unknown-key': problem('A key book.yaml does not have (with the nearest known one)'),
  'config-missing-key': problem('A key book.yaml must have'),
  'config-invalid-value': problem('A book.yaml value of the wrong type or out of range'),
  'invalid-front-matter': problem('Front matter that is not key: value lines'),
  'unsafe-front-matter': problem('Front matter in a programming language (never run)'),
  'unknown-chapter-type': problem('A front-matter type: that is not a chapter kind'),
  // Reading.
  encoding: note('How a file was decoded: its encoding and line ends', 'reading'),
  paragraphs: note('The paragraph convention found in a plain-text file', 'reading'),
  chapters: note('Chapters found inside one file', 'reading'),
  'single-file': note('Where a single file’s title and author came from, and its header block', 'source'),
  notes: note('An author’s note, disclaimer, summary or review request, and where it went', 'notes'),
  'unsafe-html': problem('Raw HTML removed from the manuscript (scripts, styles, frames, event handlers)'),
  'unsafe-link': problem('A link with an unsafe address (javascript:, data:), kept as text'),
  'remote-image': problem('An image on the web, left out (nothing is ever downloaded)'),
  'missing-image': problem('An image the manuscript refers to that is not there'),
  'bad-image': problem('An image that cannot be used: too large, not a file, not JPEG, PNG or GIF'),
  'note-undefined': problem('A note reference ([^1]) with no definition in its file, left as written'),
  'note-unused': problem('A note defined ([^1]: …) but never referenced, left out'),
  unsupported: problem(
    'Something in a manuscript Octavo cannot set (math, a definition list), and what it did instead',
  ),
  'epub-source': problem('An EPUB that cannot be read as a book source'),
  archive: problem('An archive download that cannot be read'),
  docx: problem('Something in a Word document that the book cannot hold as it is (macros, text boxes, tables)'),
  'docx-revisions': problem('Tracked changes in a Word document, accepted or rejected as book.yaml says'),
  'docx-comments': problem('Comments in a Word document, which never reach the book'),
  'docx-title-page': note('A Word document’s title page, taken as the book’s title page', 'source'),
  'archive-apparatus': note('The archive’s own text left out of the story'),
  'archive-language': note('An archive language Octavo does not know, marked as English'),
  // Fonts and images for print.
  'bad-font': problem('A font file that cannot be used'),
  'missing-font': problem('A font file book.yaml names that is not there'),
  'font-licence': problem('A font whose licence does not allow embedding'),
  'font-face-missing': problem('A font family without one of its faces'),
  'print-missing-glyphs': problem('Characters the print font does not have'),
  'print-image-colour': problem('A colour image in a black-and-white interior'),
  'print-image-format': problem('An image format print cannot take'),
  'print-image-resolution': problem('An image too coarse for print'),
  'print-hyphenation': note('No hyphenation patterns for the book’s language'),
  'running-head': problem('A running head too long for the page, left off'),
  'print-table-wide': problem('A table too wide for the print page even in its smallest type'),
  // The print-on-demand preflight.
  'print-trim': problem('A trim size the service does not print'),
  'print-page-count': problem('A page count the service does not take'),
  'print-margins': problem('Margins narrower than the service’s minimum'),
  'print-safe-area': problem('Ink outside the service’s safe area'),
  'print-ppi-missing': problem('IngramSpark needs the paper’s pages per inch'),
  // The print cover.
  'cover-image-small': problem('A cover image too small for the ebook stores'),
  'ebook-image': note('A picture the ebook takes as an RGB copy within 4 million pixels', 'images'),
  'cover-image-resolution': problem('Cover artwork too coarse for print'),
  'cover-image-colour': problem('Cover artwork in a colour model print cannot take'),
  'cover-spine-thin': problem('A spine too thin for text'),
  'cover-spine-text': problem('Spine text that does not fit'),
  'cover-blurb-long': problem('A back-cover text too long for the back'),
  'cover-barcode-covered': problem('Back-cover text where the barcode goes'),
  'cover-safe-area': problem('Cover text outside the safe area'),
  // The commands themselves (not the manuscript's).
  cache: note('A build-cache file that was ignored (damaged, cut short, not a cache entry)'),
  'init-exists': problem('octavo init would write over a book'),
  'import-exists': problem('octavo import would write into an existing folder'),
  'impose-input': problem('A PDF octavo impose cannot take'),
  usage: problem('Octavo was called wrongly'),
  'tool-failure': problem('Octavo itself failed'),
} as const satisfies Record<string, RuleMeta>;

export type TypographyRuleId = (typeof TYPOGRAPHY_RULES)[number];
export type CheckRuleId = (typeof CHECK_RULES)[number];
export type OtherRuleId = keyof typeof OTHER_RULES;
/** Every rule's id: a typo in one is a type error. */
export type RuleId = TypographyRuleId | CheckRuleId | OtherRuleId;

const typographic = new Set<string>(TYPOGRAPHY_RULES);
const checks = new Set<string>(CHECK_RULES);

/** The kind of message a rule makes. */
export function kindOf(rule: RuleId): MessageKind {
  if (typographic.has(rule)) return 'change';
  if (checks.has(rule)) return 'finding';
  return OTHER_RULES[rule as OtherRuleId].kind;
}

/** The compile report's line for a rule's notes, if it has one. */
export function reportLine(rule: RuleId): RuleMeta['report'] {
  return Object.hasOwn(OTHER_RULES, rule) ? (OTHER_RULES[rule as OtherRuleId] as RuleMeta).report : undefined;
}

/** True for the id of a typography rule (`octavo changes --rule quotes`). */
export function isTypographyRule(id: string): id is TypographyRuleId {
  return typographic.has(id);
}
