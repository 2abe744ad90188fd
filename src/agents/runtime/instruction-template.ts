import { AgentError } from '../errors.js';
import { JsonSnapshot } from './json-snapshot.js';

/** An agent's system instruction: a template with `{key}` / `{key?}` placeholders, or a function of state. */
export type Instruction = string | ((state: Readonly<Record<string, unknown>>) => string);

// `{name}`, `{prefix:name}`, optionally `?`-suffixed. JSON in an instruction (`{"a": 1}`) never matches.
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?)(\?)?\}/g;

type Segment = string | { key: string; optional: boolean };

/**
 * Compiles an instruction once into a renderer. String templates are parsed here, so rendering per
 * model call is a join. A missing required key throws `AgentError('missing_state_key')` — before the
 * model is called, naming the agent and the key.
 *
 * @example
 * const render = compileInstruction('Customer plan: {plan}. Notes: {notes?}', 'sales');
 * render({ plan: 'pro' }); // 'Customer plan: pro. Notes: '
 */
export function compileInstruction(
  instruction: Instruction,
  agentName: string,
): (state: Readonly<Record<string, unknown>>) => string {
  if (typeof instruction === 'function') return instruction;
  const segments = parseTemplate(instruction);
  if (segments.length === 1 && typeof segments[0] === 'string') {
    const constant = segments[0];
    return () => constant;
  }
  const render = (state: Readonly<Record<string, unknown>>): string => {
    let out = '';
    for (const segment of segments) {
      if (typeof segment === 'string') {
        out += segment;
        continue;
      }
      const value = state[segment.key];
      if (value === undefined || value === null) {
        if (segment.optional) continue;
        throw new AgentError(
          'missing_state_key',
          `instruction of agent "${agentName}" needs state key "${segment.key}" (write {${segment.key}?} if it is optional)`,
          { details: { agent: agentName, key: segment.key } },
        );
      }
      out += typeof value === 'string' ? value : JSON.stringify(value);
    }
    return out;
  };
  return lastRenderKept(
    segments.flatMap((segment) => (typeof segment === 'string' ? [] : [segment.key])),
    render,
  );
}

/**
 * `render`, answering again with its last text while the state holds the same values under `keys`: a
 * session's instruction is rendered on every model call (several a message) and its values (name,
 * language line, knowledge scope) rarely change. Primitives are compared by value; a plain data value
 * (the knowledge scope object, a new one each run) by a snapshot of its content, so a text is never
 * reused for an object that changed inside; a value a snapshot cannot vouch for renders every time.
 */
function lastRenderKept(
  keys: readonly string[],
  render: (state: Readonly<Record<string, unknown>>) => string,
): (state: Readonly<Record<string, unknown>>) => string {
  /** Per key: the primitive last rendered, or a snapshot of the object last rendered. */
  const lastValues: unknown[] = [];
  let lastText: string | undefined;
  const unchanged = (state: Readonly<Record<string, unknown>>): boolean => {
    for (let i = 0; i < keys.length; i++) {
      const value = state[keys[i] as string];
      const last = lastValues[i];
      if (last instanceof JsonSnapshot ? !last.matches(value) : value !== last) return false;
    }
    return true;
  };
  return (state) => {
    if (lastText !== undefined && unchanged(state)) return lastText;
    const text = render(state);
    lastText = undefined;
    for (let i = 0; i < keys.length; i++) {
      const value = state[keys[i] as string];
      if (typeof value === 'object' && value !== null) {
        const snapshot = JsonSnapshot.of(value);
        if (snapshot === undefined) return text;
        lastValues[i] = snapshot;
      } else {
        lastValues[i] = value;
      }
    }
    lastText = text;
    return text;
  };
}

function parseTemplate(template: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push(template.slice(last, match.index));
    segments.push({ key: match[1] as string, optional: match[2] === '?' });
    last = match.index + match[0].length;
  }
  if (last < template.length || segments.length === 0) segments.push(template.slice(last));
  return segments;
}
