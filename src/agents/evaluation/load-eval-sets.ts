import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import { ArgExpressionSyntaxError, parseArgExpression } from './arg-expression.js';
import { type EvalCase, EvalCaseSchema, EvalFileDefaultsSchema } from './eval-case.js';
import { EvalSetError, type EvalSetIssue } from './eval-errors.js';

/** A loaded case and where it came from (for messages). */
export interface LoadedCase {
  case: EvalCase;
  file: string;
  line: number;
}

const CASE_FILE = /\.(ya?ml|jsonl)$/i;
const MAX_ISSUES = 50;

/** Finds the line of `path` inside a parsed YAML document (the nearest existing node, or its key). */
type LineOf = (path: ReadonlyArray<PropertyKey>) => number;

function yamlLineOf(root: Node | null | undefined, lines: LineCounter): LineOf {
  return (path) => {
    let node: unknown = root;
    let line = 1;
    const at = (n: unknown) => {
      const range = isNode(n) ? n.range : undefined;
      if (range) line = lines.linePos(range[0]).line;
    };
    at(node);
    for (const key of path) {
      if (!isNode(node) || !('items' in node)) break;
      if (isMap(node)) {
        const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        at(pair.key);
        node = pair.value;
      } else {
        node = (node as { items: unknown[] }).items[Number(key)];
      }
      at(node);
    }
    return line;
  };
}

function issueText(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  return `${where}${issue.message}${keys}`;
}

/** The cases of one parsed file, validated; problems go to `issues` with their lines. */
function casesOf(
  file: string,
  raw: unknown,
  lineOf: LineOf,
  prefix: PropertyKey[],
  issues: EvalSetIssue[],
  defaults: Record<string, unknown> = {},
): LoadedCase[] {
  const label = (value: unknown, index: number) => {
    const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? `case "${id}"` : `case #${index + 1}`;
  };
  if (!Array.isArray(raw)) {
    issues.push({ file, line: lineOf(prefix), message: 'expected a list of cases' });
    return [];
  }
  const out: LoadedCase[] = [];
  raw.forEach((value, index) => {
    const at = [...prefix, index];
    const merged =
      value && typeof value === 'object' && !Array.isArray(value)
        ? {
            ...defaults,
            ...value,
            tags: [...((defaults['tags'] as string[]) ?? []), ...((value as { tags?: string[] }).tags ?? [])],
          }
        : value;
    const parsed = EvalCaseSchema.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({
          file,
          line: lineOf([...at, ...issue.path]),
          message: `${label(value, index)}: ${issueText(issue)}`,
        });
      }
      return;
    }
    const evalCase = parsed.data;
    const expressions: Array<[string, PropertyKey[]]> = evalCase.expect.args.map((s, i) => [s, ['expect', 'args', i]]);
    evalCase.turns.forEach((turn, t) => {
      for (const [i, s] of (turn.expect?.args ?? []).entries())
        expressions.push([s, ['turns', t, 'expect', 'args', i]]);
    });
    let valid = true;
    for (const [source, path] of expressions) {
      try {
        parseArgExpression(source);
      } catch (error) {
        if (!(error instanceof ArgExpressionSyntaxError)) throw error;
        valid = false;
        issues.push({ file, line: lineOf([...at, ...path]), message: `${label(value, index)}: ${error.message}` });
      }
    }
    if (valid) out.push({ case: evalCase, file, line: lineOf(at) });
  });
  return out;
}

function parseYamlFile(file: string, text: string, issues: EvalSetIssue[]): LoadedCase[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      issues.push({
        file,
        line: lines.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0] ?? 'invalid YAML',
      });
    }
    return [];
  }
  const lineOf = yamlLineOf(doc.contents, lines);
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    issues.push({ file, line: 0, message: 'the file has no cases' });
    return [];
  }
  if (Array.isArray(raw)) return casesOf(file, raw, lineOf, [], issues);
  if (typeof raw !== 'object') {
    issues.push({ file, line: 1, message: 'expected a list of cases or {defaults, cases}' });
    return [];
  }
  const { defaults, cases, ...rest } = raw as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    issues.push({ file, line: lineOf([key]), message: `unknown top-level key "${key}" (expected defaults, cases)` });
  }
  const parsedDefaults = EvalFileDefaultsSchema.safeParse(defaults ?? {});
  if (!parsedDefaults.success) {
    for (const issue of parsedDefaults.error.issues) {
      issues.push({ file, line: lineOf(['defaults', ...issue.path]), message: `defaults: ${issueText(issue)}` });
    }
    return [];
  }
  return casesOf(file, cases, lineOf, ['cases'], issues, parsedDefaults.data);
}

function parseJsonlFile(file: string, text: string, issues: EvalSetIssue[]): LoadedCase[] {
  const out: LoadedCase[] = [];
  text.split('\n').forEach((lineText, index) => {
    if (lineText.trim() === '' || lineText.trimStart().startsWith('//')) return;
    let raw: unknown;
    try {
      raw = JSON.parse(lineText);
    } catch (error) {
      issues.push({ file, line: index + 1, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    const found = casesOf(file, [raw], () => index + 1, [], issues);
    out.push(...found);
  });
  return out;
}

/** The case files under `paths` (files as given; folders: their *.yaml, *.yml and *.jsonl, sorted). */
export function caseFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (CASE_FILE.test(name) && statSync(join(path, name)).isFile()) files.push(join(path, name));
      }
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Loads and validates eval sets: YAML (a list of cases, or `{defaults, cases}`) or JSONL (one case a
 * line). Every problem — YAML syntax, schema, argument expressions, duplicate ids — is collected and
 * thrown together as an {@link EvalSetError} naming each file and line.
 *
 * @example
 * const cases = loadEvalSets(['evals']); // every evals/*.yaml and *.jsonl
 */
export function loadEvalSets(paths: readonly string[], options: { cwd?: string } = {}): LoadedCase[] {
  const issues: EvalSetIssue[] = [];
  const loaded: LoadedCase[] = [];
  const show = (file: string) => relative(options.cwd ?? process.cwd(), file) || file;
  let files: string[] = [];
  try {
    files = caseFiles(paths);
  } catch (error) {
    throw new EvalSetError([{ file: String(paths.join(', ')), line: 0, message: (error as Error).message }]);
  }
  for (const path of files) {
    const file = show(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      issues.push({ file, line: 0, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const ext = extname(path).toLowerCase();
    loaded.push(...(ext === '.jsonl' ? parseJsonlFile(file, text, issues) : parseYamlFile(file, text, issues)));
  }
  const seen = new Map<string, LoadedCase>();
  for (const item of loaded) {
    const first = seen.get(item.case.id);
    if (first) {
      issues.push({
        file: item.file,
        line: item.line,
        message: `duplicate case id "${item.case.id}" (first at ${first.file}:${first.line})`,
      });
    } else {
      seen.set(item.case.id, item);
    }
  }
  if (files.length === 0)
    issues.push({ file: paths.join(', '), line: 0, message: 'no *.yaml, *.yml or *.jsonl files' });
  if (issues.length > 0) throw new EvalSetError(issues.slice(0, MAX_ISSUES));
  return loaded;
}
