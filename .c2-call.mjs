import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
const [name, tool, args] = process.argv.slice(2);
const t = new StdioClientTransport({ command: 'node', args: ['--import', 'tsx', 'src/cli/main.ts', 'server', name], cwd: '/work/main', env: { ...process.env }, stderr: 'ignore' });
const c = new Client({ name: 'x', version: '1' });
await c.connect(t);
if (!tool) { console.log((await c.listTools()).tools.map(t => t.name)); }
else { const r = await c.callTool({ name: tool, arguments: JSON.parse(args ?? '{}') }); console.log(JSON.stringify(r.structuredContent ?? r.content, null, 1).slice(0, 3000), r.isError ? 'ISERROR' : ''); }
await c.close();
