/**
 * Our MCP host as a client under the official conformance suite (@modelcontextprotocol/conformance).
 * The suite runs `<command> <serverUrl>` with MCP_CONFORMANCE_SCENARIO set; we connect through
 * `createHost` (Streamable HTTP; `protocol` left at `auto`, so a 2026-07-28 scenario server gets
 * `server/discover` and a 2025-11-25 one `initialize`) and do what the scenario expects.
 *
 *   npx -y -p node@22 -p @modelcontextprotocol/conformance@0.2.0-alpha.12 -- conformance client \
 *     --command "node --import tsx test/conformance/conformance-client.ts" --scenario tools_call
 */
import { createHost, parseHostConfig } from '../../src/host/index.js';

const url = process.argv[2];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? 'initialize';
if (!url) {
  process.stderr.write('usage: conformance-client <serverUrl>\n');
  process.exit(2);
}

const host = await createHost({
  config: parseHostConfig(
    { mcpServers: { conformance: { url, transport: 'http', connect_timeout_ms: 10_000 } } },
    'conformance',
  ),
  mode: 'strict',
  clientInfo: { name: 'ventros-host-conformance', version: '0.1.0' },
});
try {
  if (scenario === 'tools_call') {
    const result = await host.callTool('add_numbers', { a: 2, b: 3 }, { tenantId: 'tenant-conformance' });
    process.stdout.write(`${result.content}\n`);
    if (result.isError) process.exitCode = 1;
  } else {
    process.stdout.write(`connected: ${JSON.stringify(host.status())}\n`);
  }
} finally {
  await host.close();
}
