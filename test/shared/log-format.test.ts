import { afterEach, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { formatLogLine } from '../../src/shared/log-format.js';

describe('readable log lines', () => {
  it('prints time, level, component, message and fields; the error stack under it', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 1, 12, 4, 31),
      pid: 1,
      hostname: 'h',
      name: 'ventros',
      component: 'serve',
      msg: 'slow tool',
      tool: 'bi__report',
      ms: 120,
      trace_id: 'abc',
      err: { message: 'boom', stack: 'Error: boom\n    at x' },
    });
    expect(formatLogLine(line, false)).toBe(
      '12:04:31 WARN  [serve] slow tool tool=bi__report ms=120 trace_id=abc\n    Error: boom\n        at x\n',
    );
    expect(formatLogLine(line, true)).toContain('\x1b[33mWARN \x1b[0m');
    expect(formatLogLine('not json', false)).toBe('not json\n');
  });
});

describe('--quiet and --verbose', () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved;
  });

  it('set the log level before the command runs', async () => {
    for (const [flag, level] of [
      ['--quiet', 'warn'],
      ['-v', 'debug'],
    ] as const) {
      const program = createProgram();
      let seen: string | undefined;
      program.command('noop').action(() => {
        seen = process.env.LOG_LEVEL;
      });
      await program.parseAsync(['node', 'ventros', flag, 'noop']);
      expect(seen).toBe(level);
    }
  });
});
