import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, layerOf } from './import-graph.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const { graph, unresolved } = importGraph(REPO, 'src');

/**
 * Cycles that exist today and are being removed elsewhere; each entry is one cycle's files, sorted.
 * Empty this list as they go: the test fails on an entry that is no longer a cycle, too.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const key = (files: readonly string[]) => [...files].sort().join(' ⇄ ');

describe('imports in src', () => {
  it('resolves every relative import to a file (so the checks below see every edge)', () => {
    expect(unresolved).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
  });

  it('form no import cycle, type-only imports included, other than the known ones being removed', () => {
    const found = importCycles(graph).map(key);
    const known = new Set(KNOWN_CYCLES.map(key));
    expect(found.filter((cycle) => !known.has(cycle))).toEqual([]);
    // A fixed cycle must leave the list, so the list only ever shrinks.
    expect([...known].filter((cycle) => !found.includes(cycle))).toEqual([]);
  });
});

/** Layer → the layers it must never import (static or dynamic imports, types included). */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  shared: ['agents', 'host', 'servers', 'bridge', 'cli'],
  agents: ['bridge', 'cli'],
  servers: ['agents', 'bridge', 'cli'],
  host: ['agents', 'bridge', 'cli'],
};

describe('layers', () => {
  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`src/${layer} imports none of ${forbidden.join(', ')}`, () => {
      const violations = [...graph]
        .filter(([file]) => layerOf(file) === layer)
        .flatMap(([file, edges]) =>
          edges.filter((edge) => forbidden.includes(layerOf(edge.to))).map((edge) => `${file} → ${edge.to}`),
        );
      expect(violations).toEqual([]);
    });
  }
});
