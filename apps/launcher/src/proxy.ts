/**
 * The one origin users open: `/api` and everything below it goes to the API process, every
 * other path to the UI process. Bodies stream through (results documents are large), nothing is
 * buffered, and an upstream that is down is answered 502 problem+json.
 */
import http from 'node:http';
import net from 'node:net';

export interface Upstreams {
  apiPort: number;
  webPort: number;
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { ...req.headers };
  for (const name of HOP_BY_HOP) {
    delete headers[name];
  }
  if (req.headers['transfer-encoding']) {
    headers['transfer-encoding'] = req.headers['transfer-encoding'];
  }
  const remote = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${String(prior)}, ${remote}` : remote;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  return headers;
}

function badGateway(res: http.ServerResponse, which: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(502, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: 'urn:granary:problem:upstream-unavailable',
      title: 'Granary is starting or stopping',
      status: 502,
      detail: `The ${which} process did not answer; try again in a moment.`,
    }),
  );
}

/** `upstreams` is read at every request, so the launcher can fill in ports once the processes are up. */
export function createProxy(upstreams: Readonly<Upstreams>): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const toApi = isApiPath(req.url ?? '/');
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: toApi ? upstreams.apiPort : upstreams.webPort,
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req),
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => badGateway(res, toApi ? 'API' : 'UI'));
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  });
  // WebSocket upgrades (the UI's development server uses one) pass through untouched.
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const port = isApiPath(req.url ?? '/') ? upstreams.apiPort : upstreams.webPort;
    const upstream = net.connect(port, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0; // long uploads and `?wait=true` answers are the API's to time out
  return server;
}
