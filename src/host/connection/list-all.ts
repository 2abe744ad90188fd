/** At most this many pages per listing: a server that returns cursors forever cannot hang us. */
const MAX_PAGES = 50;

/**
 * Follows `nextCursor` through a paginated MCP list (`tools/list`, `resources/list`, ...).
 *
 * @example const tools = await listAll((cursor) => client.listTools(cursor ? { cursor } : {}), (r) => r.tools);
 */
export async function listAll<Page extends { nextCursor?: string | undefined }, Item>(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[],
): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    all.push(...items(result));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}
