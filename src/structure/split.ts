/**
 * One file can hold many chapters: a whole novel exported from Word as one `.txt`, or a Markdown file with a
 * `#` heading per chapter. The file is split at its chapter headings, in the forms writers type them:
 * `# Title`, `Chapter 1`, `CHAPTER TWO`, `Chapter 3: The Title`, `Ch. 4 - Title`, `Chapter Twenty-One`,
 * `Chapter XIV`, `Prologue`, `Epilogue: After`, `Interlude`, and a bare `XIV` or `14` on a line of its own
 * when the file numbers several chapters that way (so a line of dialogue that says "I" is not a chapter).
 */
import { plainText, type Block, type ChapterKind, type Inline } from '../model/book.js';
import { chapterHeading, titleLike, type ChapterHeading } from '../parse/headings.js';

/** A block that could head a chapter: a heading, or a paragraph of one short line (or of a number's line and
 * its title's: "Chapter 5", then "Box Five" on the next line). */
function headingText(b: Block): string | undefined {
  // A heading on two lines ("CHAPTER ONE", then its title) reads as "Chapter One: Title".
  if (b.type === 'heading' && b.level <= 2)
    return plainText(b.children)
      .trim()
      .replace(/\s*\n\s*/, ': ');
  if (b.type !== 'paragraph') return undefined;
  const breaks = b.children.filter((c) => c.type === 'lineBreak').length;
  if (breaks === 0) {
    const t = plainText(b.children);
    return t.length <= 160 ? t : undefined;
  }
  if (breaks !== 1) return undefined;
  const [first, second] = plainText(b.children)
    .split('\n')
    .map((l) => l.trim());
  const heading = chapterHeading(first);
  return heading?.kind === 'chapter' && !heading.title && titleLike(second) ? `${first}: ${second}` : undefined;
}

export interface SplitPart {
  blocks: Block[];
  /** The heading's chapter, or undefined for text before the first heading. */
  heading?: ChapterHeading;
  /** The title as inlines, with positions (the heading's text after its number). */
  title: Inline[];
  headingBlock?: Block;
}

/**
 * Where a file's chapters begin. Bare numerals count only in a run of two or more that goes up; Markdown
 * `#` headings count when the file has two or more of them at the top level.
 */
export function splitAtChapters(given: Block[]): SplitPart[] | undefined {
  const blocks = joinTitleLines(given);
  const found: { index: number; heading: ChapterHeading }[] = [];
  blocks.forEach((b, index) => {
    const text = headingText(b);
    if (text === undefined) return;
    const heading = chapterHeading(text);
    if (heading) found.push({ index, heading });
  });
  let starts = trustedStarts(found, blocks);
  // Markdown: `#` headings over `##` ones are parts over chapters; several `#` headings alone are chapters.
  const level = (n: number) =>
    blocks.map((b, index) => ({ b, index })).filter(({ b }) => b.type === 'heading' && b.level === n);
  const named = new Map(starts.map((s) => [s.index, s.heading]));
  const textOf = (b: Block) => plainText((b as { children: Inline[] }).children).trim();
  const as =
    (kind: ChapterKind) =>
    ({ b, index }: { b: Block; index: number }) => {
      const known = named.get(index);
      return {
        index,
        heading: known && (kind === 'chapter' || known.kind === 'part') ? known : { kind, title: textOf(b) },
      };
    };
  const [h1, h2] = [level(1), level(2)];
  if (h1.length >= 1 && h2.length >= 2 && h1[0].index < h2[0].index) {
    starts = [...h1.map(as('part')), ...h2.map(as('chapter'))].sort((a, b) => a.index - b.index);
  } else if (h1.length >= 2) starts = h1.map(as('chapter'));
  if (starts.length === 0) return undefined;
  const parts: SplitPart[] = [];
  if (starts[0].index > 0) parts.push({ blocks: blocks.slice(0, starts[0].index), title: [] });
  starts.forEach((s, k) => {
    const block = blocks[s.index];
    const end = k + 1 < starts.length ? starts[k + 1].index : blocks.length;
    parts.push({
      blocks: blocks.slice(s.index + 1, end),
      heading: s.heading,
      title: titleInlines(block, s.heading),
      headingBlock: block,
    });
  });
  return parts;
}

/**
 * Which of the headings found start chapters. Named ones ("Chapter 3", "Prologue") always do. Bare numerals
 * and numbered titles ("14", "XIV", "12. The Title") do when they carry the chapters' numbering on: the one
 * after the chapter before it (of whatever form), or the first of a run that goes up by one; one that
 * breaks the sequence (a second "I", a numbered list) is text, and so is one with no text after it before
 * the next (a list's items).
 */
function trustedStarts(
  found: { index: number; heading: ChapterHeading }[],
  blocks: Block[],
): { index: number; heading: ChapterHeading }[] {
  // The old rule: bare numerals in sequence from the first one.
  const run = new Set<number>();
  let expected: number | undefined;
  for (const f of found) {
    if (!f.heading.bare) continue;
    expected ??= f.heading.number!;
    if (f.heading.number === expected) {
      run.add(f.index);
      expected++;
    }
  }
  const named = found.filter((f) => !f.heading.bare);
  const out: { index: number; heading: ChapterHeading }[] = [];
  let last: number | undefined;
  for (const f of found) {
    const n = f.heading.number;
    if (!f.heading.bare) {
      out.push(f);
      if (f.heading.kind === 'chapter' && n !== undefined) last = n;
      continue;
    }
    const nextNamed = named.find((g) => g.index > f.index && g.heading.kind === 'chapter')?.heading.number;
    const follows = last === undefined ? n === 1 || nextNamed === n! + 1 : n === last + 1;
    if (!follows && !(run.size >= 2 && run.has(f.index))) continue;
    out.push(f);
    last = n;
  }
  // A numbered start needs text of its own before the next start.
  const kept = out.filter((f, k) => {
    if (!f.heading.bare) return true;
    const end = k + 1 < out.length ? out[k + 1].index : blocks.length;
    return end - f.index >= 2;
  });
  // One numbered line alone, with nothing named around it, is a list or a date, not a chapter.
  return kept.some((f) => !f.heading.bare) || kept.length >= 2 ? kept : [];
}

/**
 * The title part of a heading block as inlines: the whole heading's inlines when the title is all of it
 * (emphasis kept), else the title's words with their position in the source.
 */
function titleInlines(block: Block, heading: ChapterHeading): Inline[] {
  if (!heading.title || (block.type !== 'heading' && block.type !== 'paragraph')) return [];
  if (plainText(block.children).trim() === heading.title) return block.children;
  for (const node of block.children) {
    if (node.type !== 'text') continue;
    const at = node.value.lastIndexOf(heading.title);
    if (at < 0) continue;
    const start = { ...node.pos.start, column: node.pos.start.column + at, offset: node.pos.start.offset + at };
    const end = { ...start, column: start.column + heading.title.length, offset: start.offset + heading.title.length };
    return [{ type: 'text', value: heading.title, pos: { file: node.pos.file, start, end } }];
  }
  return [{ type: 'text', value: heading.title, pos: block.pos }];
}

/**
 * A chapter's number and its title as two headings, one under the other ("Chapter Six", then "The
 * Enchanted Violin"), as Word and Google Docs writers often style them: one heading of two lines.
 */
function joinTitleLines(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    if (b.type === 'heading' && next?.type === 'heading' && next.level >= b.level) {
      const heading = chapterHeading(plainText(b.children).trim());
      const title = plainText(next.children).trim();
      const titleHeading = chapterHeading(title);
      if (heading && !heading.title && heading.kind === 'chapter' && title && titleHeading?.number === undefined) {
        const joined: Inline[] = [...b.children, { type: 'lineBreak', pos: next.pos }, ...next.children];
        out.push({ ...b, children: joined, pos: { ...b.pos, end: next.pos.end } });
        i++;
        continue;
      }
    }
    out.push(b);
  }
  return out;
}
