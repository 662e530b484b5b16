/** Front matter through gray-matter, with only a safe YAML engine: `---js` and friends never run. */
import matter from 'gray-matter';
import { BookError } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../config/load.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The text after the front matter. */
  body: string;
  /** Offset of `body` in the original text. */
  bodyOffset: number;
  /** Number of lines before `body` (0 when there is no front matter). */
  bodyLine: number;
}

const LANGUAGE_NAMES: Record<string, string> = {
  js: 'JavaScript',
  javascript: 'JavaScript',
  coffee: 'CoffeeScript',
  coffeescript: 'CoffeeScript',
};

function refuse(language: string, file: string): never {
  throw new BookError({
    rule: 'unsafe-front-matter',
    message: `front matter in ${language} is not allowed: Octavo never runs code from a manuscript`,
    file,
    start: { line: 1, column: 1, offset: 0 },
    hint: 'Write the front matter as YAML: start the file with a line "---", then key: value lines, then "---".',
  });
}

function safeYaml(src: string, file: string): object {
  const { value } = parseYaml(src, file, 1);
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new BookError({
      rule: 'invalid-front-matter',
      message: 'front matter must be key: value lines',
      file,
      start: { line: 2, column: 1, offset: 4 },
      hint: 'Write it as lines such as: title: "The Storm"',
    });
  }
  return (value ?? {}) as object;
}

export function readFrontMatter(text: string, file: string): FrontMatter {
  if (!text.startsWith('---')) return { data: {}, body: text, bodyOffset: 0, bodyLine: 0 };
  const firstLine = text.slice(3, text.search(/\r?\n|$/)).trim();
  const language = firstLine.toLowerCase();
  if (language && !['yaml', 'yml', 'json'].includes(language)) refuse(LANGUAGE_NAMES[language] ?? firstLine, file);
  // gray-matter caches by input; pass a fresh options object so each file is parsed on its own.
  const parsed = matter(text, {
    language: 'yaml',
    engines: {
      yml: (src: string) => safeYaml(src, file),
      yaml: (src: string) => safeYaml(src, file),
      js: () => refuse('JavaScript', file),
      javascript: () => refuse('JavaScript', file),
      coffee: () => refuse('CoffeeScript', file),
      coffeescript: () => refuse('CoffeeScript', file),
      json: (src: string) => {
        try {
          return JSON.parse(src) as object;
        } catch {
          throw new BookError({
            rule: 'invalid-front-matter',
            message: 'front matter is not valid JSON',
            file,
            start: { line: 1, column: 1, offset: 0 },
          });
        }
      },
    },
  } as never);
  const body = parsed.content;
  const bodyOffset = text.length - body.length;
  let bodyLine = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < bodyOffset; i = text.indexOf('\n', i + 1)) bodyLine++;
  return { data: parsed.data as Record<string, unknown>, body, bodyOffset, bodyLine };
}
