import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One relative import of a source file, resolved to the file it loads. */
export interface ImportEdge {
  /** Repository-relative path of the imported file, e.g. `src/agents/model/index.ts`. */
  to: string;
  /** `import('…')`: loaded on use, so it orders no module initialisation. */
  dynamic: boolean;
}

/** Repository-relative source file → the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>;

// Top-level `import … from '…'`, `import '…'`, `export … from '…'`, type-only forms included: a cycle
// of types is still two files that cannot be understood one without the other. Statements start at
// column 0 in formatted code, so text inside template literals and comments is not mistaken for one.
const STATIC_IMPORT = /^(?:import\s*['"]|(?:import|export)\b[^;'"`]*?\bfrom\s*['"])(\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier loads (`./x.js` → `./x.ts`, a folder → its `index.ts`). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * The relative-import graph of every TypeScript file under `root` (e.g. `src`), with paths relative to
 * `base`. Specifiers that resolve to no file are reported, so a parsing gap cannot hide an edge.
 */
export function importGraph(base: string, root: string): { graph: ImportGraph; unresolved: string[] } {
  const graph = new Map<string, ImportEdge[]>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(join(base, root))) {
    const text = readFileSync(file, 'utf8');
    const edges: ImportEdge[] = [];
    const add = (specifier: string, dynamic: boolean) => {
      const target = resolveSpecifier(file, specifier);
      if (target) edges.push({ to: relative(base, target), dynamic });
      else unresolved.push(`${relative(base, file)} → ${specifier}`);
    };
    for (const match of text.matchAll(STATIC_IMPORT)) add(match[1] as string, false);
    for (const match of text.matchAll(DYNAMIC_IMPORT)) add(match[1] as string, true);
    graph.set(relative(base, file), edges);
  }
  return { graph, unresolved };
}

/**
 * The import cycles of a graph, over static imports: each strongly connected component of more than
 * one file (or a file importing itself), its files sorted. Tarjan's algorithm, iterative.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const targets = (file: string) => (graph.get(file) ?? []).filter((e) => !e.dynamic).map((e) => e.to);

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ file: string; edges: string[]; at: number }> = [];
    const open = (file: string) => {
      index.set(file, next);
      low.set(file, next);
      next++;
      stack.push(file);
      onStack.add(file);
      work.push({ file, edges: targets(file), at: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.at < frame.edges.length) {
        const to = frame.edges[frame.at++] as string;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.file, Math.min(low.get(frame.file) ?? 0, index.get(to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file) ?? 0, low.get(frame.file) ?? 0));
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const component: string[] = [];
      let file: string | undefined;
      do {
        file = stack.pop() as string;
        onStack.delete(file);
        component.push(file);
      } while (file !== frame.file);
      if (component.length > 1 || targets(frame.file).includes(frame.file)) cycles.push(component.sort());
    }
  }
  return cycles;
}

/** The top-level folder of a source path under `src/` (`src/agents/x.ts` → `agents`). */
export function layerOf(path: string): string {
  return path.split('/')[1] ?? '';
}
