/**
 * Bytes to text, as writers' files really arrive: UTF-8 with or without a BOM, UTF-16 by its BOM (or by
 * its zero bytes when it has none), and Windows-1252 when the bytes are not valid UTF-8 (a file saved by
 * an old Windows editor). Line ends (CRLF, CR) become LF; line numbers stay those an editor shows. A
 * binary file (a Word document, a PDF) is refused with what to do instead.
 */
import { BookError } from '../diagnostics/diagnostic.js';
import { CP1252_HIGH } from '../model/cp1252.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** The line ends the file used. */
  lineEnds: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
}

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte-order mark',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
};

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i; // truncated sequence at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Node's TextDecoder reads the label "windows-1252" as Latin-1 (no curly quotes): decoded here instead. */
function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/** UTF-16 without a byte-order mark: in Latin text every other byte is zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > 0.4 * pairs && even < 0.05 * pairs) return 'utf-16le';
  if (even > 0.4 * pairs && odd < 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/** What a binary file most likely is, from its first bytes. */
function binaryKind(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  if (head.startsWith('PK\u0003\u0004'))
    return 'a Word document (.docx), an OpenDocument text (.odt) or another zip file';
  if (head.startsWith('%PDF')) return 'a PDF';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'an old Word document (.doc)';
  if (head.startsWith('{\\rtf')) return 'an RTF document';
  return bytes.subarray(0, 8192).includes(0) ? 'binary data' : undefined;
}

function lineEndsOf(text: string): Decoded['lineEnds'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf && 'crlf', cr && 'cr', lf && 'lf'].filter(Boolean) as ('crlf' | 'cr' | 'lf')[];
  return kinds.length === 0 ? 'none' : kinds.length === 1 ? kinds[0] : 'mixed';
}

function normalised(text: string, encoding: Encoding): Decoded {
  const lineEnds = lineEndsOf(text);
  return { text: lineEnds === 'lf' || lineEnds === 'none' ? text : text.replace(/\r\n?/g, '\n'), encoding, lineEnds };
}

export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return normalised(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return normalised(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  const sixteen = utf16WithoutBom(bytes);
  if (sixteen) return normalised(new TextDecoder(sixteen).decode(bytes), sixteen);
  const binary = binaryKind(bytes);
  if (binary) {
    throw new BookError({
      rule: 'not-text',
      message: `${file} is not a text file: it looks like ${binary}`,
      file,
      hint:
        'Save the chapter as plain text (.txt) or Markdown (.md): in Word, File, Save As, Plain Text, encoding ' +
        'UTF-8.',
    });
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // Not UTF-8: an old Windows editor's Windows-1252 (Latin-1's printable characters and the curly quotes).
  if (invalidUtf8Offset(body) !== -1) return normalised(windows1252(body), 'windows-1252');
  return normalised(new TextDecoder('utf-8').decode(body), bom ? 'utf-8-bom' : 'utf-8');
}
