/**
 * Which book page goes where on the printer's sheets when a book is bound by hand in folded signatures.
 * Pure: page numbers in, sheets out. A signature of s sheets folded together holds 4s pages; its outer
 * sheet carries its first two and last two pages, and so on inwards. Read as printed: sheet 1 of a
 * 16-page signature is front 16 | 1, back 2 | 15.
 */

/** One side of a sheet: the book page on the left half and on the right (null: left blank). */
export interface SheetSide {
  left: number | null;
  right: number | null;
}

export interface Sheet {
  /** 1-based, through the whole book. */
  number: number;
  signature: number;
  front: SheetSide;
  back: SheetSide;
}

export interface Signature {
  number: number;
  sheets: number;
  /** The book pages it holds, first and last (blanks past the book's end included). */
  firstPage: number;
  lastPage: number;
}

export interface ImpositionPlan {
  pages: number;
  sheets: Sheet[];
  signatures: Signature[];
  /** Blank pages added at the end to fill the last sheets. */
  blanks: number;
}

export interface PlanOptions {
  /** Sheets folded together in a signature (4 gives 16-page signatures). */
  sheetsPerSignature: number;
  /**
   * `balance` (the default): the sheets the book needs, shared out so that no signature is more than one
   * sheet thinner than another; `fill`: every signature full, blanks completing the last one.
   */
  mode?: 'balance' | 'fill';
}

/** The sheets per signature, in order: full ones, or as even as whole sheets allow (thicker first). */
export function signatureSizes(pages: number, options: PlanOptions): number[] {
  const per = Math.max(1, Math.floor(options.sheetsPerSignature));
  const sheetsNeeded = Math.max(1, Math.ceil(pages / 4));
  const count = Math.ceil(sheetsNeeded / per);
  if (options.mode === 'fill') return Array(count).fill(per);
  const base = Math.floor(sheetsNeeded / count);
  const thicker = sheetsNeeded - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < thicker ? 1 : 0));
}

export function planImposition(pages: number, options: PlanOptions): ImpositionPlan {
  const sizes = signatureSizes(pages, options);
  const total = sizes.reduce((a, b) => a + b, 0) * 4;
  const page = (n: number) => (n <= pages ? n : null);
  const sheets: Sheet[] = [];
  const signatures: Signature[] = [];
  let first = 1;
  sizes.forEach((s, i) => {
    const last = first + 4 * s - 1;
    signatures.push({ number: i + 1, sheets: s, firstPage: first, lastPage: last });
    for (let k = 0; k < s; k++) {
      sheets.push({
        number: sheets.length + 1,
        signature: i + 1,
        front: { left: page(last - 2 * k), right: page(first + 2 * k) },
        back: { left: page(first + 2 * k + 1), right: page(last - 2 * k - 1) },
      });
    }
    first = last + 1;
  });
  return { pages, sheets, signatures, blanks: total - pages };
}
