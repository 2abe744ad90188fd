import type { Resource, ResourceTemplateType } from '@modelcontextprotocol/server';
import { UriTemplate } from '@modelcontextprotocol/server';
import { HostError } from './errors.js';

/** Compiled templates by their text; `null` for one the SDK cannot parse. Bounded: cleared when full. */
const compiled = new Map<string, UriTemplate | null>();
const MAX_COMPILED = 1000;

function compile(template: string): UriTemplate | null {
  let found = compiled.get(template);
  if (found !== undefined) return found;
  try {
    found = new UriTemplate(template);
  } catch {
    found = null;
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(template, found);
  return found;
}

/**
 * True when `uri` is an expansion of the RFC 6570 `template` (as the SDK's servers match them).
 * A template or URI the SDK rejects (malformed, too long) matches nothing.
 *
 * @example uriMatchesTemplate('crm://contacts/c-1', 'crm://contacts/{id}') // true
 */
export function uriMatchesTemplate(uri: string, template: string): boolean {
  const matcher = compile(template);
  if (!matcher) return false;
  try {
    return matcher.match(uri) !== null;
  } catch {
    return false;
  }
}

/** What `resourceOwner` needs to know of a server. */
export interface ResourceOffer {
  name: string;
  resources: readonly Resource[];
  resourceTemplates: readonly ResourceTemplateType[];
}

/**
 * The server to read `uri` from: the first that lists it, else the one whose template matches it,
 * else the only server with any resources. Throws `ambiguous_tool` when templates of several servers
 * match, `protocol_error` when nothing places the URI.
 */
export function resourceOwner(servers: readonly ResourceOffer[], uri: string): string {
  const listing = servers.find((s) => s.resources.some((r) => r.uri === uri));
  if (listing) return listing.name;
  const matching = servers.filter((s) => s.resourceTemplates.some((t) => uriMatchesTemplate(uri, t.uriTemplate)));
  if (matching.length > 1) {
    throw new HostError(
      'ambiguous_tool',
      `resource "${uri}" matches templates of ${matching.map((s) => s.name).join(', ')}; pass \`server\``,
      { details: { uri, candidates: matching.map((s) => s.name) } },
    );
  }
  if (matching[0]) return matching[0].name;
  const offering = servers.filter((s) => s.resources.length > 0 || s.resourceTemplates.length > 0);
  if (offering.length === 1 && offering[0]) return offering[0].name;
  throw new HostError('protocol_error', `cannot tell which MCP server serves resource "${uri}"; pass \`server\``, {
    details: { uri },
  });
}
