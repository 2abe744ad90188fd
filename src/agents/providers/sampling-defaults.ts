import { AgentMaxTokensSchema, AgentTemperatureSchema } from '../../shared/config.js';
import { InvalidInputError } from '../../shared/index.js';
import type { Model, ModelRequest } from '../model/index.js';

/** Process-wide sampling defaults: the seed's `AGENT_MAX_TOKENS` and `AGENT_TEMPERATURE`. */
export interface SamplingDefaults {
  maxTokens?: number;
  temperature?: number;
}

/** The variables {@link samplingDefaults} reads: raw strings (`process.env`) or a parsed `loadEnv()`. */
export interface SamplingEnv {
  AGENT_MAX_TOKENS?: string | number | undefined;
  AGENT_TEMPERATURE?: string | number | undefined;
}

/**
 * Reads `AGENT_MAX_TOKENS` and `AGENT_TEMPERATURE`. A bad value is an `InvalidInputError` naming the
 * variable and what it expects.
 */
export function samplingDefaults(env: SamplingEnv): SamplingDefaults {
  const out: SamplingDefaults = {};
  const maxTokens = AgentMaxTokensSchema.safeParse(env.AGENT_MAX_TOKENS);
  if (!maxTokens.success) throw badVariable('AGENT_MAX_TOKENS', maxTokens.error.issues[0]?.message);
  const temperature = AgentTemperatureSchema.safeParse(env.AGENT_TEMPERATURE);
  if (!temperature.success) throw badVariable('AGENT_TEMPERATURE', temperature.error.issues[0]?.message);
  if (maxTokens.data !== undefined) out.maxTokens = maxTokens.data;
  if (temperature.data !== undefined) out.temperature = temperature.data;
  return out;
}

function badVariable(name: string, message: string | undefined): InvalidInputError {
  return new InvalidInputError(`invalid environment: ${name}: ${message ?? 'bad value'}`, { variable: name });
}

/**
 * `model` with the defaults filled into requests that set no value of their own. Precedence, highest
 * first: the run's options (ExecutionOptions) → the agent's own value (its template) → these defaults →
 * the provider's own default (Anthropic: 4096 tokens).
 */
export function withSamplingDefaults(model: Model, defaults: SamplingDefaults): Model {
  if (defaults.maxTokens === undefined && defaults.temperature === undefined) return model;
  const fill = (request: ModelRequest): ModelRequest => {
    const filled = { ...request };
    if (filled.maxTokens === undefined && defaults.maxTokens !== undefined) filled.maxTokens = defaults.maxTokens;
    if (filled.temperature === undefined && defaults.temperature !== undefined) {
      filled.temperature = defaults.temperature;
    }
    return filled;
  };
  return {
    id: model.id,
    provider: model.provider,
    generate: (request) => model.generate(fill(request)),
    stream: (request) => model.stream(fill(request)),
  };
}
