/**
 * The preview's web server: on 127.0.0.1 only (never another interface), the page, the chapter document,
 * the EPUB's stylesheet and images, the PDF, and a stream of server-sent events that tells the page when
 * a build has finished. The page may ask for another design (POST /design), which the watcher builds in.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { previewPage, type PreviewState } from './page.js';

export interface PreviewContent {
  state: PreviewState;
  /** The chapter as an (X)HTML document, its images at images/…. */
  chapterDocument?: string;
  css: string;
  /** Images by file name (as the chapter document refers to them). */
  images: Map<string, { type: string; data: Uint8Array }>;
  /** The print PDF's path on disk (the last good build's). */
  pdfPath?: string;
}

export const DEFAULT_PORT = 4747;

/** What the page may ask of the watcher: a design to build in. False when there is no such design. */
export interface PreviewRequests {
  design?(id: string): boolean;
}

export class PreviewServer {
  private readonly server: http.Server;
  private readonly clients = new Set<http.ServerResponse>();
  content: PreviewContent;

  private readonly requests: PreviewRequests;
  private origin = '';

  constructor(content: PreviewContent, requests: PreviewRequests = {}) {
    this.content = content;
    this.requests = requests;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** Listens on 127.0.0.1: the port given, else 4747, else one the system picks. Returns the address. */
  async listen(port?: number): Promise<string> {
    const attempt = (p: number) =>
      new Promise<number>((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          this.server.off('listening', onListening);
          reject(err);
        };
        const onListening = () => {
          this.server.off('error', onError);
          resolve((this.server.address() as AddressInfo).port);
        };
        this.server.once('error', onError);
        this.server.once('listening', onListening);
        this.server.listen(p, '127.0.0.1');
      });
    let bound: number;
    if (port !== undefined) bound = await attempt(port);
    else {
      try {
        bound = await attempt(DEFAULT_PORT);
      } catch {
        bound = await attempt(0);
      }
    }
    this.origin = `http://127.0.0.1:${bound}`;
    return `${this.origin}/`;
  }

  /** Tells every open page that a build finished. */
  announce(): void {
    const data =
      `event: build\ndata: ` +
      `${JSON.stringify({ build: this.content.state.build, ok: !this.content.state.error })}\n\n`;
    for (const res of this.clients) res.write(data);
  }

  async close(): Promise<void> {
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A design chosen on the page. Only from the page itself: a POST whose origin is this server's (any web
   * page the writer has open could otherwise send one to 127.0.0.1), its body the design's name.
   */
  private switchDesign(req: http.IncomingMessage, send: (status: number, type: string, body: string) => undefined) {
    if (req.method !== 'POST') return send(405, 'text/plain', 'POST a design name');
    if (req.headers.origin !== this.origin) return send(403, 'text/plain', 'only the preview page may switch designs');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
      if (body.length > 100) req.destroy();
    });
    req.on('end', () => {
      const id = body.trim();
      if (!this.requests.design) return send(404, 'text/plain', 'this preview cannot switch designs');
      if (!this.requests.design(id)) return send(400, 'text/plain', `no design called "${id.slice(0, 40)}"`);
      send(202, 'text/plain', `building in ${id}`);
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): undefined {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Uint8Array): undefined => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
      return undefined;
    };
    const c = this.content;
    switch (url.pathname) {
      case '/':
        return send(200, 'text/html; charset=utf-8', previewPage(c.state));
      case '/state.json':
        return send(200, 'application/json', JSON.stringify(c.state));
      case '/chapter':
        return c.chapterDocument
          ? send(200, 'text/html; charset=utf-8', c.chapterDocument)
          : send(404, 'text/plain', 'no chapter yet');
      case '/style.css':
        return send(200, 'text/css; charset=utf-8', c.css);
      case '/design':
        this.switchDesign(req, send);
        return;
      case '/book.pdf':
        if (!c.pdfPath || !fs.existsSync(c.pdfPath)) return send(404, 'text/plain', 'no PDF yet');
        return send(200, 'application/pdf', fs.readFileSync(c.pdfPath));
      case '/events':
        // Each event is small and must go at once (no waiting to fill a packet).
        req.socket.setNoDelay(true);
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`event: build\ndata: ${JSON.stringify({ build: c.state.build, ok: !c.state.error })}\n\n`);
        this.clients.add(res);
        req.on('close', () => this.clients.delete(res));
        return;
      default: {
        const image = url.pathname.startsWith('/images/')
          ? c.images.get(decodeURIComponent(url.pathname.slice('/images/'.length)))
          : undefined;
        if (image) return send(200, image.type, image.data);
        return send(404, 'text/plain', 'not found');
      }
    }
  }
}
