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
  sceneBreak: ['* * *'],
  runningHeads: 'plain',
  page: { width: 7 * 72, height: 10 * 72, margin: 45 },
  ebookOpening: true,
  ebookHeadings: 'sans-serif',
};
