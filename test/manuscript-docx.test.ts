/**
 * The Word manuscript (`design: manuscript`, or `--format docx`): standard manuscript format in Word's own
 * terms, read back by Octavo's Word reader and by pandoc's, every part well-formed, the same bytes each time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Block, blockNotes, plainText } from '../src/model/book.js';
import { loadBook } from '../src/pipeline.js';
import { cleanup, makeBook, octavo, tempDir } from './helpers/book.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ENV = { SOURCE_DATE_EPOCH: '1700000000' };
const LONG =
  'The lamps were lit along the quay, and the boats came in one after another with their catch, the men ' +
  'calling to each other across the water. ';
const YAML = 'title: "Harbour Lights"\nauthor: "Ann Writer"\nlanguage: en-GB\ndate: 2026\n';
const CHAPTERS = {
  'manuscript/01-quay.md':
    `# The Quay\n\n${LONG}It was *very* late.[^tide]\n\n${LONG}\n\n* * *\n\n> ${LONG}\n\n` +
    `Red or white\\\nCoarse or fine!\n\n[^tide]: The tide turned at "nine".\n`,
  'manuscript/02-boats.md': `# The Boats\n\n${LONG}\n\n${LONG}**And then they left.**\n`,
};

async function build(yaml: string, args: string[] = []) {
  const dir = makeBook({ 'book.yaml': yaml, ...CHAPTERS });
  const out = tempDir();
  const run = await octavo(['compile', dir, '--out', out, ...args], { env: ENV });
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return { dir, out, files: fs.readdirSync(out), run };
}

const texts = (blocks: Block[]) =>
  blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type === 'blockQuote' ? 'quote' : b.type));

describe('the Word manuscript', () => {
  let docxPath: string;
  let parts: Record<string, string>;
  let source: ReturnType<typeof loadBook>;
  beforeAll(async () => {
    const { dir, out, files } = await build(`${YAML}design: manuscript\n`);
    expect(files).toContain('harbour-lights.docx');
    docxPath = path.join(out, 'harbour-lights.docx');
    const zip = unzipSync(fs.readFileSync(docxPath));
    parts = Object.fromEntries(Object.entries(zip).map(([name, data]) => [name, strFromU8(data)]));
    source = loadBook(dir, { sourceDateEpoch: 1700000000 });
  }, 60_000);

  it('comes with the manuscript design, on request in any other, and not unasked', async () => {
    expect((await build(YAML)).files).not.toContain('harbour-lights.docx');
    const asked = await build(YAML, ['--format', 'docx']);
    expect(asked.files.filter((f) => !f.startsWith('.'))).toEqual(['harbour-lights.docx']);
    expect(asked.run.stdout).toContain('harbour-lights.docx');
    // The same book gives the same bytes.
    expect(fs.readFileSync(path.join(asked.out, 'harbour-lights.docx'))).toEqual(fs.readFileSync(docxPath));
  }, 60_000);

  it.skipIf(!has('python3'))(
    'is a package of well-formed parts, each one Word needs named in its content types',
    () => {
      for (const [name, xml] of Object.entries(parts)) {
        const r = spawnSync(
          'python3',
          ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'],
          {
            input: xml,
          },
        );
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      }
      const types = parts['[Content_Types].xml'];
      for (const name of Object.keys(parts).filter((n) => n.endsWith('.xml') && !n.startsWith('[')))
        expect(types, name).toContain(`PartName="/${name}"`);
      for (const target of [...parts['word/_rels/document.xml.rels'].matchAll(/Target="([^"]+)"/g)].map((m) => m[1]))
        expect(Object.keys(parts)).toContain(`word/${target}`);
    },
  );

  it('is set in standard manuscript format: Letter, inch margins, 12 pt Courier, double-spaced, half-inch indents', () => {
    const styles = parts['word/styles.xml'];
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Courier Prime"[^>]*\/><w:sz w:val="24"\/>/);
    expect(styles).toContain('<w:lang w:val="en-GB"/>');
    expect(styles).toContain('<w:spacing w:after="0" w:line="480" w:lineRule="auto"/>');
    expect(styles).toMatch(/w:styleId="Normal">.*?<w:ind w:firstLine="720"\/>/);
    // Chapters under Word's own heading 1, each on a new page.
    expect(styles).toMatch(
      /w:styleId="Heading1"><w:name w:val="heading 1"\/>.*?<w:pageBreakBefore\/>.*?<w:outlineLvl w:val="0"\/>/,
    );
    expect(parts['word/fontTable.xml']).toContain('<w:altName w:val="Courier New"/>');
    const doc = parts['word/document.xml'];
    expect(doc).toContain('<w:pgSz w:w="12240" w:h="15840"/>');
    expect(doc).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
    // No header on the cover page, which is page 0: the text starts on page 1.
    expect(doc).toContain('<w:pgNumType w:start="0"/><w:titlePg/>');
    const header = parts['word/header1.xml'];
    expect(header).toContain('Writer / Harbour Lights / </w:t>');
    expect(header).toMatch(
      /<w:fldChar w:fldCharType="begin"\/><\/w:r><w:r><w:instrText xml:space="preserve"> PAGE <\/w:instrText>/,
    );
    expect(doc).toMatch(/>about [1-9]00 words</);
  });

  it("reads back in Octavo's Word reader as the book it was made from", () => {
    const back = loadBook(docxPath, { sourceDateEpoch: 1700000000 });
    expect(back.book.metadata.title).toBe('Harbour Lights');
    expect(back.book.metadata.creators.map((c) => c.name)).toEqual(['Ann Writer']);
    const [one, two] = back.book.chapters;
    expect([plainText(one.title), plainText(two.title)]).toEqual(['The Quay', 'The Boats']);
    const made = source.book.chapters;
    expect(texts(one.blocks)).toEqual(texts(made[0].blocks));
    // The last chapter ends with END.
    expect(texts(two.blocks)).toEqual([...texts(made[1].blocks), 'END']);
    // Italic and bold kept, the scene break a scene break, the note a note at its reference.
    expect(JSON.stringify(one.blocks)).toMatch(/"type":"emphasis","children":\[\{"type":"text","value":"very"/);
    expect(JSON.stringify(two.blocks)).toContain('"type":"strong"');
    expect(one.blocks.map((b) => b.type)).toContain('sceneBreak');
    const [note] = blockNotes(one.blocks);
    expect(texts(note.blocks)).toEqual(texts(blockNotes(made[0].blocks)[0].blocks));
  });

  it.skipIf(!has('pandoc'))("reads in pandoc's Word reader with its headings, note and END", () => {
    const md = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown-smart', docxPath], { encoding: 'utf8' });
    expect(md).toMatch(/^# The Quay$/m);
    expect(md).toMatch(/^# The Boats$/m);
    expect(md).toMatch(/It was \*very\* late\.\[\^1\]/);
    expect(md).toMatch(/\[\^1\]: The tide turned at “nine”\./);
    expect(md.trim().split('\n').filter(Boolean).at(-2)).toBe('END');
  });
});
