/**
 * us-uk-spelling: US and UK spellings mixed in one book (`color` and `honour`). The side the book uses
 * less is reported, word by word, with its other spelling.
 */
import { defineCheck, type Finding } from './rule.js';

const OUR = [
  'col',
  'hon',
  'fav',
  'neighb',
  'behavi',
  'lab',
  'hum',
  'rum',
  'harb',
  'arm',
  'parl',
  'savi',
  'splend',
  'vap',
  'endeav',
  'od',
  'val',
  'rig',
  'flav',
  'clam',
  'glam',
  'ard',
  'ferv',
  'cand',
  'tum',
];
const OUR_ENDINGS = [
  '',
  's',
  'ed',
  'ing',
  'ful',
  'fully',
  'less',
  'able',
  'ably',
  'ite',
  'ites',
  'er',
  'ers',
  'hood',
  'hoods',
  'ly',
];
const IZE = [
  'real',
  'apolog',
  'organ',
  'recogn',
  'critic',
  'emphas',
  'memor',
  'summar',
  'sympath',
  'agon',
  'civil',
  'special',
  'character',
  'standard',
  'minim',
  'maxim',
  'fantas',
  'familiar',
  'util',
  'visual',
  'author',
  'prior',
  'jeopard',
  'terror',
  'tantal',
  'mesmer',
  'scrutin',
  'patron',
  'final',
  'legal',
  'normal',
  'capital',
  'vandal',
  'harmon',
  'idol',
  'energ',
  'hypnot',
  'colon',
  'econom',
  'glamor',
];
const IZE_ENDINGS: [string, string][] = [
  ['ize', 'ise'],
  ['izes', 'ises'],
  ['ized', 'ised'],
  ['izing', 'ising'],
  ['ization', 'isation'],
  ['izations', 'isations'],
  ['izer', 'iser'],
];
const PAIRS: [string, string][] = [
  ['center', 'centre'],
  ['centers', 'centres'],
  ['centered', 'centred'],
  ['theater', 'theatre'],
  ['theaters', 'theatres'],
  ['fiber', 'fibre'],
  ['liter', 'litre'],
  ['somber', 'sombre'],
  ['meager', 'meagre'],
  ['specter', 'spectre'],
  ['luster', 'lustre'],
  ['saber', 'sabre'],
  ['defense', 'defence'],
  ['offense', 'offence'],
  ['pretense', 'pretence'],
  ['skeptic', 'sceptic'],
  ['skeptical', 'sceptical'],
  ['jewelry', 'jewellery'],
  ['catalog', 'catalogue'],
  ['pajamas', 'pyjamas'],
  ['plow', 'plough'],
  ['mold', 'mould'],
  ['molded', 'moulded'],
  ['smolder', 'smoulder'],
  ['smoldering', 'smouldering'],
  ['traveled', 'travelled'],
  ['traveling', 'travelling'],
  ['traveler', 'traveller'],
  ['travelers', 'travellers'],
  ['canceled', 'cancelled'],
  ['canceling', 'cancelling'],
  ['fueled', 'fuelled'],
  ['jeweler', 'jeweller'],
  ['modeling', 'modelling'],
  ['signaled', 'signalled'],
  ['worshiped', 'worshipped'],
  ['marvelous', 'marvellous'],
  ['woolen', 'woollen'],
  ['aluminum', 'aluminium'],
  ['labeled', 'labelled'],
  ['leveled', 'levelled'],
  ['quarreled', 'quarrelled'],
  ['quarreling', 'quarrelling'],
  ['counselor', 'counsellor'],
  ['dueling', 'duelling'],
  ['reveled', 'revelled'],
  ['shoveled', 'shovelled'],
  ['tunneled', 'tunnelled'],
  ['yodeled', 'yodelled'],
  ['gray', 'grey'],
  ['mustache', 'moustache'],
  ['maneuver', 'manoeuvre'],
  ['maneuvers', 'manoeuvres'],
  ['analyze', 'analyse'],
  ['analyzed', 'analysed'],
  ['paralyze', 'paralyse'],
  ['paralyzed', 'paralysed'],
  ['cozy', 'cosy'],
  ['whiskey', 'whisky'],
];

/** Every US spelling with its UK one. */
export function usUkPairs(): Map<string, [string, 'us' | 'uk']> {
  const map = new Map<string, [string, 'us' | 'uk']>();
  const add = (us: string, uk: string) => {
    map.set(us, [uk, 'us']);
    map.set(uk, [us, 'uk']);
  };
  for (const stem of OUR) for (const end of OUR_ENDINGS) add(`${stem}or${end}`, `${stem}our${end}`);
  for (const stem of IZE) for (const [us, uk] of IZE_ENDINGS) add(`${stem}${us}`, `${stem}${uk}`);
  for (const [us, uk] of PAIRS) add(us, uk);
  // Words that are right either way whatever the side: a "tire" is also weariness, "draft" a first version, "curb" a check.
  for (const w of ['tire', 'tyre', 'draft', 'draught', 'curb', 'kerb']) map.delete(w);
  return map;
}

export default defineCheck({
  id: 'us-uk-spelling',
  description: 'US and UK spellings mixed in one book (color and honour)',
  create: (facts) => {
    const pairs = usUkPairs();
    let us = 0;
    let uk = 0;
    for (const p of facts.paragraphs) {
      for (const w of p.words) {
        const hit = pairs.get(w.lower);
        if (hit?.[1] === 'us') us++;
        else if (hit?.[1] === 'uk') uk++;
      }
    }
    // The side the book uses less is reported; with none of either, or an even split, the book's language decides.
    const british = /^en-(gb|au|nz|ie|za|in)$/i.test(facts.language);
    const wrong: 'us' | 'uk' | undefined =
      us === 0 || uk === 0 ? undefined : us > uk ? 'uk' : uk > us ? 'us' : british ? 'us' : 'uk';
    return (p) => {
      const out: Finding[] = [];
      if (!wrong) return out;
      for (const w of p.words) {
        const hit = pairs.get(w.lower);
        if (!hit || hit[1] !== wrong) continue;
        // Capitalised inside a sentence it is a name: "the Theatre Lyrique", "the Labour Party".
        if (/^\p{Lu}/u.test(w.text) && !w.sentenceStart) continue;
        const other = /^\p{Lu}/u.test(w.text) ? hit[0][0].toUpperCase() + hit[0].slice(1) : hit[0];
        out.push({
          start: w.start,
          end: w.end,
          message:
            `"${w.text}" is ${wrong === 'uk' ? 'a UK' : 'a US'} spelling in a book that mostly spells the ` +
            `${wrong === 'uk' ? 'US' : 'UK'} way (${wrong === 'uk' ? us : uk} to ${wrong === 'uk' ? uk : us})`,
          suggestion: other,
        });
      }
      return out;
    };
  },
});
