/** One reporter for the whole program: terminal text (coloured on a TTY) or JSON. */
import type { Message } from './diagnostic.js';

export interface SourceLines {
  /** The text of a 1-based line of a file, when the file is known. */
  line(file: string, line: number): string | undefined;
}

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

const paint = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const colours: Style = {
  red: paint(31),
  yellow: paint(33),
  cyan: paint(36),
  dim: paint(2),
  bold: paint(1),
  green: paint(32),
};
const identity = (s: string) => s;
export const plain: Style = {
  red: identity,
  yellow: identity,
  cyan: identity,
  dim: identity,
  bold: identity,
  green: identity,
};

/** Word processors' documents: a place in one is its paragraph and character (`book.docx ¶214:17`). */
const DOCUMENT = /\.(docx|docm|odt)$/i;

export function location(d: Message): string {
  if (!d.file) return '';
  if (!d.start) return d.file;
  if (DOCUMENT.test(d.file)) return `${d.file} ¶${d.start.line}:${d.start.column}`;
  return `${d.file}:${d.start.line}:${d.start.column}`;
}

/**
 * `file:line:col  warning  message  rule-id`, then the source line with a caret, then the hint. With
 * `compiler`, the first line reads as compilers write it (`file:line:col: warning[rule-id]: message`), as
 * `octavo check` prints its findings for editors that jump to the place.
 */
export function formatDiagnostic(d: Message, style: Style = plain, sources?: SourceLines, compiler = false): string {
  const sev =
    d.severity === 'error'
      ? style.red('error')
      : d.severity === 'warning'
        ? style.yellow('warning')
        : style.cyan('info');
  const where = location(d);
  const parts = compiler
    ? [`${where ? `${style.bold(where)}: ` : ''}${sev}[${d.rule}]: ${d.message}`]
    : [where ? style.bold(where) : '', sev, d.message, style.dim(d.rule)].filter(Boolean);
  const lines = [parts.join('  ')];
  if (d.before !== undefined && d.after !== undefined) {
    lines.push(
      `    ${style.dim('before:')} ${JSON.stringify(d.before)}  ${style.dim('after:')} ${JSON.stringify(d.after)}`,
    );
  }
  const text = d.file && d.start && sources ? sources.line(d.file, d.start.line) : undefined;
  if (text !== undefined && d.start) {
    const width = d.end && d.end.line === d.start.line ? Math.max(1, d.end.column - d.start.column) : 1;
    // Long lines (a paragraph is often one line) are shown as a window around the place.
    const from = text.length > 100 ? Math.max(0, d.start.column - 1 - 40) : 0;
    const to = text.length > 100 ? Math.min(text.length, d.start.column - 1 + width + 40) : text.length;
    const shown = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
    const caretAt = d.start.column - 1 - from + (from > 0 ? 1 : 0);
    lines.push(`    ${shown}`);
    lines.push(`    ${' '.repeat(Math.max(0, caretAt))}${style.red('^'.repeat(Math.min(width, 60)))}`);
  }
  if (d.suggestion !== undefined) lines.push(`    ${style.dim('suggestion:')} ${style.green(d.suggestion)}`);
  if (d.hint) lines.push(`    ${style.dim('hint:')} ${d.hint}`);
  return lines.join('\n');
}

/**
 * The shape of every `--json` output: `{ version, ok, ... }`, with messages as `diagnosticJson` makes them.
 * The version goes up when a field changes meaning or goes away (new fields do not change it).
 */
export const JSON_VERSION = 1;

/** The machine-readable form used by `--json`: one plain object per message. */
export function diagnosticJson(d: Message): Record<string, unknown> {
  return {
    kind: d.kind,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    file: d.file ?? null,
    line: d.start?.line ?? null,
    column: d.start?.column ?? null,
    endLine: d.end?.line ?? null,
    endColumn: d.end?.column ?? null,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    ...(d.before !== undefined ? { before: d.before, after: d.after } : {}),
  };
}
