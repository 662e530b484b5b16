/** Table tests for every typography rule: input, what the reader gets, and idempotence. */
import { describe, expect, it } from 'vitest';
import { typo } from './run.js';

const NB = '\u00a0';
const NNB = '\u202f';

const tables: Record<string, [string, string, string?][]> = {
  mojibake: [
    ['donâ€™t', 'don’t'],
    ['cafÃ©, naÃ¯ve, Ã‰tienne', 'café, naïve, Étienne'],
    ['â€œHelloâ€\u009d, she said.', '“Hello”, she said.'],
    ['a pauseâ€¦ then', 'a pause… then'],
    ['yesâ€”no', 'yes—no'],
    ['100Â\u00a0km', '100\u00a0km'],
    // Twice through the mistake: ’ → â€™ → Ã¢â‚¬â„¢; é → Ã© → ÃƒÂ©.
    ['donÃ¢â‚¬â„¢t', 'don’t'],
    ['cafÃƒÂ©', 'café'],
    // Left as written: a real accented capital, the euro sign, a lone Â.
    ['São Paulo, Ã o', 'São Paulo, Ã o'],
    ['€100 and Â alone', '€100 and Â alone'],
  ],
  quotes: [
    ['"Hello," she said.', '“Hello,” she said.'],
    [`"He said 'no.'"`, '“He said ‘no.’”'],
    ['"I was going--"', '“I was going—”'],
    ['She cried--"Stop!"', 'She cried—“Stop!”'],
    ['"Wait..."', '“Wait…”'],
    [`"'Catarina, while you sleep,' she sang."`, '“‘Catarina, while you sleep,’ she sang.”'],
    ['"It was *really*," he said.', '“It was really,” he said.'],
    ['"It was *really," he* said.', '“It was really,” he said.'],
    ['He read "*Faust*" twice.', 'He read “Faust” twice.'],
    ['Said "no"and left.', 'Said “no”and left.'],
    ['"First paragraph of a speech.\n\n"Second paragraph."', '“First paragraph of a speech.\n\n“Second paragraph.”'],
    ['Use `"code"` here.', 'Use "code" here.'],
    ['(“Already curly”)', '(“Already curly”)'],
    ['"Hallo," sagte er.', '„Hallo,“ sagte er.', 'de'],
    // British: the level the writer typed is kept (doubles outside here, singles inside).
    ['"Hello," she said.', '“Hello,” she said.', 'en-GB'],
    [`"He said 'no.'"`, '“He said ‘no.’”', 'en-GB'],
    [`'Hello,' she said, "and 'welcome'."`, '‘Hello,’ she said, “and ‘welcome’.”', 'en-GB'],
    ['“Already curly,” and "straight."', '“Already curly,” and “straight.”', 'en-GB'],
    ["‘Typed single,’ and 'straight.'", '‘Typed single,’ and ‘straight.’', 'en-GB'],
    ['"Hello," she said.', '“Hello,” she said.', 'en-AU'],
    // A house style swaps every quote of the book, straight or curly, outer and nested, and keeps apostrophes.
    [`"He said 'no,' and didn't stay."`, '‘He said “no,” and didn’t stay.’', 'en-GB:british'],
    [
      '“Already curly,” she said, “and ‘nested’ too.”',
      '‘Already curly,’ she said, ‘and “nested” too.’',
      'en-GB:british',
    ],
    ["'Already British,' she said.", '‘Already British,’ she said.', 'en-GB:british'],
    ['“It’s the dogs’ dinner,” he said.', '‘It’s the dogs’ dinner,’ he said.', 'en-GB:british'],
    [`'He said "no," and left.'`, '“He said ‘no,’ and left.”', 'en-US:american'],
    ['‘Typed British,’ she said.', '“Typed British,” she said.', 'en:american'],
    [`"Er sagte 'nein.'"`, '„Er sagte ‚nein.‘“', 'de'],
    [`"Dijo 'no' y se fue."`, '«Dijo “no” y se fue.»', 'es'],
    [`"Disse 'no' e se ne andò."`, '«Disse “no” e se ne andò.»', 'it'],
    [`"Hij zei 'nee' en ging."`, '“Hij zei ‘nee’ en ging.”', 'nl'],
    [`"Han sa 'nej' och gick."`, '”Han sa ’nej’ och gick.”', 'sv'],
    [`"Er sagte 'nein.'"`, '«Er sagte ‹nein.›»', 'de-CH'],
    [`"Powiedział 'nie' i wyszedł."`, '„Powiedział «nie» i wyszedł.”', 'pl'],
    [`"Он сказал 'нет' и ушёл."`, '«Он сказал „нет“ и ушёл.»', 'ru'],
    ['"Already «typed» and straight," she said.', '“Already «typed» and straight,” she said.'],
  ],
  apostrophes: [
    // Dialect: inside a single quotation a word-initial ' is an elision; dropped endings close nothing.
    [`'Well,' she said, 'it's 'cause of the 'lection.'`, '‘Well,’ she said, ‘it’s ’cause of the ’lection.’'],
    [`'I 'ud go if I could,' said he.`, '‘I ’ud go if I could,’ said he.'],
    [`They come in all 'sizes, an' 'at's the truth.`, 'They come in all ’sizes, an’ ’at’s the truth.'],
    [`'I was goin' home,' she said.`, '‘I was goin’ home,’ she said.'],
    [`He went o' course 'cause o' the 'quest.`, 'He went o’ course ’cause o’ the ’quest.'],
    [`"We'll give 'em what for, an' the 'ems too."`, '“We’ll give ’em what for, an’ the ’ems too.”'],
    ["don't, can't, o'clock", 'don’t, can’t, o’clock'],
    ["the Joneses' house", 'the Joneses’ house'],
    ["'Tis the season; 'twas not.", '’Tis the season; ’twas not.'],
    ["rock 'n' roll", 'rock ’n’ roll'],
    ["back in '84, in the '90s", 'back in ’84, in the ’90s'],
    ["a cup o' tea, bread an' butter", 'a cup o’ tea, bread an’ butter'],
    ["tell 'em 'cause I said", 'tell ’em ’cause I said'],
    ["'Hello,' she said.", '‘Hello,’ she said.'],
  ],
  dashes: [
    ['yes--no', 'yes—no'],
    ['yes -- no', 'yes—no'],
    ['yes---no', 'yes—no'],
    ['yes - no', 'yes—no'],
    ['from 1880-1890', 'from 1880–1890'],
    ['see pp. 10-12.', 'see pp. 10–12.'],
    ['a well-known tip-tilted nose', 'a well-known tip-tilted nose'],
    ['ISBN 978-3-16-148410-0', 'ISBN 978-3-16-148410-0'],
    ['yes -- no', 'yes – no', 'en-GB:spaced'],
  ],
  ellipsis: [
    ['Wait...', 'Wait…'],
    ['Wait. . .', 'Wait…'],
    ['the serenade.... But', 'the serenade.… But'],
    [`"I can't just ..."`, '“I can’t just…”'],
    ['Barrels! ... Barrels!', 'Barrels!… Barrels!'],
    ['Wait ... what', 'Wait … what'],
    ['...and then', '…and then'],
  ],
  spacing: [
    ['and , the ballet mistress,decides that', 'and, the ballet mistress, decides that'],
    ['Too  many   spaces', 'Too many spaces'],
    ['Really ?', 'Really?'],
    ['the door.She left', 'the door. She left'],
    ['pi is 3.14 and 1,000 at 10:30', 'pi is 3.14 and 1,000 at 10:30'],
    ['J. R. R. Tolkien, e.g. this, i.e. that', 'J.\u00a0R. R. Tolkien, e.g. this, i.e. that'.replace('\u00a0', ' ')],
    ['see https://example.com/a,b and www.x.org/y', 'see https://example.com/a,b and www.x.org/y'],
    ['(like this )', '(like this)'],
  ],
  'no-break-spaces': [
    ['Mr. Smith and Mme. Giry met M. Poligny.', `Mr.${NB}Smith and Mme.${NB}Giry met M.${NB}Poligny.`],
    ['«Bonjour» dit-il. Vraiment?', `«${NNB}Bonjour${NNB}» dit-il. Vraiment${NNB}?`, 'fr'],
    // A ! or ? against the closing guillemet: a space before each.
    ['«Viens maintenant!»', `«${NNB}Viens maintenant${NNB}!${NNB}»`, 'fr'],
    ['«Viens maintenant !»', `«${NNB}Viens maintenant${NNB}!${NNB}»`, 'fr'],
    ['«Tu viens?» demanda-t-elle.', `«${NNB}Tu viens${NNB}?${NNB}» demanda-t-elle.`, 'fr'],
    ['Il dit : «Oui.»', `Il dit${NB}: «${NNB}Oui.${NNB}»`, 'fr'],
    [
      '"Viens !" cria-t-il ; puis : "Vite !"',
      `«${NNB}Viens${NNB}!${NNB}» cria-t-il${NNB}; puis${NB}: «${NNB}Vite${NNB}!${NNB}»`,
      'fr',
    ],
    ['Quoi?! Déjà?', `Quoi${NNB}?! Déjà${NNB}?`, 'fr'],
    // book.yaml no-break-spaces: full sets full no-break spaces where the default sets narrow ones.
    [
      '«Tu viens?» demanda-t-elle ; puis : «Oui !»',
      `«${NB}Tu viens${NB}?${NB}» demanda-t-elle${NB}; puis${NB}: «${NB}Oui${NB}!${NB}»`,
      'fr:full',
    ],
  ],
  corrections: [
    ['his immanent departure', 'his imminent departure'],
    ['the immanent God of Spinoza', 'the immanent God of Spinoza'],
    ['Alot of people, alot of time', 'A lot of people, a lot of time'],
    ['on her tip toes', 'on her tiptoes'],
    ['She will definately recieve it', 'She will definitely receive it'],
  ],
  'doubled-words': [
    // Slips from a real typo'd delivery: articles, prepositions, conjunctions typed twice.
    ["in front of the the stage-door-keeper's box", 'in front of the stage-door-keeper’s box'],
    ['lowering her voice and and looking', 'lowering her voice and looking'],
    ['never be able to to recite my speech', 'never be able to recite my speech'],
    ['Moncharmin, a a little man', 'Moncharmin, a little man'],
    ['The the door was shut.', 'The door was shut.'],
    ['feathers in in her hat', 'feathers in her hat'],
    // Meant, or not certain: left for octavo check.
    ['He had had enough.', 'He had had enough.'],
    ['She said that that was all.', 'She said that that was all.'],
    ['He gave her her coat.', 'He gave her her coat.'],
    ['What it was was a mistake.', 'What it was was a mistake.'],
    ['He came in in the evening, and went on on foot.', 'He came in in the evening, and went on on foot.'],
    ['the, the', 'the, the'],
    ['Theme theme', 'Theme theme'],
    // Other languages are not English: "de de" and "la la" can be meant.
    ['la la la', 'la la la', 'fr'],
    ['the the', 'the the', 'fr'],
  ],
  unicode: [
    ['Cafe\u0301 noir', 'Café noir'],
    ['bell\u0007 here', 'bell here'],
    ['typed \\&mdash; and \\&#8217; and \\&AMP;', 'typed — and ’ and &'],
    ['a \\&#7; stays', 'a &#7; stays'],
  ],
};

describe.each(Object.entries(tables))('%s', (rule, rows) => {
  it.each(rows)('%j → %j', (input, output, lang = 'en') => {
    const [language, option] = lang.split(':');
    const result = typo(input, language, option ? { [rule]: option } : {});
    expect(result.text).toBe(output);
    expect(result.again).toEqual([]);
  });
});

describe('the engine', () => {
  it('reports each change with its place, rule, before and after', () => {
    const { changes } = typo('First line.\n\nShe had seen his immanent departure.');
    const c = changes.find((d) => d.rule === 'corrections')!;
    expect(c).toMatchObject({
      severity: 'info',
      file: 'ch.md',
      start: { line: 3, column: 18 },
      end: { line: 3, column: 26 },
      before: 'immanent',
      after: 'imminent',
    });
  });

  it('finds the place inside emphasis and after escapes', () => {
    const { changes } = typo('A *bold\\* move*, said--he.');
    const dash = changes.find((d) => d.rule === 'dashes')!;
    expect(dash.start).toMatchObject({ line: 1, column: 22 });
  });

  it('changes nothing for a rule switched off', () => {
    const { text, changes } = typo('"Don\'t," she said--softly...', 'en', { quotes: false, apostrophes: false });
    expect(text).toBe('"Don\'t," she said—softly…');
    expect(changes.map((c) => c.rule).sort()).toEqual(['dashes', 'ellipsis']);
  });

  it("switches a single correction off, and adds the writer's own", () => {
    expect(typo('alot of teh time', 'en', { corrections: { alot: false, teh: 'the' } }).text).toBe('alot of the time');
  });

  it('leaves a passage between octavo-off and octavo-on as written', () => {
    const { text } = typo(
      '"Quoted."\n\n<!-- octavo-off -->\n\n"Dialect--as written..."\n\n<!-- octavo-on -->\n\n"Again."',
    );
    expect(text.split('\n\n').filter(Boolean)).toEqual(['“Quoted.”', '"Dialect--as written..."', '“Again.”']);
  });

  it('sets verse typed as quoted short lines as one stanza', () => {
    const { blocks } = typo(
      '> "Vain! In vain do I call,\n>\n> On creation and its Lord!\n>\n> No sign! No single word!"\n',
    );
    const quote = blocks[0] as Extract<(typeof blocks)[number], { type: 'blockQuote' }>;
    expect(quote.children).toHaveLength(1);
    expect(quote.children[0].type).toBe('paragraph');
  });
});
