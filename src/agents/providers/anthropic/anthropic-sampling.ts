import type { ModelRequest } from '../../model/index.js';

/**
 * Whether `top_p` may go in an Anthropic request. Newer Claude models (Opus 4.1, Sonnet 4.5, Haiku 4.5
 * and later) refuse a request that sets both `temperature` and `top_p` with a 400; there the agent's
 * temperature (the seed's per-agent value) is kept and `top_p` left out. Older models (Claude 3.x,
 * Sonnet 4 / Opus 4) take both, as does any model when no temperature is sent.
 *
 * @example
 * sendsTopP('claude-3-5-haiku-latest', { temperature: 0.7, topP: 0.95 }) // → true
 * sendsTopP('claude-sonnet-4-6', { temperature: 0.7, topP: 0.95 })       // → false
 */
export function sendsTopP(model: string, request: Pick<ModelRequest, 'temperature' | 'topP'>): boolean {
  if (request.topP === undefined) return false;
  if (request.temperature === undefined) return true;
  return !refusesBothSamplers(model);
}

function refusesBothSamplers(model: string): boolean {
  // claude-<family>-<major>[-<minor>|-<date>] (4.x names) or claude-<major>[-<minor>]-<family> (3.x names).
  const named = /claude-(?:opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?!\d)/.exec(model);
  const legacy = /claude-(\d+)(?:-(\d{1,2}))?-(?:opus|sonnet|haiku)/.exec(model);
  const match = named ?? legacy;
  if (!match) return true; // unknown naming: assume a current model, which refuses both
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return major > 4 || (major === 4 && minor >= 1);
}
