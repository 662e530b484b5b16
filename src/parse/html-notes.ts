/**
 * Footnotes and endnotes in HTML, as the tools that write HTML mark them: EPUB 3's `epub:type="noteref"`
 * and `footnote`/`endnote` asides, DPUB-ARIA roles (`doc-noteref`, `doc-footnote`, `doc-endnotes`), pandoc's
 * `footnote-ref` links and its `footnotes` section, Word's "Save as Web Page" (`_ftn1`, `mso-element:
 * footnote`), Google Docs' export (`ftnt1`, `ftnt_ref1`) and calibre's conversions of them, where only the
 * link remains: a short marker ("1", "[2]", "*") linking to a place later in the book that links back.
 *
 * Found once over a whole document, before it is converted (a chapter's reference may point into a notes
 * file at the book's end): which links are references, which element holds each note's text, and what is
 * left out of the running text (the notes themselves, their back-links and markers, the emptied notes
 * section with its rule and heading). Pure: the parsed tree in, the index out; the tree is not changed.
 */
import type { HtmlElement as Element, HtmlNode as Node } from './html.js';
import type { NoteKind } from '../model/book.js';

export interface HtmlNoteRef {
  /** The element whose content is the note (an aside, a list item, a paragraph, Word's div). */
  body: Element;
  kind: NoteKind;
}

export interface HtmlNotes {
  /** Reference links, by element. */
  refs: Map<Element, HtmlNoteRef>;
  /** Elements left out wherever they stand: the notes (read through their references), their markers and
   * back-links, and an emptied notes section. */
  hidden: Set<Element>;
  /** Note bodies whose leading marker was left out (the punctuation after it goes too: "1. Text"). */
  marked: Set<Element>;
}

const isElement = (n: Node): n is Element => n.type === 'tag';

const words = (value: string | undefined) => (value ?? '').toLowerCase().split(/\s+/);
const epubType = (el: Element) => words(el.attribs['epub:type']);
const role = (el: Element) => words(el.attribs.role);

/** What a reference shows: a number, a letter or Roman numeral, or a symbol, bracketed or not. */
const MARKER = /^[([]?\s*(?:\d{1,4}|[a-z]|[ivxlc]{1,6}|[*†‡§¶#‖]{1,3})\s*[)\]]?$/i;

/** A link that says it is a reference. */
function saysRef(a: Element): boolean {
  return (
    epubType(a).includes('noteref') ||
    role(a).includes('doc-noteref') ||
    /\b(?:footnote-?ref|noteref|fnref|footnote-link|endnote-?ref)\b/i.test(a.attribs.class ?? '')
  );
}

/** An element (or one of its near ancestors) that says it holds a note, and which kind. */
function saysNote(el: Element): NoteKind | undefined {
  let at: Element | null = el;
  for (let k = 0; at && k < 4; k++, at = parentElement(at)) {
    const types = epubType(at);
    const roles = role(at);
    if (types.some((t) => t === 'endnote' || t === 'rearnote' || t === 'endnotes' || t === 'rearnotes'))
      return 'endnote';
    if (roles.includes('doc-endnote') || roles.includes('doc-endnotes')) return 'endnote';
    if (types.includes('footnote') || types.includes('footnotes') || types.includes('note')) return 'footnote';
    if (roles.includes('doc-footnote')) return 'footnote';
    const cls = at.attribs.class ?? '';
    if (/\bendnotes?\b/i.test(cls)) return 'endnote';
    if (/\bfootnotes?\b/i.test(cls)) return 'footnote';
    const style = at.attribs.style ?? '';
    if (/mso-element\s*:\s*endnote/i.test(style)) return 'endnote';
    if (/mso-element\s*:\s*footnote/i.test(style)) return 'footnote';
    const id = at.attribs.id ?? at.attribs.name ?? '';
    if (/^_?edn\d+$/i.test(id)) return 'endnote';
    if (/^(?:_?ftn|ftnt|fn|footnote)[-_]?\d+$/i.test(id)) return 'footnote';
  }
  return undefined;
}

function parentElement(el: Element): Element | null {
  const p = el.parent as Node | null;
  return p && isElement(p) ? p : null;
}

/** A node's text, its descendants' text nodes in order, read without recursion. */
export function textOf(node: Node): string {
  const out: string[] = [];
  const todo: Node[] = [node];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type === 'text') out.push(n.data);
    else if ('children' in n) for (let k = n.children.length - 1; k >= 0; k--) todo.push(n.children[k] as Node);
  }
  return out.join('');
}

/** Every element under `nodes`, in document order, without recursion. */
function elementsOf(nodes: Node[]): Element[] {
  const out: Element[] = [];
  const todo: Node[] = [...nodes].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    if (!isElement(n)) continue;
    out.push(n);
    for (let k = n.children.length - 1; k >= 0; k--) todo.push(n.children[k] as Node);
  }
  return out;
}

const fragmentOf = (href: string | undefined): string | undefined => {
  const at = href?.indexOf('#') ?? -1;
  if (at < 0 || !href) return undefined;
  try {
    return decodeURIComponent(href.slice(at + 1));
  } catch {
    return href.slice(at + 1);
  }
};

const within = (el: Element, ancestor: Element): boolean => {
  for (let at: Element | null = el; at; at = parentElement(at)) if (at === ancestor) return true;
  return false;
};

const BLOCKS = new Set(['p', 'div', 'li', 'aside', 'section', 'dd', 'td', 'blockquote', 'body', 'footer']);
/** Elements a note's text may be held in, whole: climbing stops at them. */
const NOTE_HOLDERS = new Set(['li', 'aside', 'dd', 'footer']);

export function findHtmlNotes(nodes: Node[]): HtmlNotes {
  const all = elementsOf(nodes);
  const order = new Map(all.map((el, k) => [el, k]));
  const byId = new Map<string, Element[]>();
  for (const el of all) {
    for (const key of [el.attribs.id, el.name === 'a' ? el.attribs.name : undefined]) {
      if (!key) continue;
      const list = byId.get(key);
      if (list) list.push(el);
      else byId.set(key, [el]);
    }
  }
  /** The element a fragment names: of several with that id (an EPUB's files joined), the first after `from`. */
  const target = (id: string, from: Element): Element | undefined => {
    const list = byId.get(id);
    if (!list) return undefined;
    const at = order.get(from)!;
    return list.find((el) => order.get(el)! > at) ?? list[list.length - 1];
  };
  /** Links back from inside `body` to the reference `a` (to it, or to its wrapper). */
  const linksBack = (body: Element, a: Element): Element[] => {
    const names = new Set<string>();
    for (let at: Element | null = a, k = 0; at && k < 3; at = parentElement(at), k++) {
      if (at.attribs.id) names.add(at.attribs.id);
      if (at.attribs.name) names.add(at.attribs.name);
    }
    return elementsOf(body.children as Node[]).filter(
      (el) =>
        el.name === 'a' &&
        (names.has(fragmentOf(el.attribs.href) ?? '\u0000') ||
          role(el).includes('doc-backlink') ||
          /\bfootnote-?back\b/i.test(el.attribs.class ?? '')),
    );
  };

  const refs = new Map<Element, HtmlNoteRef>();
  const hidden = new Set<Element>();
  const marked = new Set<Element>();
  const candidates: { a: Element; t: Element; kind: NoteKind | undefined; strong: boolean }[] = [];
  for (const a of all) {
    if (a.name !== 'a') continue;
    const id = fragmentOf(a.attribs.href);
    if (!id) continue;
    const t = target(id, a);
    if (!t || within(t, a) || within(a, t)) continue;
    const kind = saysNote(t);
    const strong = saysRef(a) || (kind !== undefined && MARKER.test(textOf(a).trim()));
    const weak = MARKER.test(textOf(a).trim()) && order.get(t)! > order.get(a)! && superscripted(a);
    if (strong || weak) candidates.push({ a, t, kind, strong });
  }
  const targets = new Set(candidates.map((c) => c.t));
  const refAnchors = new Set(candidates.map((c) => c.a));
  for (const { a, t, kind, strong } of candidates) {
    const body = noteBody(t, a, targets, refAnchors);
    if (!body) continue;
    const back = linksBack(body, a);
    // Without a sign of its own, a link is a reference only when its note links back to it.
    if (!strong && !back.length) continue;
    refs.set(a, { body, kind: kind ?? 'footnote' });
    hidden.add(body);
    for (const b of back) hidden.add(wrapperOf(b, body));
    if (t !== body && MARKER.test(textOf(t).trim())) {
      hidden.add(wrapperOf(t, body));
      marked.add(body);
    } else if (back.some((b) => startsBody(b, body))) marked.add(body);
  }
  hideEmptied(refs, hidden);
  return { refs, hidden, marked };
}

/** A reference stands raised: in a <sup> or holding one, or styled as Word's and Google Docs' are. */
function superscripted(a: Element): boolean {
  const raised = (el: Element) =>
    el.name === 'sup' ||
    /vertical-align\s*:\s*super/i.test(el.attribs.style ?? '') ||
    /\bMso(?:Foot|End)noteReference\b/.test(el.attribs.class ?? '');
  const p = parentElement(a);
  return (p !== null && raised(p)) || elementsOf([a]).some(raised);
}

/**
 * The element whose content is the note a link targets: the target itself when it holds text (an aside, a
 * list item), else its nearest block; a paragraph climbs to the div around it when that div holds this
 * note alone (Word's and Google Docs' note divs, several paragraphs long).
 */
function noteBody(t: Element, a: Element, targets: Set<Element>, refs: Set<Element>): Element | undefined {
  let body: Element | null = t;
  while (body && !BLOCKS.has(body.name)) body = parentElement(body);
  if (!body || body.name === 'body' || within(a, body)) return undefined;
  while (!NOTE_HOLDERS.has(body.name)) {
    const up = parentElement(body);
    if (!up || (up.name !== 'div' && up.name !== 'section') || within(a, up)) break;
    // A div with a rule or a heading in it is a list of notes, not one note.
    if (up.children.some((c) => isElement(c) && /^(?:hr|br|h[1-6])$/.test(c.name))) break;
    const inside = elementsOf(up.children as Node[]);
    if (inside.some((el) => el !== t && el !== body && targets.has(el) && !within(el, body!))) break;
    if (inside.some((el) => refs.has(el) && !within(el, body!))) break;
    body = up;
  }
  return body;
}

/** A marker or back-link together with the <sup> or brackets-only wrapper around it. */
function wrapperOf(el: Element, body: Element): Element {
  let at = el;
  for (let up = parentElement(at); up && up !== body; up = parentElement(up)) {
    if (!/^(sup|span|small|a)$/.test(up.name) || textOf(up).trim() !== textOf(at).trim()) break;
    at = up;
  }
  return at;
}

/** The link comes first in the note's text. */
function startsBody(link: Element, body: Element): boolean {
  return textOf(body).trimStart().startsWith(textOf(link).trim());
}

/**
 * Containers left with nothing but the notes taken out of them go too, with a rule or a "Notes" heading in
 * them (pandoc's section, Word's footnote list); so does a rule standing just before a run of notes.
 */
function hideEmptied(refs: Map<Element, HtmlNoteRef>, hidden: Set<Element>): void {
  const isLeftover = (n: Node): boolean => {
    if (n.type === 'text') return n.data.trim() === '';
    if (n.type === 'comment') return true;
    if (!isElement(n)) return true;
    if (hidden.has(n)) return true;
    if (n.name === 'hr' || n.name === 'br') return true;
    if (/^h[1-6]$/.test(n.name) && /^\s*(?:foot|end)?notes?\s*$/i.test(textOf(n))) return true;
    return (
      (n.name === 'ol' || n.name === 'ul' || n.name === 'div' || n.name === 'section') && n.children.every(isLeftover)
    );
  };
  const bodies = [...new Set([...refs.values()].map((r) => r.body))];
  for (const body of bodies) {
    // Up through containers that hold only notes and leftovers.
    let at = body;
    for (
      let up = parentElement(at);
      up && up.name !== 'body' && up.children.every(isLeftover);
      up = parentElement(up)
    ) {
      hidden.add(up);
      at = up;
    }
    // A rule (and a "Notes" heading) just before the first of a run of notes.
    const siblings = (at.parent?.children ?? []) as Node[];
    for (let k = siblings.indexOf(at) - 1; k >= 0; k--) {
      const s = siblings[k];
      if (s.type === 'text' && s.data.trim() === '') continue;
      if (!isElement(s)) break;
      if (hidden.has(s)) continue;
      if (s.name === 'hr' || s.name === 'br' || (/^h[1-6]$/.test(s.name) && isLeftover(s))) {
        hidden.add(s);
        continue;
      }
      break;
    }
  }
}
