import { type DirectToolServer, directToolServerOf } from '../shared/mcp/direct-tool-server.js';
import type { BuiltinServerFactory } from './types.js';

/** The in-process entries of builtin servers, by the name of the connection that built them. */
export type DirectServers = Map<string, DirectToolServer>;

/**
 * The builtin factories as one connection uses them, each noting the direct entry of the server it
 * builds (when it has one: servers made by createToolServer) under the connection's name. A restart
 * builds a new server, which replaces the entry; a server without one removes it.
 */
export function capturingDirectServers(
  builtins: Readonly<Record<string, BuiltinServerFactory>>,
  connection: string,
  into: DirectServers,
): Record<string, BuiltinServerFactory> {
  return Object.fromEntries(
    Object.entries(builtins).map(([name, factory]) => [
      name,
      async () => {
        const server = await factory();
        const direct = directToolServerOf(server);
        if (direct) into.set(connection, direct);
        else into.delete(connection);
        return server;
      },
    ]),
  );
}
