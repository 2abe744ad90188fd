import { createHash } from 'node:crypto';

/** Providers (Anthropic, Gemini, OpenAI) accept tool names of at most 64 characters. */
export const MAX_TOOL_NAME_LENGTH = 64;

/** Separator between server and tool in a namespaced name. */
export const NAMESPACE_SEPARATOR = '__';

const UNSAFE = /[^a-zA-Z0-9_-]/g;

/** A short hash of the original names: the same inputs give the same suffix on every run. */
function stableSuffix(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 6);
}

/**
 * The provider-safe, collision-free name of a server's tool: `<server>__<tool>`, sanitized to
 * `[a-zA-Z0-9_-]`, at most 64 characters. When sanitizing loses information or the name must be
 * truncated, a hash of the original names is appended, so two tools never share a name.
 *
 * @example namespacedToolName('memory', 'search_memory') // 'memory__search_memory'
 */
export function namespacedToolName(server: string, tool: string): string {
  const plain = `${server}${NAMESPACE_SEPARATOR}${tool}`;
  const safe = plain.replace(UNSAFE, '_');
  if (safe === plain && safe.length <= MAX_TOOL_NAME_LENGTH) return safe;
  const suffix = `_${stableSuffix(server, tool)}`;
  return safe.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length) + suffix;
}

/** A variant of `name` for the rare clash left after namespacing (e.g. server `a__b` + tool `c`). */
export function disambiguate(name: string, server: string, tool: string): string {
  const suffix = `_${stableSuffix('clash', server, tool)}`;
  return name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length) + suffix;
}

/** True when the pattern uses glob syntax (`*` or `?`). */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

const globCache = new Map<string, RegExp>();

/**
 * Matches a name against a glob: `*` any run of characters, `?` one character, everything else
 * literal (case-sensitive).
 *
 * @example matchesGlob('memory__search_memory', 'memory__*') // true
 */
export function matchesGlob(name: string, pattern: string): boolean {
  let regex = globCache.get(pattern);
  if (!regex) {
    const body = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`);
    if (globCache.size < 1000) globCache.set(pattern, regex);
  }
  return regex.test(name);
}

/**
 * Applies a server's `tools: { allow, deny }` filter to a bare tool name. Deny wins; without an
 * allow list everything not denied passes.
 */
export function passesFilter(tool: string, filter: { allow?: string[]; deny?: string[] }): boolean {
  if (filter.deny?.some((pattern) => matchesGlob(tool, pattern))) return false;
  if (filter.allow) return filter.allow.some((pattern) => matchesGlob(tool, pattern));
  return true;
}
