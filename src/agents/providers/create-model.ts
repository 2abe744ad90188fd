import { InvalidInputError, logger } from '../../shared/index.js';
import type { Model } from '../model/index.js';
import { AnthropicModel, DEFAULT_ANTHROPIC_MODEL } from './anthropic/index.js';
import { DEFAULT_GEMINI_MODEL, GeminiModel } from './gemini/index.js';
import { withModelCircuitBreaker } from './model-circuit-breaker.js';
import { OfflineModel } from './offline/index.js';
import type { RetryPolicy } from './retry.js';
import { type SamplingEnv, samplingDefaults, withSamplingDefaults } from './sampling-defaults.js';

/** A parsed `VENTROS_MODEL`. */
export type ModelSpec =
  | { provider: 'anthropic'; model: string }
  | { provider: 'gemini'; model: string }
  | { provider: 'offline' };

/** The variables `createModel` reads (a `loadEnv()` result or `process.env` both fit). */
export interface ModelEnv extends SamplingEnv {
  VENTROS_MODEL?: string | undefined;
  /** The seed's name for the default model, under VENTROS_MODEL: a spec or a bare model name. */
  AGENT_DEFAULT_MODEL?: string | undefined;
  ANTHROPIC_API_KEY?: string | undefined;
  ANTHROPIC_BASE_URL?: string | undefined;
  GEMINI_API_KEY?: string | undefined;
  GEMINI_BASE_URL?: string | undefined;
}

/** Extra knobs for the provider models (tests shorten the retry waits). */
export interface CreateModelOptions {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

const ACCEPTED =
  '"anthropic:<model>" (e.g. anthropic:claude-sonnet-4-6), "gemini:<model>" (e.g. gemini:gemini-2.5-flash) or "offline"';
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._\-/@]*$/;

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Parses a model spec. Throws `InvalidInputError` naming the accepted forms.
 *
 * @example
 * parseModelSpec('gemini:gemini-2.5-flash') // → { provider: 'gemini', model: 'gemini-2.5-flash' }
 */
export function parseModelSpec(spec: string): ModelSpec {
  const value = spec.trim();
  if (value === 'offline') return { provider: 'offline' };
  const at = value.indexOf(':');
  const provider = at > 0 ? value.slice(0, at) : '';
  const model = at > 0 ? value.slice(at + 1) : '';
  if ((provider === 'anthropic' || provider === 'gemini') && MODEL_NAME.test(model)) return { provider, model };
  throw new InvalidInputError(`invalid model "${spec}": expected ${ACCEPTED}`, { spec });
}

/**
 * The default spec when none is given: Anthropic if `ANTHROPIC_API_KEY` is set, else Gemini if
 * `GEMINI_API_KEY` is set, else the offline policy.
 */
export function defaultModelSpec(env: ModelEnv): ModelSpec {
  if (clean(env.ANTHROPIC_API_KEY)) return { provider: 'anthropic', model: DEFAULT_ANTHROPIC_MODEL };
  if (clean(env.GEMINI_API_KEY)) return { provider: 'gemini', model: DEFAULT_GEMINI_MODEL };
  return { provider: 'offline' };
}

/**
 * `AGENT_DEFAULT_MODEL` as a spec. The seed writes a bare model name (`gemini-2.0-flash`); its provider
 * is read from the name (`gemini-…` → Gemini, `claude-…` → Anthropic). A full spec is taken as it is.
 */
export function agentDefaultModelSpec(value: string): string {
  const name = value.trim();
  if (name === 'offline' || name.includes(':')) return name;
  if (/^gemini-/i.test(name)) return `gemini:${name}`;
  if (/^claude-/i.test(name)) return `anthropic:${name}`;
  throw new InvalidInputError(
    `invalid AGENT_DEFAULT_MODEL "${value}": expected a gemini-… or claude-… model name, or ${ACCEPTED}`,
    { variable: 'AGENT_DEFAULT_MODEL' },
  );
}

/** A provider's model behind a circuit breaker that logs when it opens. */
function guarded(model: Model): Model {
  return withModelCircuitBreaker(model, {
    onOpen: ({ model: id, failures, cooldownMs }) =>
      logger.warn({ model: id, failures, cooldown_ms: cooldownMs }, 'model provider down: failing calls fast'),
  });
}

/**
 * The model for `spec` (default: `env.VENTROS_MODEL`, else `env.AGENT_DEFAULT_MODEL`, else
 * {@link defaultModelSpec}). A provider without its key is an `InvalidInputError` that says which
 * variable to set. `AGENT_MAX_TOKENS` / `AGENT_TEMPERATURE` fill requests that set neither (see
 * {@link withSamplingDefaults} for the precedence).
 *
 * @example
 * const model = createModel(undefined, loadEnv()); // anthropic, gemini or offline
 */
export function createModel(spec?: string, env: ModelEnv = process.env, options: CreateModelOptions = {}): Model {
  const seedDefault = clean(env.AGENT_DEFAULT_MODEL);
  const raw = clean(spec) ?? clean(env.VENTROS_MODEL) ?? (seedDefault ? agentDefaultModelSpec(seedDefault) : undefined);
  const defaults = samplingDefaults(env);
  const parsed = raw === undefined ? defaultModelSpec(env) : parseModelSpec(raw);
  const common = {
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  switch (parsed.provider) {
    case 'offline':
      return withSamplingDefaults(new OfflineModel(), defaults);
    case 'anthropic': {
      const apiKey = clean(env.ANTHROPIC_API_KEY);
      if (!apiKey) {
        throw new InvalidInputError(
          `model "anthropic:${parsed.model}" needs ANTHROPIC_API_KEY: set it, or use VENTROS_MODEL=offline`,
        );
      }
      const baseURL = clean(env.ANTHROPIC_BASE_URL);
      return withSamplingDefaults(
        guarded(new AnthropicModel({ model: parsed.model, apiKey, ...(baseURL ? { baseURL } : {}), ...common })),
        defaults,
      );
    }
    case 'gemini': {
      const apiKey = clean(env.GEMINI_API_KEY);
      if (!apiKey) {
        throw new InvalidInputError(
          `model "gemini:${parsed.model}" needs GEMINI_API_KEY: set it, or use VENTROS_MODEL=offline`,
        );
      }
      const baseUrl = clean(env.GEMINI_BASE_URL);
      return withSamplingDefaults(
        guarded(new GeminiModel({ model: parsed.model, apiKey, ...(baseUrl ? { baseUrl } : {}), ...common })),
        defaults,
      );
    }
  }
}
