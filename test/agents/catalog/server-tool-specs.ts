import { z } from 'zod';
import { biTools } from '../../../src/servers/bi/index.js';
import { formatTools } from '../../../src/servers/format/index.js';
import type { ToolSpec } from '../../../src/servers/framework/index.js';
import { type MemoryBackend, memoryTools } from '../../../src/servers/memory/index.js';
import { retentionTools } from '../../../src/servers/retention/index.js';
import { salesTools } from '../../../src/servers/sales/index.js';
import { supportTools } from '../../../src/servers/support/index.js';

/**
 * The tool servers' real tool specs, built with placeholder dependencies: only names and zod input
 * shapes are read here (no handler runs), so the catalog is checked against what the servers register.
 */
export function serverToolSpecs(): Map<string, ToolSpec> {
  const none = {} as never;
  const specs: ToolSpec[] = [
    ...memoryTools({} as MemoryBackend),
    ...biTools({ store: none }),
    ...salesTools({ store: none }),
    ...retentionTools({ store: none }),
    ...supportTools({ store: none }),
    ...formatTools(),
  ];
  return new Map(specs.map((s) => [s.name, s]));
}

/** Validates tool arguments against a server tool's zod input shape; returns the issues ('' when valid). */
export function argumentIssues(spec: ToolSpec, args: Record<string, unknown>): string {
  const result = z.strictObject(spec.input as z.ZodRawShape).safeParse(args);
  return result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}
