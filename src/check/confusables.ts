/**
 * confusables: words often typed for their neighbours, reported (never changed) only where the words
 * around them make the other one very likely: `more then` → than, `it's own` → its, `its a` → it's,
 * `to loose` → lose, `a deep breathe` → breath, `could breath` → breathe, `an affect on` → effect, `be
 * discrete` → discreet, `could of` → could have, `was immanent` → imminent.
 */
import { defineCheck } from './rule.js';

interface Pattern {
  re: RegExp;
  /** Which group is the wrong word. */
  group: number;
  right: string | ((wrong: string) => string);
  why: string;
}

const keepCase = (right: string) => (wrong: string) =>
  /^\p{Lu}/u.test(wrong) ? right[0].toUpperCase() + right.slice(1) : right;

const PATTERNS: Pattern[] = [
  {
    re: /\b(?:more|less|rather|other|better|worse|greater|larger|smaller|bigger|taller|shorter|sooner|longer|faster|slower|older|younger|higher|lower|farther|stronger|weaker|easier|harder|richer|poorer|happier|darker|brighter|colder|warmer|hotter|deeper|closer|wider|worse|heavier|lighter|louder|quieter) (then)\b/gi,
    group: 1,
    right: keepCase('than'),
    why: '"than" compares',
  },
  { re: /\b(it['’]s) own\b/gi, group: 1, right: keepCase('its'), why: '"its" is the possessive' },
  {
    re: /\b(its) (?:a|an|the|not|been|going|gone|time|too|so|very|all|just|only|never|always|alright|okay|over|true|late|raining|getting|my|your|our|their|his|her|what|that|no)\b/gi,
    group: 1,
    right: keepCase('it’s'),
    why: '"it’s" is "it is" or "it has"',
  },
  {
    re: /\b(?:to|will|would|could|might|may|can|must|shall|should|don['’]t|didn['’]t|won['’]t|never|not|gonna) (loose)\b/gi,
    group: 1,
    right: keepCase('lose'),
    why: '"lose" is the verb',
  },
  {
    re: /\b(?:a|the|her|his|my|your|their|our|deep|another|one|last|every|shaky|ragged|sharp) (breathe)\b/gi,
    group: 1,
    right: keepCase('breath'),
    why: '"breath" is the noun',
  },
  {
    re: /\b(?:to|will|would|could|might|can|cannot|can['’]t|couldn['’]t|must|didn['’]t|don['’]t|not|let me) (breath)\b(?! of)/gi,
    group: 1,
    right: keepCase('breathe'),
    why: '"breathe" is the verb',
  },
  {
    re: /\b(?:an|no|any|little|much|great|side|lasting|profound|strange|desired) (affect)\b/gi,
    group: 1,
    right: keepCase('effect'),
    why: '"effect" is the noun',
  },
  {
    re: /\b(?:to|will|would|could|might|can|didn['’]t|doesn['’]t|don['’]t|not) (effect) (?:him|her|me|us|them|you|it)\b/gi,
    group: 1,
    right: keepCase('affect'),
    why: '"affect" is the verb',
  },
  {
    re: /\b(?:be|was|were|is|are|very|more|most|so|quite|being|remain|remained|stay|stayed) (discrete)\b/gi,
    group: 1,
    right: keepCase('discreet'),
    why: '"discreet" is tactful; "discrete" is separate',
  },
  {
    re: /\b(discreet) (?:parts|units|steps|values|components|sections|elements|pieces|stages)\b/gi,
    group: 1,
    right: keepCase('discrete'),
    why: '"discrete" is separate; "discreet" is tactful',
  },
  {
    re: /\b(?:could|would|should|might|must) (of)\b(?! course)/gi,
    group: 1,
    right: 'have',
    why: '"could have", spoken "could’ve"',
  },
  {
    re: /\b(?:is|was|seemed|seems|seem|became|become|now) (immanent)\b(?! in)/gi,
    group: 1,
    right: keepCase('imminent'),
    why: '"imminent" is about to happen; "immanent" is indwelling',
  },
  {
    re: /\b(immanent) (?:departure|arrival|danger|death|threat|attack|doom|return|collapse|storm|war|invasion|disaster|end)\b/gi,
    group: 1,
    right: keepCase('imminent'),
    why: '"imminent" is about to happen',
  },
];

export default defineCheck({
  id: 'confusables',
  description: 'A word often typed for another, where the words around it tell (more then → than)',
  create: () => {
    // With indices, for the place of the wrong word inside its match.
    const patterns = PATTERNS.map((x) => ({ ...x, re: new RegExp(x.re.source, `${x.re.flags}d`) }));
    return (p) => {
      const out = [];
      for (const { re, group, right, why } of patterns) {
        re.lastIndex = 0;
        for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
          const wrong = m[group];
          const [start, end] = m.indices![group]!;
          const fix = typeof right === 'string' ? right : right(wrong);
          out.push({ start, end, message: `"${wrong}" here is probably "${fix}": ${why}`, suggestion: fix });
        }
      }
      return out;
    };
  },
});
