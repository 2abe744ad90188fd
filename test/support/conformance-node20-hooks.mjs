/**
 * Module hooks that let the MCP conformance suite (@modelcontextprotocol/conformance) run on Node 20, the
 * Node this project supports: its bundle imports `globSync` from `fs` (Node 22+) for its tier report, the
 * only Node 22 API it uses. Within the suite's own files `fs` resolves to `node:fs` plus a small `globSync`
 * (the `** /<file name>` patterns the suite passes). Registered by conformance-node20.mjs.
 */
const FS_WITH_GLOB = `data:text/javascript,${encodeURIComponent(`
import fs from 'node:fs';
import path from 'node:path';
export * from 'node:fs';
export default fs;
export function globSync(pattern, options = {}) {
  if (fs.globSync) return fs.globSync(pattern, options);
  const match = /^\\*\\*\\/([^*?[\\]{}/]+)$/.exec(pattern);
  if (!match) throw new Error('globSync on Node 20: only "**/<file name>" patterns, not ' + pattern);
  const entries = fs.readdirSync(options.cwd ?? process.cwd(), { recursive: true });
  return entries.filter((entry) => path.basename(entry) === match[1]);
}
`)}`;

export async function resolve(specifier, context, nextResolve) {
  const fromSuite = context.parentURL?.includes('/@modelcontextprotocol/conformance/') === true;
  if (fromSuite && (specifier === 'fs' || specifier === 'node:fs')) return { url: FS_WITH_GLOB, shortCircuit: true };
  return nextResolve(specifier, context);
}
