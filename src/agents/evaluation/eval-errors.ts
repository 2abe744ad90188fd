import { InvalidInputError } from '../../shared/index.js';

/** One problem in an eval set, where it is. */
export interface EvalSetIssue {
  file: string;
  /** 1-based; 0 when the problem is the whole file (unreadable, empty). */
  line: number;
  message: string;
}

/**
 * An eval set that cannot be used: every problem found, each naming its file and line
 * (`evals/retention.yaml:42: case "x": expect.trajectory.mode: …`).
 */
export class EvalSetError extends InvalidInputError {
  readonly issues: readonly EvalSetIssue[];

  constructor(issues: readonly EvalSetIssue[]) {
    const lines = issues.map((i) => `${i.line > 0 ? `${i.file}:${i.line}` : i.file}: ${i.message}`);
    super(`invalid eval set:\n  ${lines.join('\n  ')}`, { issues });
    this.issues = issues;
  }
}
