import type { Design } from './design.js';

/** Contemporary fiction: Source Serif text under sans-serif headings set flush left, a large numeral, a deep sink. */
export const modern: Design = {
  id: 'modern',
  description:
    'Source Serif 4 under Figtree headings: a large numeral and the title flush left, sunk a third down the page, running heads and folios at the outer edge; no ornaments',
  fonts: { body: 'source-serif-4', display: 'figtree' },
  type: { scale: 0.92 },
  align: 'justify',
  hyphenate: true,
  chapter: {
    number: 'numeral',
    label: false,
    numberStyle: 'display',
    numberScale: 3,
    titleStyle: 'display',
    titleScale: 1.45,
    titleCase: 'as-written',
    align: 'left',
    sink: 0.3,
    ornament: [],
    ownNumber: true,
  },
  opening: { capFace: 'body', dropCap: 0, leadIn: 0 },
  afterBreak: false,
  // Extracts a size smaller and inset at the left only, the right edge the text's.
  quoted: { quote: { left: 2, right: 0, scale: 0.92, italic: false }, verse: { left: 2, italic: false } },
  sceneBreak: ['\u2022\u2002\u2022\u2002\u2022', '* * *'],
  // Running heads and folios flush with the text's outer edge, as the headings are flush with its left.
  furniture: 'outside',
  runningHeads: 'plain',
  ebookOpening: true,
  ebookHeadings: 'sans-serif',
};
