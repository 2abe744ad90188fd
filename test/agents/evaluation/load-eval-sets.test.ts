import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArgExpressionSyntaxError,
  holdsFor,
  parseArgExpression,
} from '../../../src/agents/evaluation/arg-expression.js';
import { EvalSetError } from '../../../src/agents/evaluation/eval-errors.js';
import { loadEvalSets } from '../../../src/agents/evaluation/load-eval-sets.js';

describe('loading eval sets', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const problems = (paths: string[]) => {
    try {
      loadEvalSets(paths, { cwd: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(EvalSetError);
      return (error as EvalSetError).issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
    }
    throw new Error('expected an EvalSetError');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ventros-evalsets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads YAML with file defaults (tags merged) and JSONL, in file order', () => {
    const yaml = file(
      'ok/a.yaml',
      `defaults:
  tenant: tenant-acme
  tags: [family]
cases:
  - id: one
    contact: contact-bob
    tags: [en]
    turns: ["I want to cancel"]
    expect:
      agents: [retention_churn]
      args: ["create_retention_offer.discount_percent <= 30"]
`,
    );
    file(
      'ok/b.jsonl',
      '{"id": "two", "turns": [{"message": "oi", "expect": {"agents": ["balanced"]}}], "audience": "staff"}\n\n',
    );
    const loaded = loadEvalSets([join(dir, 'ok')], { cwd: dir });
    expect(loaded.map((l) => [l.case.id, l.file, l.line])).toEqual([
      ['one', 'ok/a.yaml', 5],
      ['two', 'ok/b.jsonl', 1],
    ]);
    expect(loaded[0]?.case).toMatchObject({
      tenant: 'tenant-acme',
      tags: ['family', 'en'],
      audience: 'customer',
      agent: 'auto',
    });
    expect(loaded[1]?.case).toMatchObject({ tenant: 'tenant-demo', audience: 'staff', channel: 'whatsapp' });
    expect(loadEvalSets([yaml], { cwd: dir })).toHaveLength(1);
  });

  it('names the file and line of a schema error, an unknown key and a bad argument expression', () => {
    file(
      'bad/a.yaml',
      `cases:
  - id: first
    turns: ["oi"]
    expect:
      trajectory:
        mode: sideways
  - id: second
    turns: ["oi"]
    expct: {agents: [balanced]}
  - id: third
    turns: ["oi"]
    expect:
      args:
        - "create_retention_offer.discount_percent =< 30"
`,
    );
    const found = problems([join(dir, 'bad/a.yaml')]);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^bad\/a\.yaml:6: case "first": expect\.trajectory\.mode: /);
    expect(found[1]).toMatch(/^bad\/a\.yaml:7: case "second": .*\(expct\)/);
    expect(found[2]).toMatch(/^bad\/a\.yaml:14: case "third": expected an operator/);
  });

  it('names the line of a YAML syntax error and of an invalid JSONL line', () => {
    file('syntax/a.yaml', 'cases:\n  - id: x\n    turns: ["oi"\n');
    expect(problems([join(dir, 'syntax/a.yaml')])[0]).toMatch(/^syntax\/a\.yaml:\d+: /);
    file(
      'syntax/b.jsonl',
      '{"id": "ok", "turns": ["oi"]}\n{"id": "broken", "turns": [}\n{"id": "Bad Id", "turns": ["oi"]}\n',
    );
    const found = problems([join(dir, 'syntax/b.jsonl')]);
    expect(found[0]).toMatch(/^syntax\/b\.jsonl:2: invalid JSON/);
    expect(found[1]).toMatch(/^syntax\/b\.jsonl:3: case "Bad Id": id: ids are lower-case/);
  });

  it('rejects a case id used twice, pointing at both places', () => {
    file('dup/a.yaml', 'cases:\n  - id: same\n    turns: ["oi"]\n');
    file('dup/b.yaml', '- id: same\n  turns: ["olá"]\n');
    expect(problems([join(dir, 'dup')])).toEqual(['dup/b.yaml:1: duplicate case id "same" (first at dup/a.yaml:2)']);
  });

  it('rejects a folder with no case files and an unknown top-level key', () => {
    mkdirSync(join(dir, 'empty'));
    expect(problems([join(dir, 'empty')])[0]).toContain('no *.yaml, *.yml or *.jsonl files');
    file('top/a.yaml', 'defaults: {tenant: tenant-demo}\ncases: []\nextra: 1\n');
    expect(problems([join(dir, 'top/a.yaml')])).toEqual([
      'top/a.yaml:3: unknown top-level key "extra" (expected defaults, cases)',
    ]);
  });
});

describe('argument expressions', () => {
  it('parses comparisons, in, matches and exists over nested paths', () => {
    expect(parseArgExpression('create_retention_offer.discount_percent <= 30')).toMatchObject({
      kind: 'compare',
      tool: 'create_retention_offer',
      path: ['discount_percent'],
      op: '<=',
      value: 30,
    });
    expect(parseArgExpression('get_leads_count.period in [\'today\', "yesterday"]')).toMatchObject({
      kind: 'in',
      values: ['today', 'yesterday'],
    });
    expect(parseArgExpression('qualify_lead.budget.score >= 7')).toMatchObject({ path: ['budget', 'score'] });
    expect(parseArgExpression('format_table.rows[0].name == null')).toMatchObject({
      path: ['rows', 0, 'name'],
    });
    expect(parseArgExpression('not exists assign_to_agent.agent_id')).toMatchObject({ kind: 'exists', negated: true });
    expect(parseArgExpression('create_ticket.category matches /bill|cobran/i')).toMatchObject({ kind: 'matches' });
  });

  it('evaluates against arguments, numbers given as strings included', () => {
    const cap = parseArgExpression('create_retention_offer.discount_percent <= 30');
    expect(holdsFor(cap, { discount_percent: 20 }).holds).toBe(true);
    expect(holdsFor(cap, { discount_percent: '40' })).toEqual({ holds: false, actual: '40' });
    expect(holdsFor(cap, {}).holds).toBe(false);
    expect(holdsFor(parseArgExpression("update_pipeline_stage.stage_id != 'won'"), { stage_id: 'won' }).holds).toBe(
      false,
    );
    expect(holdsFor(parseArgExpression('exists create_follow_up_task.due_at'), { due_at: '2026-12-01' }).holds).toBe(
      true,
    );
    expect(holdsFor(parseArgExpression('create_ticket.category matches /bill/'), { category: 'billing' }).holds).toBe(
      true,
    );
  });

  it('rejects malformed expressions with what was expected, and never evaluates code', () => {
    for (const bad of [
      'discount <= 30',
      'create_retention_offer.discount_percent',
      'x.y <= ',
      'x.y == process.exit(1)',
      'x.y in [1',
      'x.y <= 30 extra',
    ]) {
      expect(() => parseArgExpression(bad)).toThrow(ArgExpressionSyntaxError);
    }
  });
});
