/**
 * Source positions, defined once for the whole program.
 * `line` and `column` are 1-based, `offset` is 0-based; all count UTF-16 code units.
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** Where a node came from. */
export interface Span {
  file: string;
  start: Position;
  end: Position;
}

/** Maps offsets in one source text to line/column positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
  }

  /** The text of a 1-based line, without its line end. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, next).replace(/\r$/, '');
  }

  position(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.starts[lo] + 1, offset: clamped };
  }

  span(file: string, startOffset: number, endOffset: number): Span {
    return { file, start: this.position(startOffset), end: this.position(endOffset) };
  }
}
