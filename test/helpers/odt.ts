/**
 * OpenDocument texts for tests, written as LibreOffice Writer writes them (read from its XML): the mimetype
 * stored first, the manifest, content.xml with its automatic styles (P1, T1…), styles.xml with the named
 * styles under LibreOffice's encoded names (`Heading_20_1`, display name "Heading 1"), meta.xml.
 */
import { strToU8, zipSync } from 'fflate';

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ' +
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph in a style (LibreOffice's body text style by default); text without markup is escaped. */
export const p = (content: string, styleName = 'Text_20_body') =>
  `<text:p text:style-name="${styleName}">${content.includes('<') ? content : esc(content)}</text:p>`;
export const h = (text: string, level = 1) =>
  `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${esc(text)}</text:h>`;
export const span = (text: string, styleName: string) =>
  `<text:span text:style-name="${styleName}">${esc(text)}</text:span>`;

/** Automatic styles as LibreOffice names them: T1 italic, T2 bold, P1 centred bold after a page break. */
const AUTOMATIC =
  '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic" style:font-style-asian="italic"/></style:style>' +
  '<style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="T3" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>' +
  '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">' +
  '<style:paragraph-properties fo:text-align="center" fo:break-before="page"/><style:text-properties fo:font-weight="bold" fo:font-size="16pt"/></style:style>' +
  '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body">' +
  '<style:paragraph-properties fo:text-align="center"/></style:style>' +
  '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1" text:start-value="3"/></text:list-style>' +
  '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>';

function stylesXml(language: string): string {
  const heading = (n: number) =>
    `<style:style style:name="Heading_20_${n}" style:display-name="Heading ${n}" style:family="paragraph" ` +
    `style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="${n}" style:class="text">` +
    `<style:text-properties fo:font-size="${20 - n * 2}pt" fo:font-weight="bold"/></style:style>`;
  const [lang, country] = language.split('-');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}><office:styles>` +
    '<style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt" ' +
    `fo:language="${lang}" fo:country="${country ?? 'none'}"/></style:default-style>` +
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>' +
    '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text">' +
    '<style:paragraph-properties fo:margin-top="0.423cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="14pt"/></style:style>' +
    '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>' +
    '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter">' +
    '<style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="28pt" fo:font-weight="bold"/></style:style>' +
    heading(1) +
    heading(2) +
    '<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Standard" style:class="html"/>' +
    '<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>' +
    '<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>' +
    '</office:styles></office:document-styles>'
  );
}

export interface OdtParts {
  body: string;
  title?: string;
  creator?: string;
  language?: string;
  /** Tracked-changes regions, as LibreOffice puts them at the head of office:text. */
  changes?: string;
  mimetype?: string;
  cutShort?: boolean;
  /** Pictures held in the package, by name (`Pictures/…png`). */
  pictures?: Record<string, Uint8Array>;
}

export function odt(parts: OdtParts): Uint8Array {
  let content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}>` +
    `<office:automatic-styles>${AUTOMATIC}</office:automatic-styles><office:body><office:text>` +
    '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/></text:sequence-decls>' +
    (parts.changes ? `<text:tracked-changes text:track-changes="false">${parts.changes}</text:tracked-changes>` : '') +
    `${parts.body}</office:text></office:body></office:document-content>`;
  if (parts.cutShort) content = content.slice(0, Math.floor(content.length * 0.7));
  const files: Record<string, [Uint8Array, { level: 0 }] | Uint8Array> = {
    mimetype: [strToU8(parts.mimetype ?? 'application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
    'content.xml': strToU8(content),
    'styles.xml': strToU8(stylesXml(parts.language ?? 'en-GB')),
    'meta.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS}><office:meta>` +
        `<meta:initial-creator>${esc(parts.creator ?? '')}</meta:initial-creator>` +
        (parts.title ? `<dc:title>${esc(parts.title)}</dc:title>` : '') +
        '</office:meta></office:document-meta>',
    ),
  };
  for (const [name, data] of Object.entries(parts.pictures ?? {})) files[name] = data;
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}
