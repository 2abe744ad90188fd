import type { VentrosError } from '../../shared/index.js';
import type { RunnableAgent } from './context.js';

/** What the tool loop does after a turn. */
export type NextStep =
  /** Answer with `text`; `terminal` asks the enclosing workflow to stop (escalate). */
  | { type: 'final'; text: string; terminal?: boolean }
  /** Tool results went back into the transcript: call the model again. */
  | { type: 'run_again' }
  /** Hand the run to another agent; it continues with the transcript. */
  | { type: 'handoff'; target: RunnableAgent }
  /** A stop condition fired (deadline, cancellation, iteration limit). */
  | { type: 'interrupted'; error: VentrosError };
