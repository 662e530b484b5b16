import type { Design } from './design.js';

/** Literary fiction: Crimson Pro, a three-line drop cap and a first line of small capitals, the number as a word. */
export const literary: Design = {
  id: 'literary',
  description:
    'Crimson Pro; "Chapter One" in small capitals over an italic title, a three-line drop cap and a small-capital first line, a fleuron between scenes',
  fonts: { body: 'crimson-pro', display: 'crimson-pro' },
  type: { scale: 1 },
  align: 'justify',
  hyphenate: true,
  chapter: {
    number: 'word',
    label: true,
    numberStyle: 'small-caps',
    numberScale: 1.1,
    titleStyle: 'italic',
    titleScale: 1.6,
    titleCase: 'as-written',
    align: 'center',
    sink: 0.22,
    ornament: [],
    ownNumber: true,
  },
  opening: { capFace: 'body', dropCap: 3, leadIn: 'line' },
  afterBreak: true,
  // Extracts a size smaller, as literary houses set them; a poem centred on its longest line.
  quoted: { quote: { left: 2, right: 2, scale: 0.92, italic: false }, verse: { left: 'centred', italic: false } },
  sceneBreak: ['\u2767', '* * *'],
  runningHeads: 'italic',
  ebookOpening: true,
  ebookHeadings: 'serif',
};
