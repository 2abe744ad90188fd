import type { Client, Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import type { ServerSettings } from '../config/index.js';
import { passesFilter } from '../naming.js';
import { listAll } from './list-all.js';

/** What a server offers, as listed right after it connected. */
export interface ServerListings {
  tools: Tool[];
  resources: Resource[];
  resourceTemplates: ResourceTemplateType[];
  prompts: Prompt[];
}

/** Every listing the server's capabilities announce, in parallel (pages followed, bounded). */
export async function fetchListings(
  client: Client,
  signal: AbortSignal,
  filter: ServerSettings['tools'],
): Promise<ServerListings> {
  const caps = client.getServerCapabilities() ?? {};
  const [tools, resources, resourceTemplates, prompts] = await Promise.all([
    caps.tools ? fetchTools(client, signal, filter) : [],
    caps.resources ? fetchResources(client, signal) : [],
    caps.resources ? fetchResourceTemplates(client, signal) : [],
    caps.prompts ? fetchPrompts(client, signal) : [],
  ]);
  return { tools, resources, resourceTemplates, prompts };
}

/** Tools that pass the config's allow/deny filter, all pages. */
export function fetchTools(client: Client, signal: AbortSignal, filter: ServerSettings['tools']): Promise<Tool[]> {
  return listAll(
    (cursor) => client.listTools(cursor ? { cursor } : {}, { signal }),
    (page) => page.tools.filter((tool) => passesFilter(tool.name, filter)),
  );
}

/** Fixed resources, all pages. */
export function fetchResources(client: Client, signal: AbortSignal): Promise<Resource[]> {
  return listAll(
    (cursor) => client.listResources(cursor ? { cursor } : {}, { signal }),
    (page) => page.resources,
  );
}

/** Resource templates; a server that offers resources but no templates may not know the method at all. */
export async function fetchResourceTemplates(client: Client, signal: AbortSignal): Promise<ResourceTemplateType[]> {
  try {
    return await listAll(
      (cursor) => client.listResourceTemplates(cursor ? { cursor } : {}, { signal }),
      (page) => page.resourceTemplates,
    );
  } catch (error) {
    if (error instanceof ProtocolError && error.code === ProtocolErrorCode.MethodNotFound) return [];
    throw error;
  }
}

/** Prompts, all pages. */
export function fetchPrompts(client: Client, signal: AbortSignal): Promise<Prompt[]> {
  return listAll(
    (cursor) => client.listPrompts(cursor ? { cursor } : {}, { signal }),
    (page) => page.prompts,
  );
}
