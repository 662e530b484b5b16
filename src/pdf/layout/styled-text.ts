/**
 * A paragraph's inlines as runs of styled text: faces from emphasis and strong, small capitals for a
 * chapter's opening words (made from capitals where the face has none), superscripts, forced breaks.
 */
import type { Inline, Note } from '../../model/book.js';
import type { Shaper, TextStyle } from './shaper.js';

/** Text in one style: what a line is composed of. */
export interface StyledText {
  text: string;
  style: TextStyle;
  /** Size relative to the paragraph's (superscripts are smaller). */
  scale: number;
  /** Baseline shift in ems of the paragraph size (superscripts are raised). */
  rise: number;
  /** The note whose marker this is (its first reference), for the paginator to set the note on that page. */
  note: Note | undefined;
}

/** Styled text, always made here: one object shape for every run. */
function styled(text: string, style: TextStyle, scale: number, rise: number, note?: Note): StyledText {
  return { text, style, scale, rise, note };
}

/** Stands for a forced line break inside styled text. */
export const FORCED_BREAK = '\u2028';

/** Flattens inlines into styled text; a forced line break becomes FORCED_BREAK. */
export function styledText(inlines: Inline[], base: TextStyle = { face: 'regular', smallCaps: false }): StyledText[] {
  const out: StyledText[] = [];
  // A display or ornament face sets the plain text; emphasis within it takes the text's italic.
  const own = base.face === 'display' || base.face === 'symbol' ? base.face : undefined;
  const faceOf = (italic: boolean, bold: boolean): TextStyle['face'] =>
    own && !italic && !bold ? own : textFace(italic, bold);
  const walk = (nodes: Inline[], italic: boolean, bold: boolean, smallCaps: boolean, scale: number, rise: number) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'code':
          out.push(styled(node.value, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
        case 'lineBreak':
          out.push(styled(FORCED_BREAK, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
        case 'emphasis':
          walk(node.children, !italic, bold, smallCaps, scale, rise);
          break;
        case 'strong':
          walk(node.children, italic, true, smallCaps, scale, rise);
          break;
        case 'smallCaps':
          walk(node.children, italic, bold, true, scale, rise);
          break;
        case 'superscript':
          walk(node.children, italic, bold, smallCaps, scale * 0.68, rise + 0.33 * scale);
          break;
        case 'subscript':
          walk(node.children, italic, bold, smallCaps, scale * 0.68, rise - 0.15 * scale);
          break;
        case 'link':
          walk(node.children, italic, bold, smallCaps, scale, rise);
          break;
        case 'image':
          if (node.alt) out.push(styled(node.alt, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
        case 'noteRef':
          // The note's marker, raised; the note itself is set where the edition sets notes.
          out.push(
            styled(
              node.note.marker,
              { face: faceOf(false, bold), smallCaps: false },
              scale * 0.68,
              rise + 0.33 * scale,
              node.again ? undefined : node.note,
            ),
          );
          break;
      }
    }
  };
  walk(
    inlines,
    base.face === 'italic' || base.face === 'boldItalic',
    base.face === 'bold' || base.face === 'boldItalic',
    base.smallCaps,
    1,
    0,
  );
  return out;
}

function textFace(italic: boolean, bold: boolean): TextStyle['face'] {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

export const LETTER = /\p{L}/u;
/** Spaces and the invisible characters that end a word: ` \t\n\r`, no-break, zero-width, soft hyphen,
 * the fixed-width spaces U+2002–U+200A and U+202F, and FORCED_BREAK. */
export function isSpace(code: number): boolean {
  return code <= 32
    ? code === 32 || code === 9 || code === 10 || code === 13
    : code === 0xa0 || code === 0xad || (code >= 0x2002 && code <= 0x200b) || code === 0x202f || code === 0x2028;
}

/** Sets the small-cap opening: the first `words` words of the text switch to small caps. */
export function withSmallCaps(parts: StyledText[], words: number): StyledText[] {
  const out: StyledText[] = [];
  let seen = 0;
  let inWord = false;
  for (const part of parts) {
    if (seen >= words) {
      out.push(part);
      continue;
    }
    let cut = part.text.length;
    for (let i = 0; i < part.text.length; i++) {
      const space = isSpace(part.text.charCodeAt(i));
      if (inWord && space) {
        seen++;
        if (seen >= words) {
          cut = i;
          break;
        }
      }
      inWord = !space;
    }
    out.push(
      styled(part.text.slice(0, cut), { face: part.style.face, smallCaps: true }, part.scale, part.rise, part.note),
    );
    if (cut < part.text.length) out.push(styled(part.text.slice(cut), part.style, part.scale, part.rise, part.note));
  }
  return out.filter((p) => p.text.length > 0);
}

/** Small capitals drawn from capitals at this size, for a face without `smcp`. */
const SYNTHETIC_SMALL_CAPS = 0.8;

/**
 * Small-cap text in a face that has no small capitals: lowercase letters become capitals at 80 % size,
 * capitals stay as they are (what a compositor did before OpenType).
 */
export function synthesiseSmallCaps(parts: StyledText[], shaper: Shaper): StyledText[] {
  if (!parts.some((p) => p.style.smallCaps && !shaper.hasSmallCaps(p.style.face))) return parts;
  const out: StyledText[] = [];
  for (const part of parts) {
    if (!part.style.smallCaps || shaper.hasSmallCaps(part.style.face)) {
      out.push(part);
      continue;
    }
    const style: TextStyle = { face: part.style.face, smallCaps: false };
    for (const m of part.text.matchAll(/(\p{Ll}+)|([^\p{Ll}]+)/gu)) {
      if (m[1]) out.push(styled(m[1].toUpperCase(), style, part.scale * SYNTHETIC_SMALL_CAPS, part.rise, part.note));
      else out.push(styled(m[2], style, part.scale, part.rise, part.note));
    }
  }
  return out;
}
