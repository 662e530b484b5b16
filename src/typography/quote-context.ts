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
    if (strict && !/[,.!?;:—…-]/.test(prev)) continue;
    return true;
  }
  return false;
}
