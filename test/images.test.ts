import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, epubcheck, makeBook, png, readEpub } from './helpers/book.js';

afterAll(cleanup);

describe('covers and images', () => {
  it('uses assets/cover.png as the cover image and the first page, and keeps the EPUB valid', async () => {
    const dir = makeBook({
      'manuscript/01.md':
        '# One\n\nThe map:\n\n![A map of the island, with the harbour in the north](assets/map.png)\n\nAnd a ' +
        '*small* one inline ![](../assets/map.png) here.\n',
      'assets/cover.png': png(160, 240),
      'assets/map.png': png(40, 30),
    });
    const { epub } = await compileEpub(dir);
    const verdict = await epubcheck(epub);
    expect(verdict.messages).toEqual([]);
    const { opf, files, chapters } = await readEpub(epub);
    const cover =
      /<item id="(img-[0-9a-f]{12})" href="images\/\1\.png" media-type="image\/png" properties="cover-image" \/>/.exec(
        opf,
      );
    expect(cover).not.toBeNull();
    expect(opf).toContain(`<meta name="cover" content="${cover![1]}" />`);
    expect(opf.indexOf('<itemref idref="cover" />')).toBeLessThan(opf.indexOf('<itemref idref="titlepage" />'));
    expect(files.get('OEBPS/cover.xhtml')).toContain('alt="Cover of Test Book by Ada Writer"');
    // The map is stored once although the chapter refers to it twice, by two different paths.
    const images = [...files.keys()].filter((f) => f.startsWith('OEBPS/images/'));
    expect(images).toHaveLength(2);
    expect(chapters[0].xhtml).toMatch(
      /<figure><img src="images\/img-[0-9a-f]{12}\.png" alt="A map of the island, with the harbour in the north" \/><\/figure>/,
    );
    expect(chapters[0].xhtml).toMatch(
      /<em>small<\/em> one inline <img src="images\/img-[0-9a-f]{12}\.png" alt="" \/> here\./,
    );
    expect(opf).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
  });

  it('refuses an image that is not one, naming the file', async () => {
    const dir = makeBook({ 'manuscript/01.md': '# One\n\n![x](assets/notes.png)\n', 'assets/notes.png': 'just text' });
    const { octavo, tempDir } = await import('./helpers/book.js');
    const run = await octavo(['compile', dir, '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      'manuscript/01.md:3:1  error  the image assets/notes.png is not a JPEG, PNG or GIF file  bad-image',
    );
  });
});
