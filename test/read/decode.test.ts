/** Bytes as writers' files really arrive, to the same text: encodings, byte-order marks, line ends. */
import { afterAll, describe, expect, it } from 'vitest';
import { CP1252_HIGH } from '../../src/model/cp1252.js';
import { decodeText } from '../../src/read/decode.js';
import { cleanup, compileEpub, makeBook, readEpub } from '../helpers/book.js';

afterAll(cleanup);

const TEXT = '“Café,” she said — naïve Œuvre…\nSecond line.\n';

const utf16 = (s: string, le: boolean) => {
  const b = Buffer.from(s, 'utf16le');
  if (!le) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
};
/** Windows-1252 bytes of text within its repertoire. */
const cp1252 = (s: string) => {
  return Buffer.from(
    [...s].map((ch) =>
      ch.charCodeAt(0) < 0x80 || (ch.charCodeAt(0) >= 0xa0 && ch.charCodeAt(0) <= 0xff)
        ? ch.charCodeAt(0)
        : 0x80 + CP1252_HIGH.indexOf(ch),
    ),
  );
};

describe('decoding', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT), 'utf-8', 'lf'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8-bom', 'lf'],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(TEXT, true)]), 'utf-16le', 'lf'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(TEXT, false)]), 'utf-16be', 'lf'],
    ['UTF-16 LE without a BOM', utf16(TEXT, true), 'utf-16le', 'lf'],
    ['Windows-1252', cp1252(TEXT), 'windows-1252', 'lf'],
    ['UTF-8 with CRLF', Buffer.from(TEXT.replace(/\n/g, '\r\n')), 'utf-8', 'crlf'],
    ['Windows-1252 with CRLF', cp1252(TEXT.replace(/\n/g, '\r\n')), 'windows-1252', 'crlf'],
    ['UTF-8 with old Mac CR', Buffer.from(TEXT.replace(/\n/g, '\r')), 'utf-8', 'cr'],
  ])('%s gives the same text', (_, bytes, encoding, lineEnds) => {
    const d = decodeText(bytes, 'x.txt');
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe(encoding);
    expect(d.lineEnds).toBe(lineEnds);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n...'), 'a PDF'],
    ['an old Word file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'an old Word document (.doc)'],
    ['an RTF file', Buffer.from('{\\rtf1\\ansi Hello}'), 'an RTF document'],
    ['binary data', Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x43, 0x00, 0x07, 0x00, 0x00]), 'binary data'],
  ])('refuses %s with what it looks like', (_, bytes, kind) => {
    expect(() => decodeText(bytes, 'x.txt')).toThrow(`x.txt is not a text file: it looks like ${kind}`);
  });

  it('builds a Windows-1252 chapter with a warning, and repairs mojibake in a UTF-8 one, reporting both', async () => {
    const dir = makeBook({
      'manuscript/01-old.txt': cp1252('Chapter text from an old editor: “Café.”\r\n'),
      'manuscript/02-pasted.md': '# Two\n\nShe didnâ€™t stay at the cafÃ©.\n',
    });
    const { epub, run } = await compileEpub(dir);
    expect(run.stdout).toContain('manuscript/01-old.txt is not UTF-8; read it as Windows-1252');
    expect(run.stdout).toMatch(/typography: .*mojibake 2/);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].paragraphs.join(' ')).toContain('“Café.”');
    expect(chapters[1].paragraphs.join(' ')).toContain('She didn’t stay at the café.');
  });
});
