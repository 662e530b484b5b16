/**
 * fontkit without its Brotli decoder at start: the decoder is loaded when fontkit first needs it (a WOFF2
 * file), and then decodes as the real one does.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deferBrotli, fontkitModule } from '../../src/pdf/load-fontkit.js';

const require = createRequire(import.meta.url);

describe('fontkit, loaded for a build', () => {
  it('loads the Brotli decoder only when it is called, and it then decodes', () => {
    deferBrotli();
    const fontkitDir = path.dirname(require.resolve('fontkit'));
    const entry = require.resolve('brotli/decompress.js', { paths: [fontkitDir] });
    const decoder = path.join(path.dirname(entry), 'dec', 'decode.js');
    expect(require.cache[decoder]).toBeUndefined();
    // fontkit loads, and gets the stand-in.
    expect(typeof fontkitModule().create).toBe('function');
    expect(require.cache[decoder]).toBeUndefined();
    const decompress = require(entry) as (b: Uint8Array, size?: number) => Uint8Array;
    const text = Buffer.from('The Phantom of the Opera. '.repeat(200));
    const packed = zlib.brotliCompressSync(text);
    expect(Buffer.from(decompress(packed, text.length)).equals(text)).toBe(true);
    expect(require.cache[decoder]).toBeDefined();
  });
});
