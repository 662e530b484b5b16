/**
 * Word documents for tests, written as Word, Google Docs and LibreOffice write them (read from their XML):
 * the package's parts, run properties, revision ids splitting runs, styles with built-in names.
 */
import { zipSync, strToU8 } from 'fflate';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let rsid = 0x00a1b2c3;
/** A run as Word writes it: a revision id, its properties, the text with its spaces preserved. */
export function run(text: string, props = ''): string {
  rsid += 7;
  const rpr = props ? `<w:rPr>${props}</w:rPr>` : '';
  return `<w:r w:rsidR="00${rsid.toString(16).toUpperCase()}">${rpr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

/** A paragraph: its properties (`<w:pStyle w:val="Heading1"/>`…) and its runs (plain text becomes one run). */
export function para(content: string | string[], ppr = ''): string {
  const runs = Array.isArray(content) ? content.join('') : content.startsWith('<') ? content : run(content);
  return `<w:p w14:paraId="${(rsid++).toString(16)}">${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${runs}</w:p>`;
}

export const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
export const centred = '<w:jc w:val="center"/>';
export const pageBreak = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
export const italic = '<w:i/><w:iCs/>';
export const bold = '<w:b/><w:bCs/>';
export const size = (halfPoints: number) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;

/** styles.xml with Normal, Title, Heading 1–3 and Quote, under the ids given (a localised Word's ids differ). */
export function stylesXml(ids: Record<string, string> = {}, extra = ''): string {
  const id = (name: string, fallback: string) => ids[name] ?? fallback;
  const heading = (n: number) =>
    `<w:style w:type="paragraph" w:styleId="${id(`heading ${n}`, `Heading${n}`)}"><w:name w:val="heading ${n}"/>` +
    `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="${n - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:sz w:val="${36 - n * 4}"/></w:rPr></w:style>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${NS}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia"/><w:sz w:val="24"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLine="425"/></w:pPr></w:style>' +
    `<w:style w:type="paragraph" w:styleId="${id('title', 'Title')}"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="56"/></w:rPr></w:style>` +
    heading(1) +
    heading(2) +
    heading(3) +
    `<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>` +
    '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>' +
    extra +
    '</w:styles>'
  );
}

export interface DocxParts {
  body: string;
  styles?: string;
  footnotes?: string[];
  /** Extra package entries by name (hostile cases). */
  entries?: Record<string, string | Uint8Array>;
  relationships?: string;
  title?: string;
  creator?: string;
}

/** footnotes.xml as Word writes it: its two separators, then the notes' own `<w:footnote>` elements. */
export function footnotesXml(notes: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ${NS}>` +
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>' +
    `${notes.join('')}</w:footnotes>`
  );
}

/** The package: [Content_Types].xml, the relationships, the document, styles, notes, core properties. */
export function docx(parts: DocxParts): Uint8Array {
  const footnotes = parts.footnotes
    ? footnotesXml(
        parts.footnotes.map(
          (text, k) =>
            `<w:footnote w:id="${k + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>` +
            `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${run(` ${text}`)}</w:p></w:footnote>`,
        ),
      )
    : undefined;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${parts.body}` +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>',
    ),
    'word/styles.xml': strToU8(parts.styles ?? stylesXml()),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        (parts.relationships ?? '') +
        '</Relationships>',
    ),
    'docProps/core.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        `<dc:title>${esc(parts.title ?? '')}</dc:title><dc:creator>${esc(parts.creator ?? '')}</dc:creator></cp:coreProperties>`,
    ),
  };
  if (footnotes) files['word/footnotes.xml'] = strToU8(footnotes);
  for (const [name, content] of Object.entries(parts.entries ?? {})) {
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}

/** A chapter's text: paragraphs of plain runs. */
export const prose = (...paragraphs: string[]) => paragraphs.map((p) => para(p)).join('');

/** A table cell as Word writes it: its width, its span or vertical merge, then its paragraphs. */
export function tc(
  content: string,
  o: { span?: number; vMerge?: 'restart' | 'continue'; width?: number } = {},
): string {
  const span = o.span ? `<w:gridSpan w:val="${o.span}"/>` : '';
  const merge = o.vMerge ? (o.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : '';
  const body = content.startsWith('<w:p') ? content : para(content);
  return `<w:tc><w:tcPr><w:tcW w:w="${o.width ?? 3000}" w:type="dxa"/>${span}${merge}</w:tcPr>${body}</w:tc>`;
}

/**
 * A table as Word writes it: a table style with the Header Row box ticked (`w:tblLook` firstRow), the grid,
 * then rows of cells; `headerRow` repeats the first row on each page (`w:tblHeader`) instead.
 */
export function table(rows: string[][], o: { columns: number; look?: boolean; headerRow?: boolean }): string {
  const look =
    o.look === false
      ? ''
      : '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>';
  const grid = `<w:tblGrid>${'<w:gridCol w:w="3000"/>'.repeat(o.columns)}</w:tblGrid>`;
  const trs = rows
    .map((cells, r) => {
      const trPr = o.headerRow && r === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      return `<w:tr w:rsidR="00A1B2C3">${trPr}${cells.join('')}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>${look}</w:tblPr>${grid}${trs}</w:tbl>`;
}

/** A picture in its own paragraph as Word writes it: an inline drawing, its Alt Text in wp:docPr's descr. */
export function picture(relId: string, alt: string, anchored = false): string {
  const graphic =
    `<wp:docPr id="1" name="Picture 1" descr="${esc(alt)}"/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
    `<pic:blipFill><a:blip r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>`;
  const drawing = anchored
    ? `<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:extent cx="1905000" cy="1428750"/>${graphic}</wp:anchor>`
    : `<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1905000" cy="1428750"/>${graphic}</wp:inline>`;
  return `<w:p><w:r><w:drawing>${drawing}</w:drawing></w:r></w:p>`;
}

/** A relationship to a picture in word/media/ (or, with `external`, to a file outside the package). */
export const imageRel = (id: string, target: string, external = false) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
