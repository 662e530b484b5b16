/**
 * The writer's own fonts in print (book.yaml print.font): used and embedded, small capitals made when the
 * face has none, a warning for a face the text needs and the writer did not give, and a clear error for
 * a file that is no usable font.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import * as fontkit from 'fontkit';
import { cleanup, compilePdf, makeBook, octavo, tempDir } from '../helpers/book.js';
import { Shaper } from '../../src/pdf/layout/shaper.js';

afterAll(cleanup);

const req = createRequire(import.meta.url);
const hasPdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
const LORA = path.dirname(req.resolve('@expo-google-fonts/lora/package.json'));
const loraRegular = fs.readFileSync(path.join(LORA, '400Regular/Lora_400Regular.ttf'));
const loraItalic = fs.readFileSync(path.join(LORA, '400Regular_Italic/Lora_400Regular_Italic.ttf'));

const CHAPTER =
  '# One\n\nIt was a *dark* night, and the first words of the chapter open in small capitals.\n\n* * *\n\nThe fog ' +
  'rolled in.\n';

function fontBook(fontYaml: string, files: Record<string, string | Uint8Array> = {}, chapter = CHAPTER): string {
  return makeBook({
    'book.yaml': `title: "Fog"\nauthor: "A. Writer"\nlanguage: en\nprint:\n  font:\n${fontYaml}`,
    'manuscript/01-one.md': chapter,
    'assets/fonts/Lora-Regular.ttf': loraRegular,
    'assets/fonts/Lora-Italic.ttf': loraItalic,
    ...files,
  });
}

/** BaseFont and whether an embedded font file is present, for every font in the PDF. */
async function fontsOf(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = obj
      .get(PDFName.of('FontName'))!
      .toString()
      .replace(/^\/[A-Z]{6}\+/, '');
    out.push({ name, embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((k) => obj.has(PDFName.of(k))) });
  }
  return out;
}

const BOTH = '    regular: assets/fonts/Lora-Regular.ttf\n    italic: assets/fonts/Lora-Italic.ttf\n';

describe("the writer's fonts", () => {
  it('sets the book in them, embedded, and in no other face', async () => {
    const { pdf, run } = await compilePdf(fontBook(BOTH));
    const fonts = await fontsOf(pdf);
    expect(fonts.map((f) => f.name).sort()).toEqual(['Lora-Italic', 'Lora-Regular']);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    // The text has no bold: no warning about the bold face the writer did not give.
    expect(run.stdout).not.toContain('font-face-missing');
  }, 60_000);

  it.skipIf(!hasPdftotext)(
    'makes small capitals from capitals when the face has none, and an ornament the face has',
    async () => {
      const { pdf } = await compilePdf(fontBook(BOTH));
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
      expect(text).toContain('IT WAS a dark night');
      // Lora has no fleuron (❧): the scene break is an asterism or asterisks, never a missing glyph.
      expect(fontkit.create(loraRegular).hasGlyphForCodePoint(0x2767)).toBe(false);
      expect(text).toMatch(/⁂|\*\s*\*\s*\*/);
    },
    60_000,
  );

  it('warns when the text needs a face the writer did not give', async () => {
    const { run } = await compilePdf(fontBook(BOTH, {}, '# One\n\nA **bold** claim.\n'));
    expect(run.stdout).toContain(
      'print.font names no bold face, and the book has bold (strong) text: it is set in the regular face',
    );
    expect(run.stdout).toContain('font-face-missing');
  }, 60_000);

  it('shapes the face exactly as fontkit does, contextual alternates and all', () => {
    const faces = {
      regular: fontkit.create(loraRegular),
      italic: fontkit.create(loraItalic),
      bold: fontkit.create(loraRegular),
      boldItalic: fontkit.create(loraItalic),
      display: fontkit.create(loraRegular),
      symbol: fontkit.create(loraRegular),
    };
    const shaper = new Shaper(faces);
    const words =
      'office affluent fjord The quick brown fox jumps over the lazy dog’s “quoted” 1984 naïve façade Œuvre—dash…'.split(
        ' ',
      );
    for (const face of ['regular', 'italic'] as const) {
      for (const w of words) {
        const theirs = faces[face].layout(w);
        const ours = shaper.shape(w, { face, smallCaps: false });
        expect(ours.glyphs).toEqual(theirs.glyphs.map((g) => g.id));
        expect(ours.advances).toEqual(theirs.positions.map((p) => p.xAdvance));
      }
    }
  });

  /** Lora with its OS/2 fsType set to the given value. */
  function withFsType(fsType: number): Uint8Array {
    const data = new Uint8Array(loraRegular);
    const view = new DataView(data.buffer);
    for (let i = 0; i < view.getUint16(4); i++) {
      const at = 12 + 16 * i;
      if (String.fromCharCode(...data.subarray(at, at + 4)) === 'OS/2')
        view.setUint16(view.getUint32(at + 8) + 8, fsType);
    }
    return data;
  }

  it.each([
    [
      'a web font',
      { 'assets/fonts/Lora-Regular.ttf': new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) },
      'print.font.regular: assets/fonts/Lora-Regular.ttf is a web font (WOFF), which PDF cannot embed',
    ],
    [
      'not a font',
      { 'assets/fonts/Lora-Regular.ttf': 'Chapter One\n' },
      'print.font.regular: assets/fonts/Lora-Regular.ttf is not a TrueType or OpenType font',
    ],
    [
      'a font whose licence forbids embedding',
      { 'assets/fonts/Lora-Regular.ttf': withFsType(0x0002) },
      'may not be embedded in a document (its maker marked it "restricted licence")',
    ],
    [
      'a font that may not be subset',
      { 'assets/fonts/Lora-Regular.ttf': withFsType(0x0100) },
      'may only be embedded whole',
    ],
  ])('refuses %s with a clear error and writes no PDF', async (_, files, message) => {
    const out = tempDir();
    const run = await octavo(['compile', fontBook(BOTH, files as Record<string, Uint8Array>), '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('allows a font whose licence permits print and preview embedding', async () => {
    const { pdf } = await compilePdf(fontBook(BOTH, { 'assets/fonts/Lora-Regular.ttf': withFsType(0x0004) }));
    expect((await fontsOf(pdf)).map((f) => f.name)).toContain('Lora-Regular');
  }, 60_000);

  it('refuses a font file that is missing or outside the book folder', async () => {
    const missing = await octavo(['compile', fontBook('    regular: assets/fonts/Nope.ttf\n'), '--out', tempDir()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('print.font.regular: assets/fonts/Nope.ttf does not exist');
    const outside = await octavo(['compile', fontBook('    regular: ../elsewhere/Lora.ttf\n'), '--out', tempDir()]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('points outside the book folder');
  });

  it('names the keys print.font takes', async () => {
    const run = await octavo([
      'compile',
      fontBook('    regular: assets/fonts/Lora-Regular.ttf\n    italics: assets/fonts/Lora-Italic.ttf\n'),
      '--out',
      tempDir(),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown key "print.font.italics"');
    expect(run.stderr).toContain('Did you mean "print.font.italic"?');
  });
});
