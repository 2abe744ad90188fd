import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

const ComposeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      build: z.string().optional(),
      image: z.string().optional(),
      ports: z.array(z.string()).optional(),
      environment: z.record(z.string(), z.string()).optional(),
      depends_on: z
        .record(z.string(), z.object({ condition: z.enum(['service_healthy', 'service_started']) }))
        .optional(),
      healthcheck: z.object({ test: z.array(z.string()) }).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.null()).optional(),
});

/** Docker cannot run here; the recipe is linted and cross-checked instead (the image is built elsewhere). */
describe('the container recipe', () => {
  it('has a Dockerfile the linter finds nothing wrong with (and the linter does find faults)', () => {
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(validate('FROM node:20\nEXPOSE port\nCOPY\n').length).toBeGreaterThan(0);
  });

  it('copies only what the repository has, and runs the built CLI', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      (m[1] as string).split(/\s+/),
    );
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "dist/cli/main.js"]');
  });

  it('has a compose file whose service reaches the broker and database it starts, once they are healthy', () => {
    const compose = ComposeSchema.parse(parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')));
    const app = compose.services['ventros'];
    expect(app?.build).toBe('.');
    for (const [name, dependency] of Object.entries(app?.depends_on ?? {})) {
      expect(compose.services[name]?.healthcheck, `${name} has a healthcheck`).toBeDefined();
      expect(dependency.condition).toBe('service_healthy');
    }
    expect(new URL(app?.environment?.['RABBITMQ_URL'] ?? '').hostname).toBe('rabbitmq');
    expect(new URL(app?.environment?.['DATABASE_URL'] ?? '').hostname).toBe('postgres');
    const exposed = [...dockerfile.matchAll(/^EXPOSE (.+)$/gm)].flatMap((m) => (m[1] as string).split(/\s+/));
    expect((app?.ports ?? []).map((p) => p.split(':').at(-1))).toEqual(exposed);
  });
});
