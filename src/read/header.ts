/**
 * The header block at the top of a story file ("Title / by Author / Summary: …"), as fan-fiction archives
 * and writers put one: read for the book's title and author when a single file is compiled.
 */
export interface StoryHeader {
  title?: string;
  author?: string;
  summary?: string;
  /** Lines the header takes, with the blank line after it: the story starts below them. */
  lines: number;
}

const KEY = /^(title|author|by|summary)\s*:\s*(.+)$/i;

export function readHeader(text: string): StoryHeader {
  const all = text.split('\n');
  let end = 0;
  while (end < all.length && end < 12 && all[end].trim() !== '') end++;
  // A header is a short block before the first blank line, not the story's first paragraph.
  if (end === 0 || end === all.length || all.slice(0, end).some((l) => l.length > 120)) return { lines: 0 };
  const block = all.slice(0, end).map((l) => l.trim());
  const header: StoryHeader = { lines: end + 1 };
  for (const line of block) {
    const m = KEY.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'title') header.title = m[2].trim();
    else if (key === 'summary') header.summary = m[2].trim();
    else header.author = m[2].trim();
  }
  // "Title" then "by Author", with or without keyed lines after them.
  const by = block.length >= 2 ? /^by\s+(.+)$/i.exec(block[1]) : null;
  if (by && !KEY.test(block[0])) {
    header.title ??= block[0];
    header.author ??= by[1].trim();
  }
  return header.title || header.author ? header : { lines: 0 };
}

/** "my-great_story.txt" → "My Great Story". */
export function titleFromFileName(name: string): string {
  const stem = name
    .replace(/\.[a-z]+$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return stem.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()) || 'Untitled';
}
