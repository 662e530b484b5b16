/**
 * What a fan-fiction writer says to readers around the story: an author's note (`A/N:`, `AN:`, `Author's
 * Note:`) at a chapter's start or end, a disclaimer ("Disclaimer: I don't own …"), a request for reviews at
 * the end ("Please review!", "R&R"). They are recognised and, as book.yaml `notes:` says, set apart at the
 * chapter's end (the default), kept where they are but set apart, or dropped; each is reported, so that
 * nothing leaves the book unsaid.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { plainText, type Block, type NoteRole } from '../model/book.js';

export type NotesPolicy = 'end-of-chapter' | 'keep' | 'drop';

const AUTHOR_NOTE =
  /^\s*[([]?\s*(?:\*\*|__)?\s*(?:A\/N|A\.N\.|Author'?s'? ?Notes?|Note from the author)\s*(?:\*\*|__)?\s*[:\-–—.]/i;
/** "AN:" in capitals only: "An—" starts a sentence. */
const AN = /^\s*AN\s*:/;
const DISCLAIMER = /^\s*(?:\*\*|__)?\s*Disclaimer\b|^I (?:do not|don't|dont) own\b/i;
const REVIEW =
  /\b(?:please|pls|plz|do)\s+(?:review|comment|leave (?:a )?(?:review|comment|kudos))|\bR\s*&\s*R\b|\breviews? (?:are|is) (?:love|appreciated|welcome)|\bkudos (?:and|&) comments?\b/i;

/** An archive's or a writer's header: "Title: … Author: … Rating: … Summary: …" (two different keys or more). */
const HEADER_KEYS =
  /(?:^|\s)(Title|Author|Rating|Summary|Fandoms?|Pairings?|Relationships?|Characters|Warnings?|Category|Word count|Chapters?)\s*:/g;

/** A chapter's summary at its start: "Summary: …", as archives and writers head a chapter. */
const SUMMARY = /^\s*(?:\*\*|__)?\s*(?:Chapter |Work )?Summary\s*(?:\*\*|__)?\s*:/i;
/** The labels an archive puts on notes ("Notes:", "Chapter End Notes:"): notes when they open a quotation. */
const NOTES_LABEL = /^\s*(?:\*\*|__)?\s*(?:Chapter |Work )?(?:End )?Notes?\s*(?:\*\*|__)?\s*:/i;

/**
 * A paragraph that goes on with the note before it (an author's note of two paragraphs): short, not
 * dialogue, and about the writing rather than the story (the beta reader, reviews, updates, the fic).
 */
const ABOUT_THE_WRITING =
  /\b(?:beta(?:s|ed|ing|-?read(?:er|ing)?)?|reviews?|reviewers|kudos|fic|fanfic|fanfiction|updat(?:e|es|ed|ing)|posting|readers|(?:next|last|this) chapter|chapter \d+|cliffhanger|wattpad|ao3|ff\.net)\b/i;

export function continuesNote(b: Block | undefined): boolean {
  if (b?.type !== 'paragraph') return false;
  const text = plainText(b.children).trim();
  return text.length <= 240 && !/^["“‘'«]/.test(text) && ABOUT_THE_WRITING.test(text);
}

/** The note a paragraph is, if it is one; review requests only near the chapter's end and short. */
export function noteRole(text: string, nearEnd: boolean): NoteRole | undefined {
  if (!nearEnd && new Set([...text.matchAll(HEADER_KEYS)].map((m) => m[1])).size >= 2) return 'story-header';
  if (!nearEnd && SUMMARY.test(text)) return 'summary';
  if (AUTHOR_NOTE.test(text) || AN.test(text)) return 'author-note';
  if (DISCLAIMER.test(text)) return 'disclaimer';
  if (nearEnd && text.length <= 240 && REVIEW.test(text)) return 'review-request';
  return undefined;
}

/** What a policy does to a note, in the report's words. */
export const NOTE_FATE: Record<NotesPolicy, string> = {
  drop: 'dropped',
  keep: 'set apart where it is',
  'end-of-chapter': "set apart at the chapter's end",
};

export const DESCRIBED: Record<NoteRole, string> = {
  'author-note': "an author's note",
  disclaimer: 'a disclaimer',
  'review-request': 'a request for reviews',
  'story-header': "a story's header (title, rating, summary)",
  summary: "a chapter's summary",
};

/**
 * What the compile report says of a book's notes: "5 notes set apart at the chapter's end (author's notes 4, a
 * chapter's summary 1)".
 */
export function notesSummary(messages: string[], policy: NotesPolicy): string {
  const perRole = new Map<string, number>();
  for (const m of messages) {
    const role = Object.values(DESCRIBED).find((d) => m.startsWith(d)) ?? 'other';
    perRole.set(role, (perRole.get(role) ?? 0) + 1);
  }
  const list = [...perRole].map(([role, n]) => `${role.replace(/^an? /, '').replace(/ \(.*\)$/, '')} ${n}`).join(', ');
  return `${messages.length} note${messages.length === 1 ? '' : 's'} ${NOTE_FATE[policy]} (${list})`;
}

/**
 * The note a block is: a paragraph that reads as one, or a quotation whose first paragraph does or that
 * opens with an archive's label ("Notes:", "End Notes:"); the whole quotation is then the note.
 */
function blockRole(b: Block | undefined, nearEnd: boolean): NoteRole | undefined {
  // A reader that knows a note for one (an archive's summary) hands it over as a note node.
  if (b?.type === 'note') return b.role;
  if (b?.type === 'paragraph') return noteRole(plainText(b.children), nearEnd);
  const first = b?.type === 'blockQuote' ? b.children[0] : undefined;
  if (first?.type !== 'paragraph') return undefined;
  const text = plainText(first.children);
  return noteRole(text, nearEnd) ?? (NOTES_LABEL.test(text) ? 'author-note' : undefined);
}

/** A note's paragraphs: the paragraph itself, or the quotation's blocks. */
const noteBlocks = (b: Block): Block[] => (b.type === 'blockQuote' || b.type === 'note' ? b.children : [b]);

/**
 * Finds the notes at a chapter's start and end (paragraphs in a row from either edge, a scene break
 * between a note and the story counting as part of the note), and the author's notes the writer marked
 * as such in the middle (`A/N:` and its spellings only: nothing else is taken from inside the story),
 * and places them as the policy says. A dropped note's whole text is in its report.
 */
export function setNotesApart(blocks: Block[], policy: NotesPolicy, file: string, diagnostics: Diagnostics): Block[] {
  // A block's role; a paragraph that goes on with the note before it has that note's role.
  const roleAt = (i: number, nearEnd: boolean): NoteRole | undefined =>
    blockRole(blocks[i], nearEnd) ??
    (i > 0 && continuesNote(blocks[i]) ? blockRole(blocks[i - 1], nearEnd) : undefined);
  let start = 0;
  while (
    start < blocks.length &&
    (roleAt(start, false) || (start > 0 && blocks[start].type === 'sceneBreak' && roleAt(start - 1, false)))
  )
    start++;
  let end = blocks.length;
  while (
    end > start &&
    (roleAt(end - 1, blocks.length - end < 3) ||
      (end < blocks.length && blocks[end - 1].type === 'sceneBreak' && roleAt(end, true)))
  )
    end--;
  const marked = (b: Block) => b.type === 'note' || (b.type === 'paragraph' && AUTHOR_NOTE.test(plainText(b.children)));
  const middle = blocks.slice(start, end);
  if (start === 0 && end === blocks.length && !middle.some(marked)) return blocks;

  const what = NOTE_FATE[policy];
  const report = (b: Block, role: NoteRole) => {
    const text = noteBlocks(b)
      .map((x) => (x.type === 'paragraph' ? plainText(x.children) : ''))
      .filter(Boolean)
      .join('\n\n');
    const shown = text.length > 60 ? `${text.slice(0, 57).replace(/\s+/g, ' ')}…` : text.replace(/\s+/g, ' ');
    diagnostics.add({
      severity: 'info',
      rule: 'notes',
      message: `${DESCRIBED[role]}, ${what}: "${shown}"`,
      file,
      start: b.pos.start,
      end: b.pos.end,
      ...(policy === 'drop' ? { before: text, after: '' } : {}),
    });
  };
  const noteOf = (range: Block[], nearEnd: boolean): Block[] => {
    const out: Block[] = [];
    let previous: Block | undefined;
    let previousRole: NoteRole | undefined;
    for (const b of range) {
      const role = blockRole(b, nearEnd) ?? (previousRole && continuesNote(b) ? previousRole : undefined);
      previousRole = role;
      if (!role) continue;
      report(b, role);
      const last = out[out.length - 1];
      // Paragraphs of one kind in a row are one note; a quotation is a note of its own.
      if (b.type === 'paragraph' && previous?.type === 'paragraph' && last?.type === 'note' && last.role === role)
        last.children.push(b);
      else out.push({ type: 'note', role, children: noteBlocks(b), pos: b.pos });
      previous = b;
    }
    return out;
  };
  const leading = noteOf(blocks.slice(0, start), false);
  // Marked notes inside the story: each set apart on its own (kept in place), or moved or dropped.
  const story: Block[] = [];
  const inner: Block[] = [];
  for (const b of middle) {
    if (!marked(b)) story.push(b);
    else if (policy === 'keep') story.push(...noteOf([b], false));
    else inner.push(...noteOf([b], false));
  }
  const trailing = noteOf(blocks.slice(end), true);
  if (policy === 'drop') return story;
  if (policy === 'keep') return [...leading, ...story, ...trailing];
  return [...story, ...leading, ...inner, ...trailing];
}
