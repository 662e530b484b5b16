/**
 * The ebook stylesheet: small and e-reader safe. No fixed font sizes, no colours or backgrounds (night
 * modes keep working), no fonts forced on the reader; the reader's own settings win. Rules that can match
 * the same element come in order of specificity, lowest first, and every property is a CSS one, so that
 * calibre's Check Book (what a writer sees who opens the book in calibre's editor) finds nothing.
 */
export const EPUB_CSS = `@charset "UTF-8";
body { margin: 0; padding: 0; }
p { margin: 0; text-indent: 1.5em; text-align: justify; widows: 2; orphans: 2; -webkit-hyphens: auto; hyphens: auto; }
li p, figcaption p { text-indent: 0; }
blockquote p { text-indent: 0; }
blockquote p + p { text-indent: 1.5em; }
p.first, p.center, p.right { text-indent: 0; }
p.center { text-align: center; }
p.right { text-align: right; }
p.verse { text-indent: 0; text-align: left; margin: 1em 0 1em 1.5em; -webkit-hyphens: none; hyphens: none; }
p.verse.hang { text-indent: -0.4em; }
section { page-break-before: always; break-before: page; }
h1, h2, h3, h4, h5, h6 { font-weight: normal; text-align: center; -webkit-hyphens: none; hyphens: none; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; margin: 2.5em 0 1.5em; }
h2 { font-size: 1.3em; margin: 1.5em 0 1em; }
h3, h4, h5, h6 { font-size: 1.1em; margin: 1.2em 0 0.8em; font-style: italic; }
.chapter-number { display: block; font-size: 0.75em; letter-spacing: 0.1em; text-transform: uppercase; margin-bottom: 0.5em; }
div.scene-break { margin: 1em 0; text-align: center; text-indent: 0; page-break-before: avoid; page-break-after: avoid; }
blockquote { margin: 1em 1.5em; }
pre { white-space: pre-wrap; font-family: monospace; font-size: 0.85em; margin: 1em 0; }
ul, ol { margin: 1em 0 1em 1.5em; padding: 0; }
figure { margin: 1.5em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure img, p img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; font-style: italic; margin-top: 0.5em; }
.smallcaps { font-variant: small-caps; }
.titlepage { text-align: center; padding-top: 20%; }
.titlepage h1 { font-size: 2em; margin: 0 0 0.5em; }
.titlepage .subtitle { font-size: 1.2em; font-style: italic; margin-bottom: 2em; }
.titlepage .author { font-size: 1.2em; margin-top: 2em; }
.titlepage .publisher { margin-top: 4em; font-size: 0.9em; }
.titlepage p, .titlepage h1 { text-indent: 0; text-align: center; }
.copyright { font-size: 0.85em; padding-top: 40%; }
.copyright p { text-indent: 0; margin-bottom: 0.75em; text-align: left; }
aside.note { margin: 2em 1.5em 0; padding-top: 0.5em; border-top: 1px solid currentColor; font-size: 0.9em; }
aside.note p { text-indent: 0; }
.note p + p { margin-top: 0.5em; }
.cover { text-align: center; margin: 0; padding: 0; }
.cover img { max-width: 100%; max-height: 100%; }
nav ol { list-style-type: none; margin: 0 0 0 1em; padding: 0; }
nav li { margin: 0.4em 0; }
nav a { text-decoration: none; }
`;

/** For books with footnotes or endnotes: the references small and raised, the notes smaller, set apart. */
export const NOTES_CSS = `a[role="doc-noteref"] { text-decoration: none; }
aside.footnote { font-size: 0.85em; margin: 1em 0 0; padding-top: 0.5em; border-top: 1px solid #999; }
aside.footnote + aside.footnote { border-top: 0; padding-top: 0; margin-top: 0.5em; }
aside.footnote p { text-indent: 0; margin: 0 0 0.4em; }
ol.endnotes { list-style: none; padding: 0; margin: 0 0 1.5em; }
ol.endnotes li p { text-indent: 0; margin: 0 0 0.4em; }
`;

/** Tables, added only to books that have them: ruled, in the text's width at most, cells aligned as written. */
export const TABLE_CSS = `table { border-collapse: collapse; margin: 1em auto; max-width: 100%; font-size: 0.9em; }
caption { caption-side: top; font-style: italic; margin-bottom: 0.3em; }
th, td { border-top: 1px solid #999; border-bottom: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; text-indent: 0; }
thead th { border-bottom: 1.5px solid #666; font-weight: bold; }
th.center, td.center { text-align: center; }
th.right, td.right { text-align: right; }
`;
