import { type Readable, Transform, type Writable } from 'node:stream';
import { STDIO_DEFAULT_MAX_BUFFER_SIZE, type Transport } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { strictTransport } from './strict-json-rpc.js';

/** JSON-RPC's Parse error code. */
const PARSE_ERROR = -32700;

/**
 * The stdio transport of a server we serve, strict on both protocol revisions: lines that are not JSON
 * get `-32700` (id null) here — the SDK 2.x stdio transport skips them without a word — and everything
 * else goes through strictTransport (-32600 / -32602) to whichever entry owns the transport
 * (`serveStdio`).
 */
export function strictStdioTransport(input: Readable = process.stdin, output: Writable = process.stdout): Transport {
  return strictTransport(new StdioServerTransport(input.pipe(rejectNonJsonLines(output)), output));
}

/**
 * Passes through each line that parses as JSON and answers each one that doesn't on `output`. A partial
 * line longer than the SDK's own read bound is passed through as is, so the transport's bound applies.
 */
export function rejectNonJsonLines(output: Writable): Transform {
  let pending = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let passed = '';
      for (let index = pending.indexOf('\n'); index !== -1; index = pending.indexOf('\n')) {
        const line = pending.slice(0, index).replace(/\r$/, '');
        pending = pending.slice(index + 1);
        if (line.trim() === '') continue;
        try {
          JSON.parse(line);
          passed += `${line}\n`;
        } catch (error) {
          const message = `Parse error: ${error instanceof Error ? error.message : String(error)}`;
          output.write(`${JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message } })}\n`);
        }
      }
      if (pending.length > STDIO_DEFAULT_MAX_BUFFER_SIZE) {
        passed += pending;
        pending = '';
      }
      done(null, passed.length > 0 ? passed : undefined);
    },
    flush(done) {
      done(null, pending.length > 0 ? pending : undefined);
    },
  });
}
