import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// Top-level value imports and re-exports (type-only ones are erased by tsc and load nothing).
const STATIC_IMPORT = /^(import|export)\b([^;'"`]*?)\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm;

/** True when every named member of an import clause is `type …` (`import { type A, type B } from`). */
function typeOnly(clause: string): boolean {
  if (/^\s*type\b/.test(clause)) return true;
  const named = clause.match(/\{([^}]*)\}/);
  if (!named || /[^\s{]/.test(clause.replace(/\{[^}]*\}/, ''))) return false;
  const members = (named[1] as string)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  return members.length > 0 && members.every((m) => m.startsWith('type '));
}

function resolveRelative(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  const found = [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!found) throw new Error(`${relative(REPO, from)}: cannot resolve ${specifier}`);
  return found;
}

/** Packages loaded at start-up: the bare specifiers reachable from `entry` by value imports only. */
function startupPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = (match[3] ?? match[4]) as string;
      if (match[2] !== undefined && typeOnly(match[2])) continue;
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else if (!specifier.startsWith('node:')) packages.set(specifier, relative(REPO, file));
    }
  }
  return packages;
}

/**
 * `ventros --help` and `ventros mcp`'s handshake must not wait for the SDKs, drivers and servers a
 * command may need: commands register with commander only and load their work with `import()`
 * (bench/cli-start.bench.ts measures it). A static import of a heavy module from a command breaks it.
 */
describe('CLI start-up', () => {
  it('loads no package but commander before a command runs', () => {
    const packages = startupPackages(join(REPO, 'src/cli/main.ts'));
    expect(Object.fromEntries([...packages].filter(([name]) => name !== 'commander'))).toEqual({});
  });
});
