import { CancelledError, VentrosError } from '../../shared/index.js';

/** How long a client has to send its body once the headers arrived (`VENTROS_HTTP_BODY_TIMEOUT_MS`). */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * The JSON body. Only `application/json` is read: a form or text/plain post (which browsers send
 * cross-site without a preflight) is refused with 415. A body that takes longer than `timeoutMs` to
 * arrive is `request_timeout` (408: the client is slow, the server is fine); a client that goes away
 * while sending it is `cancelled` (499), never a 5xx.
 */
export async function readJson(request: Request, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new VentrosError('unsupported_media_type', 'send the body as JSON with content-type: application/json');
  }
  const text = await readText(request, timeoutMs);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid-json');
  }
}

async function readText(request: Request, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new VentrosError('request_timeout', `the request body did not arrive within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const reading = request.text();
  reading.catch(() => {}); // after a timeout, the abandoned read may still fail
  try {
    return await Promise.race([reading, late]);
  } catch (error) {
    if (error instanceof VentrosError) throw error;
    if (request.signal.aborted) throw new CancelledError('the client went away while sending the request');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
