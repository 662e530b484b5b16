/** Archive-shaped HTML for tests, written as Archive of Our Own's "Download → HTML" lays a work out. */

export interface FakeChapter {
  heading?: string;
  summary?: string;
  notes?: string;
  body: string;
  endNotes?: string;
}

export interface FakeWork {
  title: string;
  authors: string[];
  id?: number;
  language?: string;
  summary?: string;
  notes?: string;
  endNotes?: string;
  chapters: FakeChapter[];
}

const quote = (html: string | undefined) => (html ? `<blockquote class="userstuff">${html}</blockquote>` : '');

export function ao3Html(w: FakeWork): string {
  const url = `https://archiveofourown.org/works/${w.id ?? 4242}`;
  const byline = w.authors
    .map((a) => `<a rel="author" href="https://archiveofourown.org/users/${a}/pseuds/${a}">${a}</a>`)
    .join(', ');
  const chapters =
    w.chapters.length === 1
      ? `<div class="userstuff">${w.chapters[0].body}</div>`
      : w.chapters
          .map(
            (c, i) => `
<div class="meta group">
  <h2 class="heading">${c.heading ?? `Chapter ${i + 1}`}</h2>
  ${c.summary ? `<p>Chapter Summary</p>${quote(c.summary)}` : ''}
  ${c.notes ? `<p>Chapter Notes</p>${quote(c.notes)}` : ''}
  ${
    c.endNotes
      ? `<div class="endnote-link">See the end of the chapter for <a ` + `href="#endnotes${i + 1}">notes</a></div>`
      : ''
  }
</div>
<!--chapter content-->
<div class="userstuff">
${c.body}
</div>
<!--/chapter content-->
${c.endNotes ? `<div class="meta" id="endnotes${i + 1}"><p>Chapter End Notes</p>${quote(c.endNotes)}</div>` : ''}`,
          )
          .join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
<title>${w.title} - ${w.authors.join(', ')} - The Phantom of the Opera - All Media Types [Archive of Our Own]</title>
<style type="text/css">#chapters { font-family: serif; } .userstuff { font-family: serif; }</style>
</head>
<body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>${w.title}</b><br/>
    Posted originally on the <a href="http://archiveofourown.org/">Archive of Our Own</a> at <a href="${url}">${url}</a>.
  </p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt>
      <dd><a href="https://archiveofourown.org/tags/Teen%20And%20Up%20Audiences">Teen And Up Audiences</a></dd>
      <dt>Archive Warning:</dt>
      <dd><a href="https://archiveofourown.org/tags/No%20Archive%20Warnings%20Apply">No Archive Warnings Apply</a></dd>
      <dt>Category:</dt>
      <dd><a href="https://archiveofourown.org/tags/F*s*M">F/M</a></dd>
      <dt>Fandom:</dt>
      <dd><a href="https://archiveofourown.org/tags/x">The Phantom of the Opera - All Media Types</a></dd>
      <dt>Relationship:</dt>
      <dd><a href="https://archiveofourown.org/tags/y">Meg Giry/Jérôme</a></dd>
      <dt>Characters:</dt>
      <dd><a href="https://archiveofourown.org/tags/z">Meg Giry</a>, <a href="https://archiveofourown.org/tags/w">Madame Giry</a></dd>
      <dt>Additional Tags:</dt>
      <dd><a href="https://archiveofourown.org/tags/v">Backstage</a>, <a href="https://archiveofourown.org/tags/u">Angst</a></dd>
      <dt>Language:</dt>
      <dd>${w.language ?? 'English'}</dd>
      <dt>Stats:</dt>
      <dd>
        Published: 2019-03-14
        Completed: 2019-04-02
        Words: 1,234
        Chapters: ${w.chapters.length}/${w.chapters.length}
      </dd>
    </dl>
    <h1>${w.title}</h1>
    <div class="byline">by ${byline}</div>
    ${w.summary ? `<p>Summary</p>${quote(w.summary)}` : ''}
    ${w.notes || w.endNotes ? `<p>Notes</p>${quote(w.notes)}${w.endNotes ? '<div class="endnote-link">See the end of the work for <a href="#endnotes">notes</a></div>' : ''}` : ''}
  </div>
</div>
<div id="chapters" class="userstuff">
${chapters}
</div>
<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
  ${w.endNotes ? `<div class="meta"><div id="endnotes"><p>End Notes</p>${quote(w.endNotes)}</div></div>` : ''}
  <p class="message">Please <a href="${url}/comments/new">drop by the Archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>
</body>
</html>
`;
}

/** A two-chapter work with everything an archive download can hold. */
export const BACKSTAGE: FakeWork = {
  title: 'Backstage at the Opera',
  authors: ['megsfan'],
  summary: '<p>Meg waits for Jérôme after <i>Antony and Cleopatra</i>.</p><p>Not everything goes to plan.</p>',
  notes: '<p>My first fic for this fandom! Thanks to my beta, who is a saint.</p>',
  endNotes: '<p>Thank you for reading all the way to the end.</p>',
  chapters: [
    {
      heading: 'Chapter 1: The Meeting',
      summary: '<p>Meg has a plan.</p>',
      notes: '<p>Set the night of the gala.</p>',
      body: `<p>"Meet me backstage when your practice is over, Meg." He whispers to her.</p>
<p>She giggles and smooths down her hair.</p>
<hr />
<p>Practice is hard, but it ends soon.</p>
<p align="center">***</p>
<p>She runs to the <em>Rue Scribe</em> door.<br />It is locked.<br />It is always locked.</p>
<p><img src="https://i.imgur.com/abc123.jpg" alt="The stage door" /></p>`,
      endNotes: '<p>Next chapter: the reveal!</p>',
    },
    {
      heading: 'Chapter 2',
      body: `<p>The production was tonight.</p>
<blockquote><p>To Meg — meet me at the lake. J.</p></blockquote>
<ul><li>a ribbon</li><li>a letter</li></ul>
<p>&nbsp;</p>
<p>She went down to the lake.</p>`,
    },
  ],
};
