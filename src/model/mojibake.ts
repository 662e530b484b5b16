/**
 * Mojibake found: runs of text that was UTF-8, read once (or twice) as Windows-1252, with what they were.
 * A run counts only when its characters, taken back to Windows-1252 bytes, are exactly one or more whole
 * UTF-8 characters, none of them ASCII. Pure; the typography rule reports and applies the repairs, and the
 * structure reads headings through them.
 */
import { CP1252_HIGH } from './cp1252.js';

/** The Windows-1252 byte of a character, or -1 when it has none above 0x7F. */
function cp1252Byte(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 0xa0 && c <= 0xff) return c;
  const i = CP1252_HIGH.indexOf(ch);
  return i >= 0 ? 0x80 + i : -1;
}

/** A lead byte (Â…ô as text) followed by characters that are all Windows-1252 bytes above 0x7F. */
const RUN = new RegExp(`[\\u00c2-\\u00f4][\\u00a0-\\u00ff${CP1252_HIGH}]+`, 'g');

/** The UTF-8 text `bytes` encode, when they are whole characters and none is ASCII or a control. */
function utf8(bytes: number[]): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  return /^[^\u0000-\u009f]+$/u.test(text) ? text : undefined;
}

export interface MojibakeRun {
  start: number;
  end: number;
  /** The run as written, and what it was. */
  found: string;
  text: string;
}

export function mojibakeRuns(text: string): MojibakeRun[] {
  if (!/[\u00c2-\u00f4]/.test(text)) return [];
  const out: MojibakeRun[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    // The longest prefix of the run that decodes; what is left over stays as written.
    const bytes = [...m[0]].map(cp1252Byte);
    for (let end = bytes.length; end >= 2; end--) {
      let fixed = utf8(bytes.slice(0, end));
      // Text that went through the mistake twice (`Ã¢â‚¬â„¢` for `’`) decodes again, whole.
      for (
        let again = fixed && utf8([...fixed].map(cp1252Byte));
        fixed && again;
        again = utf8([...fixed].map(cp1252Byte))
      )
        fixed = again;
      if (fixed) {
        out.push({ start: m.index, end: m.index + end, found: m[0].slice(0, end), text: fixed });
        break;
      }
    }
  }
  return out;
}

/** The text with its mojibake repaired. */
export function repairMojibake(text: string): string {
  const runs = mojibakeRuns(text);
  if (!runs.length) return text;
  let out = '';
  let at = 0;
  for (const r of runs) {
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + text.slice(at);
}
