import { join } from 'node:path';

/** Where remote MCP servers' OAuth credentials live inside a data dir (one 0600 file per server). */
export function oauthDirOf(dataDir: string): string {
  return join(dataDir, 'mcp-oauth');
}
