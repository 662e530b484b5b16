import type { Design } from './design.js';

/** Octavo's first design: a Garamond novel as a trade publisher sets it. */
export const classic: Design = {
  id: 'classic',
  description:
    'EB Garamond; the title sunk a fifth down the page, the first words in small capitals, a fleuron between scenes',
  fonts: { body: 'eb-garamond', display: 'eb-garamond' },
  type: { scale: 1 },
  align: 'justify',
  hyphenate: true,
  chapter: {
    number: 'numeral',
    label: true,
    numberStyle: 'regular',
    numberScale: 1.7,
    titleStyle: 'regular',
    titleScale: 1.7,
    titleCase: 'as-written',
    align: 'center',
    sink: 0.2,
    ornament: [],
    ownNumber: false,
  },
  opening: { capFace: 'body', dropCap: 0, leadIn: 2 },
  afterBreak: false,
  // Quotes and verse two ems in (twice the paragraph indent: a quoted line never looks like an indented
  // first line), in the text's size. Every design keeps them clear of the indent so.
  quoted: { quote: { left: 2, right: 2, scale: 1, italic: false }, verse: { left: 2, italic: false } },
  sceneBreak: ['\u2767', '\u2042', '* * *'],
  runningHeads: 'small-caps',
  ebookOpening: false,
  ebookHeadings: 'serif',
};
