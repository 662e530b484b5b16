/** Where a straight quote stands: shared by the quotes and apostrophes rules. */

const OPENING_CONTEXT = /[\s([{\u2014\u2013\-“‘«‹„‚\ufffc]/;

export function opensAt(text: string, i: number): boolean {
  const prev = i === 0 ? ' ' : text[i - 1];
  const next = text[i + 1];
  if (next === undefined || /\s/.test(next)) return false;
  // A straight " right before us is still to be set: when it opens, so do we ("'Catarina…').
  if (prev === '"' && i > 0) return opensAt(text, i - 1) && /[\p{L}\p{N}]/u.test(next);
  if (OPENING_CONTEXT.test(prev)) return !/[,.;:!?)\]}]/.test(next) || (next === '.' && text[i + 2] === '.');
  return false;
}

/** Words that start with an apostrophe standing for left-out letters. */
const ELISIONS =
  /^'(?:tis|twas|twere|twill|twould|em|cause|cos|n'?|round|til|bout|fore|neath|gainst|mongst|nuff|scuse|kay|sup|ello|ere|ow|im|er|is|e|ave|alf|cept|specially|twixt|o)\b/i;

/** Words whose last letters a dialect drops, the apostrophe standing for them: an', o', wi', th', goin'. */
const TRAILING_ELISION = /(?:^|[^\p{L}])(?:an|o|wi|th|ol|fo|ha|gi|tha|yo|ma|pa)$|\p{L}{2}in$/iu;

/** True when the `'` at `i` is an apostrophe (or a closing quote), not the start of a quotation. */
export function isApostrophe(text: string, i: number): boolean {
  if (!opensAt(text, i)) return true;
  const rest = text.slice(i, i + 14);
  if (/^'\d/.test(rest)) return true; // '84, '90s
  if (ELISIONS.test(rest)) {
    // An elision, unless the paragraph closes a quotation that starts here: 'em all,' he said.
    return !closesLater(text, i, true);
  }
  return !closesLater(text, i, false);
}

/**
 * Whether a closing single quote follows: a `'` after a non-space, followed by a non-letter, that is not
 * itself a plural possessive such as "girls' ".
 */
function closesLater(text: string, i: number, strict: boolean): boolean {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === '“' || c === '”') {
      // A double quote closing before our single quote closes: the single quote did not open a nest.
      if (!strict) continue;
    }
    if (c !== "'") continue;
    const prev = text[j - 1];
    const next = text[j + 1];
    if (prev === undefined || /\s/.test(prev)) continue;
    if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) continue; // don't, o'clock
    // Dialect's dropped endings close nothing: an', o', wi', goin'.
    if (TRAILING_ELISION.test(text.slice(Math.max(0, j - 12), j))) continue;
    if (strict && !/[,.!?;:—…-]/.test(prev)) continue;
    return true;
  }
  return false;
}

/**
 * How many single quotations are open before each index of the text (at most one: singles alternate with
 * doubles, they do not nest in each other). Inside an open single quotation a word-initial `'` is an
 * elision (\u2019cause, \u2019lection), never a second opening: `'It's 'cause of the 'lection,' he said.`
 */
export function singleDepths(text: string): Uint8Array {
  const depths = new Uint8Array(text.length + 1);
  let depth = 0;
  for (let j = 0; j < text.length; j++) {
    depths[j] = depth;
    const c = text[j];
    if (depth === 0 && (c === '\u2018' || (c === "'" && opensAt(text, j) && !isApostrophe(text, j)))) depth = 1;
    else if (
      depth > 0 &&
      (c === "'" || c === '\u2019') &&
      j > 0 &&
      !/\s/.test(text[j - 1]) &&
      !/[\p{L}\p{N}]/u.test(text[j + 1] ?? '')
    )
      depth = 0;
  }
  depths[text.length] = depth;
  return depths;
}
