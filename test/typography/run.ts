/** Runs the typography engine on Markdown text, as the pipeline would, and returns what a reader sees. */
import { bookMatter } from '../../src/structure/matter.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { plainText, type Book, type Block } from '../../src/model/book.js';
import { LineIndex } from '../../src/model/position.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { markSceneBreaks } from '../../src/structure/scene-breaks.js';
import { typeset } from '../../src/typography/engine.js';

export function typo(markdown: string, language = 'en', rules: Record<string, unknown> = {}) {
  const lines = new LineIndex(markdown);
  const blocks: Block[] = markSceneBreaks(
    parseMarkdown(markdown, { file: 'ch.md', lines, bodyLine: 0, diagnostics: new Diagnostics() }),
  );
  const metadata = {
    title: 'T',
    creators: [],
    language,
    identifier: 'x',
    isbn: {},
    subjects: [],
    modified: '2000-01-01T00:00:00Z',
  };
  const book: Book = {
    metadata,
    matter: bookMatter(metadata),
    chapters: [{ id: 'ch-001', kind: 'chapter', title: [], blocks, source: 'ch.md', pos: lines.span('ch.md', 0, 0) }],
    assets: new Map(),
  };
  const changes = typeset(book, { language, rules, locate: (_f, o) => lines.position(o) });
  const texts = blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? plainText(b.children) : ''));
  // Set again: a second pass over the result must change nothing.
  const again = typeset(book, { language, rules, locate: (_f, o) => lines.position(o) });
  return { text: texts.join('\n\n'), changes, again, blocks };
}
