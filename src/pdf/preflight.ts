/**
 * Checks a laid-out book against the print service's rules before a writer uploads it: trim size, page
 * count, margins and where the ink of every line falls (glyph outlines, not line widths: an italic f or
 * a dash can reach past its advance), images' resolution and colour, glyphs missing from the font.
 */
import type { MessageInput, RuleId } from '../diagnostics/diagnostic.js';
import type { Asset } from '../model/book.js';
import type { LaidBook } from './layout/book.js';
import { INCH, minimumGutter, TRIM_SIZES } from './layout/geometry.js';
import type { Shaper } from './layout/shaper.js';

export type PrintService = 'kdp' | 'ingramspark';

interface ServiceRules {
  name: string;
  minPages: number;
  maxPages: number;
  evenPages: boolean;
  /** Least distance from ink to the trim on the outside, top and bottom; with bleed in brackets. */
  edge: number;
  edgeWithBleed: number;
  /** Least margin everywhere, inside included (IngramSpark). */
  margin: number;
  trimWidth: [number, number];
  trimHeight: [number, number];
}

const RULES: Record<PrintService, ServiceRules> = {
  kdp: {
    name: 'KDP Print',
    minPages: 24,
    maxPages: 828,
    evenPages: false,
    edge: 0.25 * INCH,
    edgeWithBleed: 0.375 * INCH,
    margin: 0,
    trimWidth: [4 * INCH, 8.5 * INCH],
    trimHeight: [6 * INCH, 11.69 * INCH],
  },
  ingramspark: {
    name: 'IngramSpark',
    minPages: 18,
    maxPages: 1200,
    evenPages: true,
    edge: 0.5 * INCH,
    edgeWithBleed: 0.5 * INCH,
    margin: 0.5 * INCH,
    trimWidth: [4 * INCH, 8.5 * INCH],
    trimHeight: [6 * INCH, 11.69 * INCH],
  },
};

const MIN_DPI = 300;
export const PRINTABLE = new Set<Asset['mediaType']>(['image/jpeg', 'image/png']);
const PDF = 'print PDF';

const inches = (pt: number) => `${(pt / INCH).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')} in`;

export function preflight(
  laid: LaidBook,
  service: PrintService,
  assets: Map<string, Asset>,
  shaper: Shaper,
): MessageInput[] {
  const rules = RULES[service];
  const g = laid.geometry;
  const out: MessageInput[] = [];
  const problem = (rule: RuleId, message: string, hint: string, severity: MessageInput['severity'] = 'warning') =>
    out.push({ severity, rule, message: `${rules.name}: ${message}`, file: PDF, hint });
  const pages = laid.pages.length;

  const known = Object.values(TRIM_SIZES).some(
    (t) => Math.abs(t.width - g.trim.width) < 0.5 && Math.abs(t.height - g.trim.height) < 0.5,
  );
  if (
    !known &&
    (g.trim.width < rules.trimWidth[0] ||
      g.trim.width > rules.trimWidth[1] ||
      g.trim.height < rules.trimHeight[0] ||
      g.trim.height > rules.trimHeight[1])
  ) {
    problem(
      'print-trim',
      `a trim of ${inches(g.trim.width)} × ${inches(g.trim.height)} is not offered`,
      `Choose a width from ${inches(rules.trimWidth[0])} to ${inches(rules.trimWidth[1])} and a height from ` +
        `${inches(rules.trimHeight[0])} to ${inches(rules.trimHeight[1])}, or one of the standard sizes (print.trim: 6x9).`,
    );
  }
  if (pages < rules.minPages) {
    problem(
      'print-page-count',
      `the book has ${pages} pages; at least ${rules.minPages} are needed`,
      'A shorter book cannot be printed as a paperback there; add front or back matter, or choose a smaller trim or ' +
        'a larger type size (print.fontSize).',
    );
  }
  if (pages > rules.maxPages) {
    problem(
      'print-page-count',
      `the book has ${pages} pages; at most ${rules.maxPages} are printed`,
      'Choose a larger trim (print.trim) or a smaller type size (print.fontSize), or split the book into volumes.',
    );
  }
  if (rules.evenPages && pages % 2 === 1) {
    problem(
      'print-page-count',
      `the book has an odd number of pages (${pages})`,
      'This is a bug in Octavo: the layout always ends on an even page. Please report it.',
    );
  }

  const edge = g.bleed ? rules.edgeWithBleed : rules.edge;
  const gutter = Math.max(minimumGutter(pages), rules.margin);
  const margins: [string, number, number][] = [
    ['inside', g.margins.inside, gutter],
    ['outside', g.margins.outside, Math.max(edge, rules.margin)],
    ['top', g.margins.top, Math.max(edge, rules.margin)],
    ['bottom', g.margins.bottom, Math.max(edge, rules.margin)],
  ];
  for (const [side, have, need] of margins) {
    if (have + 0.01 < need)
      problem(
        'print-margins',
        `the ${side} margin is ${inches(have)}; a ${pages}-page book needs at least ${inches(need)}`,
        `Widen print.margins.${side} in book.yaml to ${inches(need)} or more, or leave it out: Octavo's default ` +
          'meets the minimum for any page count.',
      );
  }

  // Ink outside the live area, page by page (the first few only, with a count).
  let outside = 0;
  let firstOutside: string | undefined;
  laid.pages.forEach((page, i) => {
    const minLeft = page.recto ? gutter : edge;
    const maxRight = g.trim.width - (page.recto ? edge : gutter);
    for (const line of page.lines) {
      if (!line.fragments.length) continue;
      const first = line.fragments[0];
      const last = line.fragments[line.fragments.length - 1];
      const left = line.x + first.x - shaper.overhang(first.run, first.size).left * (first.hscale ?? 1);
      const right = line.x + last.x + last.width + shaper.overhang(last.run, last.size).right * (last.hscale ?? 1);
      const top = line.y - 0.8 * first.size;
      const bottom = line.y + 0.3 * first.size;
      if (left < minLeft - 0.01 || right > maxRight + 0.01 || top < edge || bottom > g.trim.height - edge) {
        outside++;
        firstOutside ??= `page ${i + 1}`;
      }
    }
  });
  if (outside)
    problem(
      'print-safe-area',
      `${outside} line${outside === 1 ? '' : 's'} reach outside the safe area, first on ${firstOutside}`,
      'Widen the margins, or shorten the display text (titles) that runs wide.',
    );

  // Images: resolution at the placed size, and colour (an interior printed in black must hold none).
  const seen = new Set<string>();
  for (const page of laid.pages) {
    for (const img of page.images) {
      const asset = assets.get(img.asset);
      if (!asset || seen.has(asset.id)) continue;
      seen.add(asset.id);
      if (asset.width) {
        const dpi = Math.round(asset.width / (img.width / INCH));
        if (dpi < MIN_DPI)
          out.push({
            severity: 'warning',
            rule: 'print-image-resolution',
            message: `${asset.path} prints at ${dpi} dpi; print needs ${MIN_DPI}`,
            file: asset.path,
            hint: `Use an image at least ${Math.ceil((img.width / INCH) * MIN_DPI)} pixels wide.`,
          });
      }
      if (!PRINTABLE.has(asset.mediaType)) {
        out.push({
          severity: 'warning',
          rule: 'print-image-format',
          message:
            `${asset.path} is ${asset.extension.toUpperCase()}; the print PDF takes JPEG and PNG images ` +
            `only, so it is left out`,
          file: asset.path,
          hint: 'Save the image as a grayscale PNG or JPEG at 300 dpi.',
        });
        continue;
      }
      const colour = asset.colour ?? 'colour';
      if (colour === 'colour' || colour === 'cmyk')
        out.push({
          severity: 'warning',
          rule: 'print-image-colour',
          message: `${asset.path} is in colour; a black-and-white interior must hold grayscale images only`,
          file: asset.path,
          hint: 'Convert the image to grayscale (in any image editor) and build again.',
        });
      if (colour === 'alpha')
        out.push({
          severity: 'warning',
          rule: 'print-image-colour',
          message: `${asset.path} has transparency, which PDF/X-1a does not allow`,
          file: asset.path,
          hint: 'Flatten the image onto a white background and save it without an alpha channel.',
        });
    }
  }

  // Characters the font has no glyph for print as empty boxes.
  const missing = new Map<number, number>();
  for (const page of laid.pages) {
    for (const line of page.lines) {
      for (const f of line.fragments) {
        f.run.glyphs.forEach((id, k) => {
          if (id === 0) for (const cp of f.run.codePoints[k]) missing.set(cp, (missing.get(cp) ?? 0) + 1);
        });
      }
    }
  }
  if (missing.size) {
    const list = [...missing]
      .map(
        ([cp, count]) =>
          `U+${cp.toString(16).toUpperCase().padStart(4, '0')} "${String.fromCodePoint(cp)}" (${count}×)`,
      )
      .join(', ');
    out.push({
      severity: 'warning',
      rule: 'print-missing-glyphs',
      message: `the book face has no glyph for ${list}`,
      file: PDF,
      hint: 'These print as empty boxes; replace the characters in the manuscript.',
    });
  }
  return out;
}
