/**
 * The build cache: what an earlier build worked out that the next one can reuse, kept in the output
 * folder (`dist/.octavo-cache/`). Nothing in it is ever trusted further than a miss: each entry carries the
 * Octavo build that wrote it, its kind, the key of the inputs it was made from and a checksum of its
 * payload. An entry for other inputs or another build is stale and not read; a file that is not a cache
 * entry, or is cut short or corrupt, is ignored with a note. Entries are written to a temporary file and
 * renamed, so two builds at once each leave a whole entry and a reader never sees half of one.
 *
 * One entry per kind: the cache holds what the last build needed, not every book the folder ever saw.
 * The payload is a structured clone (v8.serialize): data only, never code.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

export const CACHE_DIR = '.octavo-cache';
const MAGIC = 'OCTAVO-CACHE 1\n';
/** Larger than any entry Octavo writes for a book (a novel's shaped words are a few megabytes). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export interface CacheStore {
  /** The entry of this kind made from inputs with this key, when there is a sound one. */
  get<T>(kind: string, key: string): T | undefined;
  /** Keeps an entry of this kind for the next build (replacing the one there). */
  put(kind: string, key: string, value: unknown): void;
  /** What was ignored, and why: each a sentence for the report's notes. */
  readonly notes: string[];
}

interface Header {
  build: string;
  kind: string;
  key: string;
  bytes: number;
  sha256: string;
}

/** A hash of the parts of an input, for a key: text and bytes alike. */
export function hashOf(...parts: (string | Uint8Array | undefined)[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) {
    const bytes = p === undefined ? new Uint8Array(0) : typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    // Each part's length first: ("ab", "c") and ("a", "bc") are different inputs.
    h.update(`${bytes.length}:`);
    h.update(bytes);
  }
  return h.digest('hex');
}

/**
 * The store with its writes held back until `flush`: a build keeps its entries only once it has written
 * its books, so a build that fails leaves the output folder as it found it.
 */
export function deferred(store: CacheStore): CacheStore & { flush(): void } {
  const pending: [string, string, unknown][] = [];
  return {
    notes: store.notes,
    get: (kind, key) => store.get(kind, key),
    put: (kind, key, value) => {
      pending.push([kind, key, value]);
    },
    flush: () => {
      for (const [kind, key, value] of pending.splice(0)) store.put(kind, key, value);
    },
  };
}

/**
 * One entry of many small items by key (a parsed file by its name and text): what this build asks for and
 * finds, and what it adds, is what `keep` writes back, so that the entry holds the current book only.
 */
export function memoEntry<T>(
  cache: CacheStore,
  kind: string,
): { get(key: string): T | undefined; put(key: string, value: T): void; keep(): void } {
  const earlier = cache.get<Map<string, T>>(kind, 'items') ?? new Map<string, T>();
  const now = new Map<string, T>();
  let added = false;
  return {
    get(key) {
      const hit = earlier.get(key);
      if (hit !== undefined) now.set(key, hit);
      return hit;
    },
    put(key, value) {
      now.set(key, value);
      added = true;
    },
    keep() {
      if (added || now.size !== earlier.size) cache.put(kind, 'items', now);
    },
  };
}

/** A cache that keeps nothing: `--no-cache`, and builds with no output folder of their own. */
export const NO_CACHE: CacheStore = { get: () => undefined, put: () => {}, notes: [] };

const KIND = /^[a-z][a-z0-9-]*$/;

/** The cache in `dir` (created when the first entry is written) for entries made by Octavo build `build`. */
export function openCache(dir: string, build: string): CacheStore {
  const notes: string[] = [];
  const file = (kind: string) => {
    if (!KIND.test(kind)) throw new Error(`internal: cache kind ${kind}`);
    return path.join(dir, `${kind}.bin`);
  };
  const ignore = (name: string, why: string) => {
    notes.push(`ignored the build cache's ${name} (${why}); it is made again`);
    return undefined;
  };
  return {
    notes,
    get<T>(kind: string, key: string): T | undefined {
      const target = file(kind);
      let data: Buffer;
      try {
        const size = fs.statSync(target).size;
        if (size > MAX_ENTRY_BYTES) return ignore(path.basename(target), 'too large to be an entry');
        data = fs.readFileSync(target);
      } catch {
        return undefined;
      }
      const name = path.basename(target);
      if (data.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return ignore(name, 'not a cache entry');
      const end = data.indexOf(0x0a, MAGIC.length);
      let header: Header;
      try {
        header = JSON.parse(data.subarray(MAGIC.length, end).toString('utf8')) as Header;
      } catch {
        return ignore(name, 'its header is damaged');
      }
      if (header.build !== build || header.kind !== kind || header.key !== key) return undefined;
      const payload = data.subarray(end + 1);
      if (payload.length !== header.bytes) return ignore(name, 'it is cut short');
      if (crypto.createHash('sha256').update(payload).digest('hex') !== header.sha256)
        return ignore(name, 'its checksum does not match');
      try {
        return v8.deserialize(payload) as T;
      } catch {
        return ignore(name, 'it cannot be read');
      }
    },
    put(kind: string, key: string, value: unknown): void {
      const target = file(kind);
      const payload = v8.serialize(value);
      const header: Header = {
        build,
        kind,
        key,
        bytes: payload.length,
        sha256: crypto.createHash('sha256').update(payload).digest('hex'),
      };
      const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), payload]));
        fs.renameSync(tmp, target);
      } catch {
        // A cache that cannot be written (a read-only or full disk) costs the next build time, nothing else.
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}
