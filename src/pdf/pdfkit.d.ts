/** The parts of pdfkit 0.20 that Octavo uses, including the internals it relies on to draw glyph runs. */
declare module 'pdfkit' {
  export interface PDFRef {
    data: Record<string, unknown>;
    end(chunk?: unknown): void;
  }
  export interface EmbeddedFont {
    id: string;
    font: import('fontkit').Font;
    subset: { includeGlyph(id: number): number };
    widths: number[];
    unicode: number[][];
    ref(): PDFRef;
  }
  interface PDFPage {
    dictionary: PDFRef;
    fonts: Record<string, PDFRef>;
    width: number;
    height: number;
  }
  interface Options {
    autoFirstPage?: boolean;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7';
    compress?: boolean;
    info?: Record<string, unknown>;
    font?: Uint8Array | string | null;
    lang?: string;
    bufferPages?: boolean;
  }
  class PDFDocument {
    constructor(options?: Options);
    page: PDFPage;
    _root: PDFRef;
    _font: EmbeddedFont;
    ref(data?: Record<string, unknown>): PDFRef;
    addPage(options: {
      size: [number, number];
      margins: { top: number; bottom: number; left: number; right: number };
    }): this;
    registerFont(name: string, src: Uint8Array): this;
    font(name: string): this;
    addContent(data: string | Uint8Array): this;
    image(src: Uint8Array, x: number, y: number, options: { width: number; height: number }): this;
    on(event: 'data', fn: (chunk: Uint8Array) => void): this;
    on(event: 'end', fn: () => void): this;
    end(): void;
  }
  export default PDFDocument;
}
