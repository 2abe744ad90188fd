import { errorMessage } from '../../shared/index.js';
import { SagaCompensatedError } from './errors.js';

/** How to undo a saga step, given what the step returned (undefined when the step itself failed). */
export interface Compensation<T> {
  name: string;
  /** Made of durable steps (`toolStep`, `sendStep`, ...), so a crash while compensating repeats nothing done. */
  run(result: T | undefined): Promise<unknown>;
  /**
   * Also run when this very step fails, not only when a later one does: an apology is the right
   * answer to a welcome that never went out.
   */
  onOwnFailure?: boolean;
}

/**
 * The saga pattern of the seed's CustomerOnboardingSaga: each step registers its compensation once
 * it completed; when a step fails, the registered compensations run newest first, a failing one is
 * noted and skipped (the seed logs it and goes on), and the saga fails with `SagaCompensatedError`.
 * Forward steps and compensations are made of durable steps, so replaying the workflow after a crash
 * rebuilds the same list of compensations from the recorded results.
 *
 * @example
 * const saga = new Saga();
 * return saga.run(async () => {
 *   const account = await saga.step('create_account', () => createAccount(), {
 *     name: 'delete_account',
 *     run: (created) => deleteAccount(created),
 *   });
 * });
 */
export class Saga {
  readonly #compensations: Array<{ name: string; run: () => Promise<unknown> }> = [];
  #current = '';

  /** Runs one forward step and registers its compensation. */
  async step<T>(name: string, forward: () => Promise<T>, compensation?: Compensation<T>): Promise<T> {
    this.#current = name;
    let result: T;
    try {
      result = await forward();
    } catch (error) {
      if (compensation?.onOwnFailure) {
        this.#compensations.push({ name: compensation.name, run: () => compensation.run(undefined) });
      }
      throw error;
    }
    if (compensation) this.#compensations.push({ name: compensation.name, run: () => compensation.run(result) });
    return result;
  }

  /** Runs the saga's body; when it throws, compensates newest first and throws SagaCompensatedError. */
  async run<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const { done, failed } = await this.#compensate();
      throw new SagaCompensatedError(this.#current || 'start', errorMessage(error), done, failed);
    }
  }

  async #compensate(): Promise<{ done: string[]; failed: string[] }> {
    const done: string[] = [];
    const failed: string[] = [];
    for (const compensation of [...this.#compensations].reverse()) {
      try {
        await compensation.run();
        done.push(compensation.name);
      } catch {
        failed.push(compensation.name);
      }
    }
    return { done, failed };
  }
}
