import type { Design } from './design.js';

/**
 * Standard manuscript format, for submissions to agents and editors: 12 pt Courier Prime, double-spaced,
 * flush left without hyphens, inch margins on US Letter, a header with surname, short title and page,
 * chapters opening a third of the way down, "#" between scenes and END at the close.
 */
export const manuscript: Design = {
  id: 'manuscript',
  description:
    'standard manuscript format for agents and editors: 12 pt Courier Prime, double-spaced, flush left, inch margins, surname / title / page in the header, # between scenes, END; as a PDF and a Word .docx',
  fonts: { body: 'courier-prime', display: 'courier-prime' },
  type: { size: 12, leading: 24 },
  align: 'left',
  hyphenate: false,
  chapter: {
    number: 'numeral',
    label: true,
    numberStyle: 'regular',
    numberScale: 1,
    titleStyle: 'regular',
    titleScale: 1,
    titleCase: 'as-written',
    align: 'center',
    sink: 0.3,
    ornament: [],
    ownNumber: true,
  },
  opening: { capFace: 'body', dropCap: 0, leadIn: 0 },
  afterBreak: false,
  // Shunn's format: a block quote half an inch in from the left margin, double-spaced like the rest.
  quoted: { quote: { left: 3, right: 0, scale: 1, italic: false }, verse: { left: 3, italic: false } },
  sceneBreak: ['#'],
  runningHeads: 'none',
  indent: 3,
  manuscript: true,
  page: { width: 8.5 * 72, height: 11 * 72, margin: 72 },
  ebookOpening: true,
  ebookHeadings: 'serif',
};
