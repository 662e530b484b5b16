/**
 * One shape for every typography rule: an id (also its file name and its book.yaml key), a description,
 * and `create(ctx)` returning a function from a paragraph's text to the edits it wants. Rules never see
 * the model or the parser: only text, in which U+FFFC stands for anything they must not touch (code, an
 * image) and \n for a line break.
 */
import type { TypographyRuleId } from '../diagnostics/rules.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
  /** Why, in the writer's terms; the engine adds the rule id. */
  message: string;
}

export interface QuoteSet {
  /** Primary opening and closing quotes. */
  open: string;
  close: string;
  /** Secondary (nested) quotes. */
  innerOpen: string;
  innerClose: string;
}

export interface RuleContext {
  /** BCP 47 language of the book (`en`, `en-GB`, `fr`). */
  language: string;
  quotes: QuoteSet;
  /** The rule's option from book.yaml (`true` when switched on without options). */
  option: unknown;
}

export interface TypographyRule {
  id: TypographyRuleId;
  description: string;
  /** What book.yaml can set besides `false`, in the writer's words (the schema holds the values). */
  options?: string;
  create(ctx: RuleContext): (text: string) => Edit[];
}

export function defineRule(rule: TypographyRule): TypographyRule {
  return rule;
}

/** Collects edits from regular-expression matches. */
export function editsFor(text: string, re: RegExp, make: (m: RegExpExecArray) => Edit | undefined): Edit[] {
  const edits: Edit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const e = make(m);
    if (e && !(e.start === e.end && e.text === '') && text.slice(e.start, e.end) !== e.text) edits.push(e);
    if (m[0] === '') re.lastIndex++;
  }
  return edits;
}

export const OPAQUE = '\ufffc';
