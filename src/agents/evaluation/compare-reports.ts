import type { EvalReport, ReportCase } from './eval-report.js';

/** One case whose behaviour changed between two reports. */
export interface CaseChange {
  id: string;
  repeat: number;
  changes: Array<{ what: 'agent' | 'trajectory' | 'verdict'; before: string; after: string }>;
}

/** What changed between an old and a new report. */
export interface ReportComparison {
  changed: CaseChange[];
  /** Cases only in the new report / only in the old one. */
  added: string[];
  removed: string[];
  pass_rate: { before: number; after: number };
}

/** The tools a case called, turn by turn: `search_memory, create_retention_offer | search_memory`. */
export function trajectoryText(c: ReportCase): string {
  return c.turns.map((t) => t.tool_calls.map((call) => call.tool_name).join(', ') || '-').join(' | ');
}

const keyOf = (c: ReportCase) => `${c.id}#${c.repeat}`;

/**
 * The cases whose answering agent, tool trajectory or verdict differ between two reports (matched by
 * id and repetition), plus the cases only one of them has.
 *
 * @example
 * for (const c of compareReports(old, fresh).changed) console.log(c.id, c.changes);
 */
export function compareReports(before: EvalReport, after: EvalReport): ReportComparison {
  const old = new Map(before.cases.map((c) => [keyOf(c), c]));
  const fresh = new Map(after.cases.map((c) => [keyOf(c), c]));
  const changed: CaseChange[] = [];
  for (const [key, now] of fresh) {
    const then = old.get(key);
    if (!then) continue;
    const changes: CaseChange['changes'] = [];
    if (then.agent !== now.agent) changes.push({ what: 'agent', before: then.agent, after: now.agent });
    const [t0, t1] = [trajectoryText(then), trajectoryText(now)];
    if (t0 !== t1) changes.push({ what: 'trajectory', before: t0, after: t1 });
    if (then.passed !== now.passed) {
      changes.push({ what: 'verdict', before: then.passed ? 'pass' : 'fail', after: now.passed ? 'pass' : 'fail' });
    }
    if (changes.length > 0) changed.push({ id: now.id, repeat: now.repeat, changes });
  }
  const ids = (m: Map<string, ReportCase>, other: Map<string, ReportCase>) =>
    [...new Set([...m.entries()].filter(([k]) => !other.has(k)).map(([, c]) => c.id))].sort();
  return {
    changed,
    added: ids(fresh, old),
    removed: ids(old, fresh),
    pass_rate: { before: before.summary.pass_rate, after: after.summary.pass_rate },
  };
}
