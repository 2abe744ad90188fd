export {
  type ArgExpression,
  ArgExpressionSyntaxError,
  holdsFor,
  parseArgExpression,
  valueAt,
} from './arg-expression.js';
export { type Baseline, BaselineSchema, baselineOf, type Regression, regressionsOf } from './baseline.js';
export { type CaseChange, compareReports, type ReportComparison, trajectoryText } from './compare-reports.js';
export { detectLanguage, type LanguageGuess } from './detect-language.js';
export {
  AnswerExpectSchema,
  type EvalCase,
  type EvalCaseInput,
  EvalCaseSchema,
  type EvalFileDefaults,
  EvalFileDefaultsSchema,
  type Expect,
  ExpectSchema,
  expectedAgents,
  type Language,
  LanguageSchema,
  type Trajectory,
  TrajectorySchema,
  type Turn,
  TurnSchema,
} from './eval-case.js';
export { EvalSetError, type EvalSetIssue } from './eval-errors.js';
export {
  type EvalReport,
  EvalReportSchema,
  type ReportCase,
  ReportCaseSchema,
  reportCase,
  type Spread,
  spreadOf,
  summarize,
} from './eval-report.js';
export type { EvalTarget, OpenEvalTarget } from './eval-target.js';
export { renderHtmlReport } from './html-report.js';
export { caseFiles, type LoadedCase, loadEvalSets } from './load-eval-sets.js';
export { type AnswerNumber, answerNumbers, isTraceable, sourceNumbers } from './numbers.js';
export { type CaseRun, namesOf, type RunCaseOptions, runCase } from './run-case.js';
export { type EvalProgress, type RunEvalOptions, runEval } from './run-eval.js';
export * from './scorers/index.js';
export { type BaselineCaseInput, baselineCase, casesToYaml, userMessagesOf } from './session-to-case.js';
export { type SimulatedTurn, type SimulationInput, simulateUser } from './simulate-user.js';
