/**
 * One shape for every proofing check, as for typography rules: an id (also its file name and its
 * book.yaml `check:` key), a description, and `create(ctx)` returning what it finds in a paragraph.
 * Checks only report; they never change the text.
 */
import type { CheckRuleId } from '../diagnostics/rules.js';
import type { LineIndex, Position } from '../model/position.js';
import type { Dictionary } from './dictionary.js';
import type { CheckParagraph } from './text.js';

export interface Finding {
  /** Where in the paragraph's text. */
  start: number;
  end: number;
  /** What is wrong, in the writer's terms; the runner adds the check id. */
  message: string;
  /** What to write instead, when there is one likely fix. */
  suggestion?: string;
  /** A place in the manuscript itself, for checks that read the source rather than the book's text. */
  at?: { start: Position; end: Position };
}

export interface BookFacts {
  language: string;
  /** Undefined for a language Octavo has no dictionary for. */
  dictionary?: Dictionary;
  /** Capitalised words taken as names: three times or more in the book, or in the writer's word list. */
  names: Set<string>;
  /** How often each word appears, lower-cased. */
  counts: Map<string, number>;
  /** How often each word appears capitalised where a sentence does not start. */
  capitalisedInside: Map<string, number>;
  paragraphs: CheckParagraph[];
  /** The manuscript files' text, for checks about how it was typed. */
  sources?: Map<string, LineIndex>;
}

export interface Check {
  id: CheckRuleId;
  description: string;
  /** Needs a spelling dictionary: skipped (and said) for a language without one. */
  needsDictionary?: boolean;
  create(facts: BookFacts): (paragraph: CheckParagraph) => Finding[];
}

export function defineCheck(check: Check): Check {
  return check;
}
