/**
 * XML read as a stream of events: htmlparser2 in XML mode, with no DTD, no entity but XML's own and no
 * recursion, so that a hostile or huge part costs time in proportion and no stack. The one way the word
 * processor readers (docx.ts, odt.ts) read their parts.
 */
import { Parser, type Handler } from 'htmlparser2';

export function streamXml(xml: string, handlers: Partial<Handler>): void {
  const parser = new Parser(handlers, { xmlMode: true, decodeEntities: true });
  parser.end(xml);
}
