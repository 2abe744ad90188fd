import { AgentConfigError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import type { Model } from '../model/index.js';
import { addUsage, ZERO_USAGE } from '../model/index.js';
import type { Tool } from '../tool.js';
import { BaseAgent } from './base-agent.js';
import type { AgentCallbacks } from './callbacks.js';
import type { ActiveContext } from './context.js';
import { customerToolDefinitions } from './customer-tools.js';
import type { AgentOutcome } from './event-factory.js';
import { handoffTool } from './handoff-tool.js';
import { HISTORY_WINDOW, historyWindow } from './history-window.js';
import { compileInstruction, type Instruction } from './instruction-template.js';
import type { LlmSettings } from './llm-settings.js';
import type { NextStep } from './next-step.js';
import { resumeTurn } from './resume-turn.js';
import { runTurn } from './run-turn.js';
import { firstStop, iterationLimit, type LoopState, runAborted, type StopCondition } from './stop-conditions.js';

export interface LlmAgentOptions {
  name: string;
  description: string;
  /** A template with `{key}` / `{key?}` placeholders filled from session state, or a function of state. */
  instruction: Instruction;
  model: Model;
  tools?: Tool[];
  /** Handoff targets, offered to the model as `transfer_to_<name>` tools. */
  subAgents?: BaseAgent[];
  /** May serve a customer run (default false). */
  customerFacing?: boolean;
  temperature?: number;
  /** Nucleus sampling sent with every model call (the seed: 0.95 per agent). */
  topP?: number;
  maxTokens?: number;
  /** Model calls per run of this agent (default 8); then `max_iterations_exceeded`. */
  maxIterations?: number;
  /** Default per tool-call deadline (30 000 ms); a tool's own `timeoutMs` wins. */
  toolTimeoutMs?: number;
  /** Save the final text into `session.state[outputKey]`. */
  outputKey?: string;
  callbacks?: AgentCallbacks;
  /** Use `model.stream` and emit `partial` events (default true). */
  stream?: boolean;
  /** Send the session history (default true). */
  includeHistory?: boolean;
  /** How many history messages to send at most (default 40); never cut between a tool call and its result. */
  historyWindow?: number;
}

/**
 * An agent that thinks with an LLM and acts with tools (ReAct). Each turn: prepare the request → call
 * the model → run the tool calls concurrently → resolve the next step (`final | run_again | handoff |
 * interrupted`). Stop conditions are checked before every model call.
 *
 * @example
 * const agent = new LlmAgent({ name: 'support', description: 'Answers support questions',
 *   instruction: 'You help {customer_name?} with their account.', model, tools: [searchTickets] });
 */
export class LlmAgent extends BaseAgent {
  readonly model: Model;
  readonly tools: readonly Tool[];
  private readonly settings: LlmSettings;
  private readonly stops: readonly StopCondition[];

  constructor(options: LlmAgentOptions) {
    const baseOptions = { name: options.name, description: options.description };
    super({
      ...baseOptions,
      ...(options.subAgents ? { subAgents: options.subAgents } : {}),
      ...(options.callbacks ? { callbacks: options.callbacks } : {}),
      ...(options.customerFacing !== undefined ? { customerFacing: options.customerFacing } : {}),
    });
    this.model = options.model;
    this.tools = options.tools ?? [];
    const tools = new Map<string, Tool>();
    for (const tool of [...this.tools, ...this.subAgents.map(handoffTool)]) {
      if (tools.has(tool.name)) {
        throw new AgentConfigError(`agent "${this.name}" has two tools named "${tool.name}"`, { tool: tool.name });
      }
      tools.set(tool.name, tool);
    }
    const maxIterations = options.maxIterations ?? 8;
    if (!Number.isInteger(maxIterations) || maxIterations < 1) {
      throw new AgentConfigError(`agent "${this.name}": maxIterations must be a positive integer`);
    }
    this.settings = {
      agent: this,
      name: this.name,
      model: options.model,
      instruction: compileInstruction(options.instruction, this.name),
      tools,
      toolDefinitions: [...tools.values()].map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
      })),
      customerToolDefinitions: customerToolDefinitions(tools.values()),
      maxIterations,
      toolTimeoutMs: options.toolTimeoutMs ?? 30_000,
      callbacks: this.callbacks,
      stream: options.stream ?? true,
      includeHistory: options.includeHistory ?? true,
      historyWindow: options.historyWindow ?? HISTORY_WINDOW,
      resolveAgent: (name, ctx) => this.findAgent(name) ?? ctx.root.findAgent(name),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.topP !== undefined ? { topP: options.topP } : {}),
      ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
      ...(options.outputKey !== undefined ? { outputKey: options.outputKey } : {}),
    };
    this.stops = [runAborted, iterationLimit(maxIterations)];
  }

  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    const settings = this.settings;
    const loaded = ctx.session.historyLimit;
    if (settings.includeHistory && loaded !== undefined && loaded < settings.historyWindow) {
      throw new AgentConfigError(
        `agent "${this.name}" sends up to ${settings.historyWindow} history messages but the runner loads ${loaded}: ` +
          "raise the Runner's historyWindow",
      );
    }
    // The history window is cut once per run of the agent; each turn only appends this run's messages.
    const history = settings.includeHistory ? historyWindow(ctx.session.history, settings.historyWindow) : [];
    const loop: LoopState = { agentName: this.name, iteration: 0, usage: ZERO_USAGE, signal: ctx.signal };

    let step: NextStep = { type: 'run_again' };
    // A paused run continues here, in the agent whose call waited, with the person's decision.
    const resume = ctx.approvals?.resume;
    if (resume && !resume.consumed && resume.point.agent === this.name) {
      resume.consumed = true;
      step = yield* resumeTurn(settings, ctx, resume, loop);
    }
    while (step.type === 'run_again') {
      const stop = firstStop(this.stops, loop);
      step = stop ? { type: 'interrupted', error: stop } : yield* runTurn(settings, ctx, history, loop);
    }

    switch (step.type) {
      case 'interrupted':
        throw step.error;
      case 'handoff': {
        ctx.counters.handoffs++;
        const final = yield* this.runChild(step.target, ctx);
        return { text: final.text, usage: addUsage(loop.usage, final.usage), handoffTo: step.target.name };
      }
      case 'final':
        if (settings.outputKey) ctx.session.state[settings.outputKey] = step.text;
        return { text: step.text, usage: loop.usage, ...(step.terminal ? { terminal: true } : {}) };
    }
  }
}
