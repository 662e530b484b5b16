/**
 * A design as the EPUB shows it: a stylesheet laid over the base one, and the markup its chapter openings
 * need (the number and title apart, an ornament, a drop cap, a small-capital lead-in). Reading systems
 * keep the reader's own font and size: sizes are relative, the body face is the reader's unless the
 * writer embeds the design's fonts, and everything a design adds degrades to plain text without CSS.
 */
import { type Design, type EbookFont, FAMILY_NAMES, type FontFamily } from '../design/design.js';
import { DEFAULT_DESIGN } from '../design/index.js';
import { plainText, type Inline } from '../model/book.js';

/** How a design's chapters open in the EPUB, read once from the design. */
export interface EbookLook {
  design: Design;
  /** The number and the title set apart, each in its own style (else the heading as one line, classic's). */
  splitHeading: boolean;
  /** Ornament over the heading, when the reader's fonts are sure to have it. */
  ornament?: string;
  /** The scene break's text. */
  sceneBreak: string;
  /** The design's fonts, when the writer embeds them in the EPUB (book.yaml `design.ebookFonts`). */
  fonts: EbookFont[];
  /** The family the ornaments are set in, when an embedded one other than the body's has them. */
  ornamentFamily?: string;
}

/**
 * Glyphs every reading system's fonts have: anything else (a fleuron, an asterism) shows as a box on some
 * Kobo and Kindle fonts unless the design's fonts are embedded.
 */
function safeGlyphs(text: string): boolean {
  return /^[\u0020-\u007e\u00a0-\u00ff\u2002\u2003\u2009\u2022\u2013\u2014]+$/.test(text);
}

export function ebookLook(design: Design = DEFAULT_DESIGN, fonts: EbookFont[] = []): EbookLook {
  const d = design.chapter;
  // With fonts embedded, the first ornament one of them has (the body's first); else only safe ones.
  const body = fonts.filter((f) => f.family === FAMILY_NAMES[design.fonts.body]);
  const holder = (text: string) => body.find((f) => f.has(text)) ?? fonts.find((f) => f.has(text));
  const glyph = (choices: string[]) => choices.find((c) => (fonts.length ? holder(c) : safeGlyphs(c)));
  const brk = glyph(design.sceneBreak) ?? '* * *';
  const ornament = glyph(d.ornament);
  const family = [brk, ornament].map((t) => t && holder(t)?.family).find((f) => f && f !== body[0]?.family);
  return {
    design,
    splitHeading: d.ownNumber || d.numberStyle !== d.titleStyle || d.numberScale !== d.titleScale,
    ornament,
    // Spaced asterisks as classic has always set them, an em space apart.
    sceneBreak: brk.replace(/ /g, '\u2003'),
    fonts,
    ...(family ? { ornamentFamily: family } : {}),
  };
}

/** The EPUB's folder for embedded fonts. */
export const FONT_DIR = 'fonts';

/** @font-face rules for the embedded fonts, and the body set in the design's face. */
function fontFaceCss(look: EbookLook): string[] {
  if (!look.fonts.length) return [];
  const faces = look.fonts.map(
    (f) =>
      `@font-face { font-family: "${f.family}"; font-weight: ${f.weight}; font-style: ${f.style}; ` +
      `src: url("${FONT_DIR}/${f.file}"); }`,
  );
  const rules = [...faces, `body { font-family: "${familyName(look.design.fonts.body)}", serif; }`];
  if (look.ornamentFamily)
    rules.push(`div.scene-break, .chapter-ornament { font-family: "${look.ornamentFamily}", serif; }`);
  return rules;
}

/** Opening quotes and brackets go with the letter a drop cap is made of. */
const CAP = /^[\u201c\u2018"'\u00ab\u2039([]*[\p{L}\p{N}]\p{M}*/u;

/**
 * A chapter's first paragraph as the design opens it: the drop cap (its first letter, any opening quote
 * with it) and the lead-in's words in small capitals, as XHTML around the rest. A paragraph too short for
 * the cap to sit beside keeps its plain letter; one whose opening is not plain text is left as written.
 */
export function openingXhtml(
  children: Inline[],
  look: EbookLook,
  opensChapter: boolean,
  rest: (nodes: Inline[]) => string,
  escapeText: (text: string) => string,
): string {
  const { opening } = look.design;
  const first = children[0];
  if (first?.type !== 'text') return rest(children);
  let text = first.value;
  let out = '';
  const lines = opensChapter ? opening.dropCap : 0;
  const cap = CAP.exec(text);
  // A phone's line holds some forty characters: the paragraph must run on past the cap's lines.
  if (lines && cap && plainText(children).length >= 40 * (lines + 1) && cap[0].length < text.length) {
    out += `<span class="dropcap">${escapeText(cap[0])}</span>`;
    text = text.slice(cap[0].length);
  }
  const words = typeof opening.leadIn === 'number' ? opening.leadIn : 0;
  if (words > 0) {
    const m = new RegExp(`^\\S*(?:\\s+\\S+){0,${words - 1}}`, 'u').exec(text);
    if (m?.[0]) {
      out += `<span class="smallcaps">${escapeText(m[0])}</span>`;
      text = text.slice(m[0].length);
    }
  }
  if (!out) return rest(children);
  return out + rest([{ ...first, value: text }, ...children.slice(1)]);
}

/** Stylesheet rules for the design, over the base stylesheet; classic's are the base's own. */
export function designCss(look: EbookLook): string {
  const { design } = look;
  const embedded = look.fonts.length > 0;
  const d = design.chapter;
  const rules: string[] = fontFaceCss(look);
  // A picture between scenes, an em high as in print, scaled with the reader's type size.
  if (design.sceneBreakImage) rules.push('div.scene-break img { height: 1em; width: auto; max-width: 33%; }');
  const displayFamily = (family: FontFamily) =>
    embedded ? `"${familyName(family)}", ${design.ebookHeadings}` : design.ebookHeadings;
  rules.push(...quotedCss(design));
  if (design.ebookHeadings === 'sans-serif')
    rules.push(`h1, h2, .titlepage h1 { font-family: ${displayFamily(design.fonts.display)}; }`);
  if (design.align === 'left' || !design.hyphenate)
    rules.push(
      `p { ${design.align === 'left' ? 'text-align: left; ' : ''}${design.hyphenate ? '' : '-webkit-hyphens: manual; hyphens: manual; '}}`,
    );
  if (design.manuscript) rules.push('p { line-height: 2; }');
  else if ('size' in design.type) rules.push('p { line-height: 1.45; }');
  if (look.splitHeading) {
    const title = Math.min(2.4, Math.max(1.2, d.titleScale)).toFixed(2);
    rules.push(
      `h1 { font-size: ${title}em; margin: ${(d.sink * 12.5).toFixed(1)}em 0 1.5em; text-align: ${d.align}; }`,
      `h1 .chapter-number { ${numberCss(look)} }`,
      `h1 .chapter-title { display: block; ${titleCss(design, embedded)} }`,
    );
  }
  if (look.ornament)
    rules.push(
      '.chapter-ornament { text-align: center; font-size: 1.6em; margin: 2em 0 0; }',
      '.titlepage .ornament { font-size: 1.6em; margin: 1em 0; }',
    );
  // The title page as print's: flush left where the chapters are, plain where display lines are.
  if (d.align === 'left') rules.push('.titlepage, .titlepage p, .titlepage h1 { text-align: left; }');
  if (design.plainDisplay) rules.push('.titlepage .subtitle { font-style: normal; }');
  // The book's title as the chapter titles are set: the display face (or its stand-in), its capitals.
  const titleLook = titleCss(design, embedded).trim();
  if (titleLook) rules.push(`.titlepage h1 { ${titleLook} }`);
  if (design.opening.dropCap) {
    const size = design.opening.dropCap === 3 ? 3.3 : 2.25;
    const face =
      design.opening.capFace === 'display' && embedded ? ` font-family: "${familyName(design.fonts.display)}";` : '';
    // Inside @supports: a reading system that cannot float the letter shows it as a plain one.
    rules.push(
      '@supports (float: left) {',
      `p.first span.dropcap { float: left; font-size: ${size}em; line-height: 0.85; margin: 0.04em 0.08em 0 0;${face} }`,
      '}',
    );
  }
  if (design.opening.leadIn === 'line')
    rules.push(
      `section > h1 + p.first::first-line${design.afterBreak ? ', div.scene-break + p.first::first-line' : ''} { font-variant: small-caps; }`,
    );
  return rules.length ? `${rules.join('\n')}\n` : '';
}

/**
 * Block quotes and verse as the design sets them, where it sets them otherwise than classic (whose are the
 * base stylesheet's). Print's ems are of a fixed size; here an em of print is three quarters of the
 * reader's (classic's 2 em quote inset is the base stylesheet's 1.5 em).
 */
function quotedCss(design: Design): string[] {
  const em = (v: number) => `${Math.round(v * 0.75 * 100) / 100}em`;
  const { quote, verse } = design.quoted;
  const out: string[] = [];
  const size = quote.scale === 1 ? '' : ` font-size: ${quote.scale}em;`;
  if (quote.left !== 2 || quote.right !== 2 || size || quote.italic)
    out.push(
      `blockquote { margin: 1em ${quote.right ? em(quote.right) : '0'} 1em ${em(quote.left)};${size}${quote.italic ? ' font-style: italic;' : ''} }`,
    );
  if (quote.italic) out.push('blockquote em, blockquote i { font-style: normal; }');
  if (typeof verse.left === 'number' && verse.left !== 2) out.push(`p.verse { margin-left: ${em(verse.left)}; }`);
  if (verse.italic) out.push('p.verse { font-style: italic; }', 'p.verse em, p.verse i { font-style: normal; }');
  // Centred on its longest line where the reading system can size a block to its lines; elsewhere inset.
  if (verse.left === 'centred')
    out.push(
      '@supports (width: fit-content) {',
      'p.verse { width: fit-content; margin-left: auto; margin-right: auto; }',
      '}',
    );
  return out;
}

/** A title as the design sets chapter titles: its style (styleCss), and its capitals when it sets them. */
function titleCss(design: Design, embedded: boolean): string {
  const d = design.chapter;
  return `${styleCss(d.titleStyle, design, embedded)}${d.titleCase === 'upper' ? ' text-transform: uppercase; letter-spacing: 0.06em;' : ''}`;
}

function numberCss(look: EbookLook): string {
  const { design } = look;
  const embedded = look.fonts.length > 0;
  const d = design.chapter;
  const size = (d.numberScale / Math.min(2.4, Math.max(1.2, d.titleScale))).toFixed(2);
  const style =
    d.numberStyle === 'small-caps'
      ? 'font-variant: small-caps; text-transform: none; letter-spacing: 0.08em;'
      : `text-transform: none; letter-spacing: 0; ${styleCss(d.numberStyle, design, embedded)}`;
  return `font-size: ${size}em; ${style}`.trim();
}

/** A display line's style: italic, small capitals, or the display face (its generic family without it). */
function styleCss(style: Design['chapter']['titleStyle'], design: Design, embedded: boolean): string {
  if (style === 'italic') return 'font-style: italic;';
  if (style === 'small-caps') return 'font-variant: small-caps;';
  if (style === 'display' && design.fonts.display !== design.fonts.body) {
    // A script face the reader lacks reads best as italic; a sans one as the reader's sans-serif.
    if (embedded) return `font-family: "${familyName(design.fonts.display)}", ${design.ebookHeadings};`;
    return design.fonts.display === 'great-vibes' ? 'font-style: italic;' : `font-family: ${design.ebookHeadings};`;
  }
  return '';
}

/** A bundled family's CSS name: "EB Garamond", "Source Serif 4". */
function familyName(family: FontFamily): string {
  return FAMILY_NAMES[family];
}
