import type { Design } from './design.js';

/**
 * Large print, as the guidelines for readers with low vision ask (APH, RNIB's Clear Print, the Library of
 * Congress's NLS): 16 pt Atkinson Hyperlegible (a face drawn for low vision), generous leading, no
 * hyphenation, no italic or small-capital display lines, plain running heads.
 */
export const largePrint: Design = {
  id: 'large-print',
  description:
    '16 pt Atkinson Hyperlegible on 22 pt leading, no hyphenation, no italic or small-capital display lines, on a 7 × 10 in page unless book.yaml names a trim: for readers with low vision',
  fonts: { body: 'atkinson-hyperlegible', display: 'atkinson-hyperlegible' },
  type: { size: 16, leading: 22 },
  align: 'justify',
  hyphenate: false,
  expansion: 0.04,
  chapter: {
    number: 'numeral',
    label: true,
    numberStyle: 'regular',
    numberScale: 1.25,
    titleStyle: 'regular',
    titleScale: 1.4,
    titleCase: 'as-written',
    align: 'center',
    sink: 0.12,
    ornament: [],
    ownNumber: true,
  },
  opening: { capFace: 'body', dropCap: 0, leadIn: 0 },
  afterBreak: false,
  // Two ems in at the left only (at 16 pt an inset at both sides leaves short lines), and no italic.
  quoted: { quote: { left: 2, right: 0, scale: 1, italic: false }, verse: { left: 2, italic: false } },
  sceneBreak: ['* * *'],
  runningHeads: 'plain',
  plainDisplay: true,
  // Five-eighths of an inch at the head and the foot, half an inch at the fore-edge, and at the fold KDP's
  // minimum for the page count (a large-print novel runs to 400 pages and more) with a tenth of an inch
  // over it, room for the punctuation that hangs into the margin: a measure of about 5.8 in.
  page: { width: 7 * 72, height: 10 * 72, margin: 45, outside: 36, gutterEase: 7.2 },
  ebookOpening: true,
  ebookHeadings: 'sans-serif',
};
