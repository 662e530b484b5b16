import type { Design } from './design.js';

/** Romance and women's fiction: Lora text, a script title under "Chapter One" in small capitals, a two-line drop cap. */
export const romance: Design = {
  id: 'romance',
  description:
    'Lora under Great Vibes script titles: "Chapter One" in small capitals, the title in script, a two-line drop cap, a heart-shaped fleuron between scenes',
  fonts: { body: 'lora', display: 'great-vibes' },
  type: { scale: 0.92 },
  align: 'justify',
  hyphenate: true,
  chapter: {
    number: 'word',
    label: true,
    numberStyle: 'small-caps',
    numberScale: 1,
    titleStyle: 'display',
    titleScale: 2.6,
    titleCase: 'as-written',
    align: 'center',
    sink: 0.2,
    ornament: [],
    ownNumber: true,
  },
  opening: { capFace: 'body', dropCap: 2, leadIn: 3 },
  afterBreak: false,
  // Verse (a song, a poem sent in a letter) in italic, centred on its longest line.
  quoted: { quote: { left: 2, right: 2, scale: 1, italic: false }, verse: { left: 'centred', italic: true } },
  sceneBreak: ['\u2766', '\u2767'],
  runningHeads: 'small-caps',
  ebookOpening: true,
  ebookHeadings: 'serif',
};
