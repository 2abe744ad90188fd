import { VentrosError } from '../../shared/index.js';

/** The JSON body. Only `application/json` is read: a form or text/plain post (which browsers send
 * cross-site without a preflight) is refused with 415. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new VentrosError('unsupported_media_type', 'send the body as JSON with content-type: application/json');
  }
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid-json');
  }
}
