/**
 * A zip package (DOCX, ODT, EPUB) opened as hostile until proven otherwise: limits on the number of entries,
 * each entry's size, the total and the compression ratio, checked before anything is inflated; only the
 * entries asked for are inflated; names are never used as paths on disk. A damaged package or a file that
 * is not a zip gets a clear error, never a hang or a stack trace.
 */
import { unzipSync } from 'fflate';
import { BookError, type RuleId } from '../diagnostics/diagnostic.js';

export interface ZipLimits {
  /** Entries in the package. */
  entries: number;
  /** Uncompressed bytes of one entry. */
  entry: number;
  /** Uncompressed bytes of every entry inflated. */
  total: number;
  /** Uncompressed size over compressed size, for entries over a megabyte. */
  ratio: number;
}

export const PACKAGE_LIMITS: ZipLimits = {
  entries: 10_000,
  entry: 256 * 1024 * 1024,
  total: 512 * 1024 * 1024,
  ratio: 200,
};

export interface OpenZip {
  /** The inflated entries, by their name in the package. */
  files: Record<string, Uint8Array>;
  /** Every entry's name, inflated or not. */
  names: string[];
}

/**
 * Opens the package and inflates the entries `wanted` says yes to. `fail` says what the package is
 * meant to be in a message ("a Word document").
 */
export function openZip(
  bytes: Uint8Array,
  file: string,
  what: string,
  rule: RuleId,
  wanted: (name: string) => boolean,
  limits: ZipLimits = PACKAGE_LIMITS,
): OpenZip {
  const refuse = (why: string, hint: string): never => {
    throw new BookError({ rule, message: `${file} cannot be read as ${what}: ${why}`, file, hint });
  };
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    refuse('it is not a zip package', `Open it in the program that made it and save it again as ${what}.`);
  }
  const names: string[] = [];
  let total = 0;
  let problem: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        if (problem) return false;
        if (names.length > limits.entries) problem = `it holds more than ${limits.entries} entries`;
        if (!wanted(f.name)) return false;
        if (f.originalSize > limits.entry) problem = `${f.name} unpacks to more than ${mb(limits.entry)}`;
        else if (f.originalSize > 1024 * 1024 && f.originalSize > f.size * limits.ratio) {
          problem = `${f.name} is compressed ${Math.round(f.originalSize / Math.max(1, f.size))} to 1 (a zip bomb?)`;
        }
        total += f.originalSize;
        if (total > limits.total) problem = `its entries unpack to more than ${mb(limits.total)}`;
        return !problem;
      },
    });
  } catch (err) {
    return refuse(`the package is damaged (${(err as Error).message})`, 'Save the document again and build again.');
  }
  if (problem) refuse(problem, 'This is not a manuscript as a word processor saves one; save the document again.');
  return { files, names };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** An entry's text: UTF-8 or UTF-16 by its byte-order mark, as XML parts may be. */
export function entryText(data: Uint8Array | undefined): string | undefined {
  if (!data) return undefined;
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return new TextDecoder('utf-8').decode(data);
}
