import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One request the receiver got. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks/s3cret` (a secret in the path, as Slack's). */
  url: string;
  requests: ReceivedWebhook[];
  /** How the next requests are answered: a status, or `hang` (never answers, to hit the sender's deadline). */
  answer(mode: number | 'hang'): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for an alert webhook (Slack, PagerDuty): records every JSON body.
 * Listens on a random port below the ephemeral range (like freePort in test/cli/serve.test.ts).
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let mode: number | 'hang' = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (mode === 'hang') return;
      res.writeHead(mode, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  for (let tries = 0; ; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) {
      return {
        url: `http://127.0.0.1:${port}/hooks/s3cret`,
        requests,
        answer(next) {
          mode = next;
        },
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }
    if (tries >= 20) throw new Error('no free port for the webhook receiver');
  }
}
