import type { Design } from './design.js';

/** Fantasy and historical: inscriptional Cinzel capitals for titles and the drop cap, an ornament over a Roman number. */
export const fantasy: Design = {
  id: 'fantasy',
  description:
    'EB Garamond under Cinzel capitals: a floral ornament over a Roman numeral, the title in capitals, a three-line Cinzel drop cap',
  fonts: { body: 'eb-garamond', display: 'cinzel' },
  type: { scale: 1 },
  align: 'justify',
  hyphenate: true,
  chapter: {
    number: 'roman',
    label: false,
    numberStyle: 'display',
    numberScale: 1.5,
    titleStyle: 'display',
    titleScale: 1.45,
    titleCase: 'upper',
    align: 'center',
    sink: 0.2,
    ornament: ['\u2766', '\u2767'],
    ownNumber: true,
  },
  opening: { capFace: 'display', dropCap: 3, leadIn: 3 },
  afterBreak: true,
  // Songs and prophecies in italic, each centred on its longest line.
  quoted: { quote: { left: 2, right: 2, scale: 1, italic: false }, verse: { left: 'centred', italic: true } },
  sceneBreak: ['\u2766', '\u2767', '* * *'],
  runningHeads: 'small-caps',
  ebookOpening: true,
  ebookHeadings: 'serif',
};
