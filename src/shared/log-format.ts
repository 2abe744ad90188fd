import { writeSync } from 'node:fs';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = {
  20: '\x1b[90m',
  30: '\x1b[36m',
  40: '\x1b[33m',
  50: '\x1b[31m',
  60: '\x1b[41m',
};
const RESET = '\x1b[0m';
/** pino's own fields, shown in the line's head or not at all. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'component', 'v']);

/**
 * One pino JSON line as a person reads it: `12:04:31 WARN  [serve] message key=value …`, the error's
 * message and stack under it. Anything that is not JSON passes through.
 *
 * @example
 * formatLogLine('{"level":40,"time":0,"component":"serve","msg":"slow","ms":120}', false);
 * // '00:00:00 WARN  [serve] slow ms=120\n'
 */
export function formatLogLine(line: string, colour: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = Number(record.level);
  const time = new Date(Number(record.time ?? Date.now())).toISOString().slice(11, 19);
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  const head = colour ? `${COLOURS[level] ?? ''}${label}${RESET}` : label;
  const component = typeof record.component === 'string' ? ` [${record.component}]` : '';
  const err = record.err as { message?: string; stack?: string } | undefined;
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key) && key !== 'err')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const text = `${time} ${head}${component} ${String(record.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}`;
  const error = err ? `\n${err.stack ?? err.message ?? ''}`.replace(/\n/g, '\n    ') : '';
  return `${text}${error}\n`;
}

/**
 * A synchronous pino destination on stderr that prints readable lines (`formatLogLine`): what the
 * logger uses on a terminal. Synchronous like the JSON one: commands end with `process.exit`.
 */
export function prettyStderr(colour: boolean): { write(line: string): void } {
  return { write: (line) => void writeSync(2, formatLogLine(line.trimEnd(), colour)) };
}
