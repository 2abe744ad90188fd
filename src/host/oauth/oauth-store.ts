import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HostError } from '../errors.js';

/**
 * What one remote server's OAuth login leaves behind: the client registration (dynamic or pre-registered),
 * the tokens, and — only while a login is in progress — the PKCE verifier and the `state` it sent.
 * Unknown keys are kept, so the SDK's additions (e.g. `issuer`) survive a round trip.
 */
export const StoredOAuthSchema = z.looseObject({
  client_information: z.looseObject({ client_id: z.string() }).optional(),
  tokens: z.looseObject({ access_token: z.string(), token_type: z.string() }).optional(),
  code_verifier: z.string().optional(),
  state: z.string().optional(),
  /**
   * Where discovery found the authorization server, with its metadata (the SDK's `OAuthDiscoveryState`):
   * the token exchange checks the callback came from the server the login started with (SEP-2352).
   */
  discovery_state: z.looseObject({ authorizationServerUrl: z.string() }).optional(),
  /** When the tokens were saved (ISO-8601), to tell how old a login is. */
  saved_at: z.string().optional(),
});
export type StoredOAuth = z.infer<typeof StoredOAuthSchema>;

/** Server names become file names: anything else than a safe character is refused, not escaped. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * One JSON file per server under `dir` (the data dir's `mcp-oauth/`), readable by the owner only (0600, in a
 * 0700 folder) and replaced atomically (write, then rename), so a crash mid-write never leaves half a token.
 * Nothing here logs: tokens never reach a log line.
 */
export class OAuthStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file of a server's credentials. */
  pathOf(server: string): string {
    if (!SAFE_NAME.test(server)) {
      throw new HostError('invalid_config', `MCP server name "${server}" cannot name an OAuth credentials file`, {
        details: { server },
      });
    }
    return join(this.dir, `${server}.json`);
  }

  /** What is stored for the server (empty when nothing is, or the file is unreadable as ours). */
  load(server: string): StoredOAuth {
    let text: string;
    try {
      text = readFileSync(this.pathOf(server), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = StoredOAuthSchema.safeParse(safeJson(text));
    // A corrupt file is a lost login, not a crash: the next login overwrites it.
    return parsed.success ? parsed.data : {};
  }

  /** Merges `changes` into what is stored (a key set to undefined is removed). */
  update(server: string, changes: Partial<StoredOAuth>): StoredOAuth {
    const next: Record<string, unknown> = { ...this.load(server), ...changes };
    for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.pathOf(server);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
    return next as StoredOAuth;
  }

  /** Forgets the server's login; true when there was one. */
  clear(server: string): boolean {
    const file = this.pathOf(server);
    try {
      readFileSync(file);
    } catch {
      return false;
    }
    rmSync(file, { force: true });
    return true;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
