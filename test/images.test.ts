import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, epubcheck, makeBook, readEpub } from './helpers/book.js';

afterAll(cleanup);

/** A real PNG of the given size, one flat colour. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('covers and images', () => {
  it('uses assets/cover.png as the cover image and the first page, and keeps the EPUB valid', async () => {
    const dir = makeBook({
      'manuscript/01.md': '# One\n\nThe map:\n\n![A map of the island, with the harbour in the north](assets/map.png)\n\nAnd a *small* one inline ![](../assets/map.png) here.\n',
      'assets/cover.png': png(160, 240),
      'assets/map.png': png(40, 30),
    });
    const { epub } = await compileEpub(dir);
    const verdict = await epubcheck(epub);
    expect(verdict.messages).toEqual([]);
    const { opf, files, chapters } = await readEpub(epub);
    const cover = /<item id="(img-[0-9a-f]{12})" href="images\/\1\.png" media-type="image\/png" properties="cover-image" \/>/.exec(opf);
    expect(cover).not.toBeNull();
    expect(opf).toContain(`<meta name="cover" content="${cover![1]}" />`);
    expect(opf.indexOf('<itemref idref="cover" />')).toBeLessThan(opf.indexOf('<itemref idref="titlepage" />'));
    expect(files.get('OEBPS/cover.xhtml')).toContain('alt="Cover of Test Book by Ada Writer"');
    // The map is stored once although the chapter refers to it twice, by two different paths.
    const images = [...files.keys()].filter((f) => f.startsWith('OEBPS/images/'));
    expect(images).toHaveLength(2);
    expect(chapters[0].xhtml).toMatch(/<figure><img src="images\/img-[0-9a-f]{12}\.png" alt="A map of the island, with the harbour in the north" \/><\/figure>/);
    expect(chapters[0].xhtml).toMatch(/<em>small<\/em> one inline <img src="images\/img-[0-9a-f]{12}\.png" alt="" \/> here\./);
    expect(opf).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
  });

  it('refuses an image that is not one, naming the file', async () => {
    const dir = makeBook({ 'manuscript/01.md': '# One\n\n![x](assets/notes.png)\n', 'assets/notes.png': 'just text' });
    const { octavo, tempDir } = await import('./helpers/book.js');
    const run = await octavo(['compile', dir, '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('manuscript/01.md:3:1  error  the image assets/notes.png is not a JPEG, PNG or GIF file  bad-image');
  });
});
