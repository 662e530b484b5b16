/**
 * Each reader's model of a small source, as golden files: what a reader hands over (blocks, inlines, notes,
 * places) is reviewed when it changes (`npx vitest run test/golden.test.ts -u` writes the files again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, Inline } from '../src/model/book.js';
import type { Span } from '../src/model/position.js';
import { loadBook } from '../src/pipeline.js';
import { ao3Html, BACKSTAGE } from './archive/ao3.js';
import { cleanup, makeBook, ROOT } from './helpers/book.js';

afterAll(cleanup);

const GOLDEN = path.join(ROOT, 'test', 'golden');
const at = (pos: Span) => `${pos.start.line}:${pos.start.column}-${pos.end.line}:${pos.end.column}`;

/** Inlines as one line: text in quotes, markup as its name around its children. */
function inlines(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return JSON.stringify(n.value);
        case 'code':
          return `code(${JSON.stringify(n.value)})`;
        case 'lineBreak':
          return 'br';
        case 'image':
          return `image(${JSON.stringify(n.alt)})`;
        case 'link':
          return `link[${n.href}](${inlines(n.children)})`;
        case 'noteRef':
          return `${n.note.kind}[${n.note.marker}](${n.note.blocks.map((b) => blocks([b], 0).join(' ')).join(' | ')})`;
        default:
          return `${n.type}(${inlines(n.children)})`;
      }
    })
    .join(' ');
}

/** Blocks as indented lines, each with its place in the source. */
function blocks(list: Block[], depth = 1): string[] {
  const pad = '  '.repeat(depth);
  return list.flatMap((b): string[] => {
    const head = `${pad}${b.type}${'role' in b ? `:${b.role}` : ''} @${at(b.pos)}`;
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return [`${head} ${inlines(b.children)}`];
      case 'blockQuote':
      case 'note':
        return [head, ...blocks(b.children, depth + 1)];
      case 'list':
        return [head, ...b.items.flatMap((item) => blocks(item, depth + 1))];
      case 'figure':
        return [`${head} ${JSON.stringify(b.alt)}`];
      case 'table':
        return [
          head,
          ...b.rows.map(
            (r) => `${pad}  | ${r.map((c) => `${c.header ? '*' : ''}${inlines(c.children)}`).join(' | ')} |`,
          ),
        ];
      default:
        return [head];
    }
  });
}

function model(target: string): string {
  const { book } = loadBook(target, { sourceDateEpoch: 0 });
  const lines = [`title: ${book.metadata.title}`, `authors: ${book.metadata.creators.map((c) => c.name).join(', ')}`];
  for (const c of book.chapters) {
    lines.push(`${c.kind}${c.number ? ` ${c.number}` : ''}: ${inlines(c.title) || '(no title)'} from ${c.source}`);
    lines.push(...blocks(c.blocks));
  }
  return `${lines.join('\n')}\n`;
}

const source = (name: string) => fs.readFileSync(path.join(GOLDEN, name));

describe('what each reader hands over', () => {
  it('a book folder of Markdown', async () => {
    const dir = makeBook({
      'book.yaml': 'title: "Golden"\nauthor: "A. Writer"\n',
      'manuscript/01.md': source('chapter.md'),
    });
    await expect(model(dir)).toMatchFileSnapshot(path.join(GOLDEN, 'folder-markdown.model.txt'));
  });

  it('a single plain-text file with a header, CRLF line ends and chapters inside', async () => {
    const dir = makeBook({ 'story.txt': source('story.txt') });
    await expect(model(path.join(dir, 'story.txt'))).toMatchFileSnapshot(path.join(GOLDEN, 'text-file.model.txt'));
  });

  it("an archive's HTML download, its notes as note nodes", async () => {
    const dir = makeBook({ 'work.html': ao3Html(BACKSTAGE) });
    await expect(model(path.join(dir, 'work.html'))).toMatchFileSnapshot(path.join(GOLDEN, 'archive-html.model.txt'));
  });
});
