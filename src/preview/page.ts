/**
 * The preview page `octavo watch` serves: the chapter being edited as the EPUB shows it, the print PDF,
 * every warning with a link that opens the place in an editor, and the typography changes in that
 * chapter. Pure: a preview state in, HTML out. The page reloads itself when a build finishes.
 */
import type { Message } from '../diagnostics/diagnostic.js';
import { location } from '../diagnostics/reporter.js';

export interface PreviewState {
  /** Counts up with every build, good or failed. */
  build: number;
  title: string;
  /** The last build failed: its error, shown above the last good preview. */
  error?: Message;
  /** The chapter shown: its file and title; its document is served at /chapter. */
  chapter?: { file: string; title: string };
  /** Warnings and errors of the last good build (and of the failed one). */
  diagnostics: Message[];
  /** Typography changes in the chapter shown. */
  changes: Message[];
  /** The last good build wrote a PDF (served at /book.pdf). */
  pdf: boolean;
  /** Milliseconds from the save to this state. */
  ms?: number;
  /** Check findings counted by the last full build. */
  findings?: number;
  /** The book folder, for editor links. */
  bookDir: string;
  /** The design the preview is built in, and the ones the page offers to switch to. */
  design?: string;
  designs?: { id: string; description: string }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An editor link to the place (VS Code's scheme, which other editors also register). */
function editorLink(d: Message, bookDir: string): string {
  if (!d.file) return '';
  const abs = d.file.startsWith('/') ? d.file : `${bookDir.replace(/\/$/, '')}/${d.file}`;
  const at = d.start ? `:${d.start.line}:${d.start.column}` : '';
  return `vscode://file${encodeURI(abs)}${at}`;
}

function diagnosticItem(d: Message, bookDir: string): string {
  const where = location(d);
  const link = editorLink(d, bookDir);
  const place = where
    ? link
      ? `<a class="place" href="${esc(link)}">${esc(where)}</a>`
      : `<span class="place">${esc(where)}</span>`
    : '';
  const hint = d.hint ? `<div class="hint">${esc(d.hint)}</div>` : '';
  const suggestion = d.suggestion !== undefined ? `<div class="hint">suggestion: ${esc(d.suggestion)}</div>` : '';
  return (
    `<li class="${d.severity}">${place} <span class="sev">${d.severity}</span> ${esc(d.message)} <span ` +
    `class="rule">${esc(d.rule)}</span>${hint}${suggestion}</li>`
  );
}

const STYLE = `
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #222; background: #f4f2ee; }
header { padding: 8px 16px; background: #2b2b2b; color: #eee; display: flex; gap: 16px; align-items: baseline; }
header h1 { font-size: 16px; margin: 0; }
header .status { color: #9c9; }
header label { margin-left: auto; } header select { font: inherit; }
.failed { background: #fde8e8; border-bottom: 2px solid #c33; padding: 8px 16px; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; padding: 12px; }
iframe { width: 100%; height: 72vh; border: 1px solid #ccc; background: #fff; }
section h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #666; margin: 4px 0; }
ul.diagnostics { list-style: none; padding: 0; margin: 0; }
ul.diagnostics li { padding: 4px 0; border-bottom: 1px solid #e3e0da; }
.place { font-family: ui-monospace, monospace; }
.sev { font-weight: bold; } li.error .sev { color: #c33; } li.warning .sev { color: #b60; }
.rule { color: #888; font-size: 12px; } .hint { color: #555; font-size: 12px; margin-left: 1em; }
table.changes { border-collapse: collapse; font-size: 13px; } table.changes td { padding: 2px 8px; border-bottom: 1px solid #e3e0da; }
.before { color: #a33; } .after { color: #262; }
.wide { grid-column: 1 / -1; }
`;

/** Reloads the page when a build finishes, keeping the reader's place in it. */
const SCRIPT = `
const key = 'octavo-scroll';
window.addEventListener('load', () => { const y = sessionStorage.getItem(key); if (y) window.scrollTo(0, Number(y)); });
const events = new EventSource('/events');
events.addEventListener('build', (e) => {
  const id = JSON.parse(e.data).build;
  if (id !== Number(document.body.dataset.build)) { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); }
});
const picker = document.getElementById('design');
if (picker) picker.addEventListener('change', async () => {
  const status = document.querySelector('header .status');
  status.textContent = 'building in ' + picker.value + '…';
  const res = await fetch('/design', { method: 'POST', body: picker.value });
  if (!res.ok) status.textContent = await res.text();
});
`;

export function previewPage(state: PreviewState): string {
  const shown = state.diagnostics.filter((d) => d.severity !== 'info');
  const status = state.error
    ? '<span class="status" style="color:#f99">build failed: showing the last good preview</span>'
    : `<span class="status">built${state.ms !== undefined ? ` in ${Math.round(state.ms)} ms` : ''}</span>`;
  const failed = state.error
    ? `<div class="failed"><ul class="diagnostics">${diagnosticItem(state.error, state.bookDir)}</ul></div>`
    : '';
  const chapter = state.chapter
    ? `<section><h2>${esc(state.chapter.title)} <span class="rule">${esc(state.chapter.file)}</span></h2><iframe ` +
      `title="The chapter as the EPUB shows it" src="/chapter?build=${state.build}"></iframe></section>`
    : '<section><h2>Chapter</h2><p>Save a chapter to see it here.</p></section>';
  const pdf = state.pdf
    ? `<section><h2>Print PDF</h2><iframe title="The print PDF" ` +
      `src="/book.pdf?build=${state.build}"></iframe></section>`
    : '<section><h2>Print PDF</h2><p>No PDF yet.</p></section>';
  const list = shown.length
    ? `<ul class="diagnostics">${shown.map((d) => diagnosticItem(d, state.bookDir)).join('')}</ul>`
    : '<p>No warnings.</p>';
  const changes = state.changes.slice(0, 300);
  const changeRows = changes
    .map(
      (c) =>
        `<tr><td><a class="place" href="${esc(editorLink(c, state.bookDir))}">${esc(location(c))}</a></td><td ` +
        `class="rule">${esc(c.rule)}</td><td class="before">${esc(c.before ?? '')}</td><td class="after">${esc(c.after ?? '')}</td></tr>`,
    )
    .join('');
  const changeTable = changes.length
    ? `<table class="changes">${changeRows}</table>${state.changes.length > changes.length ? `<p>…and ${state.changes.length - changes.length} more (octavo changes lists them all)</p>` : ''}`
    : '<p>No typography changes in this chapter.</p>';
  const findings =
    state.findings !== undefined
      ? `<span>${state.findings} proofreading finding${state.findings === 1 ? '' : 's'} (octavo check)</span>`
      : '';
  const picker = state.designs?.length
    ? `<label>Design <select id="design" title="Build the preview in another design (book.yaml keeps its own)">${state.designs
        .map(
          (d) =>
            `<option value="${esc(d.id)}" title="${esc(d.description)}"${d.id === state.design ? ' selected' : ''}>${esc(d.id)}</option>`,
        )
        .join('')}</select></label>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>${esc(state.title)} — Octavo preview</title>
<style>${STYLE}</style>
</head>
<body data-build="${state.build}">
<header><h1>${esc(state.title)}</h1>${status}<span>${shown.length} warning${shown.length === 1 ? '' : 's'}</span>${findings}${picker}</header>
${failed}
<main>
${chapter}
${pdf}
<section class="wide"><h2>Warnings</h2>${list}</section>
<section class="wide"><h2>Typography changes in this chapter</h2>${changeTable}</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
