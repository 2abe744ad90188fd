/**
 * Safe readers of tool results as the offline model hands them over (tool name → parsed JSON, or the
 * text when the tool failed or did not answer JSON). The answers only ever quote values read here.
 */

import { formatMoney } from '../../../../shared/index.js';
import { answerLocale } from './answer-locale.js';

export type Results = ReadonlyMap<string, unknown>;

/**
 * A tool call that failed, as the results hold it: the error text the model reads. Policies may act on
 * it (offer a supervisor instead) but never quote it to a customer.
 */
export class ToolFailure {
  constructor(readonly text: string) {}
}

/** The result object of a tool, when it succeeded with JSON. */
export function objectResult(results: Results, tool: string): Record<string, unknown> | undefined {
  const value = results.get(tool);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ToolFailure)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The failure text of a tool, when it failed (or answered text that is not JSON). */
export function errorResult(results: Results, tool: string): string | undefined {
  const value = results.get(tool);
  if (value instanceof ToolFailure) return value.text;
  return typeof value === 'string' ? value : undefined;
}

/** A nested field, e.g. `field(obj, 'offer', 'discount_percent')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Money in the tenant's currency, written for the session's language: 1234.5 → "R$ 1.234,50" in PT-BR. */
export function brl(value: number): string {
  const { language, currency } = answerLocale();
  return formatMoney(value, language, currency);
}

/** The first sentence of a tool error, without internal details. */
export function errorSummary(text: string): string {
  const first = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** The most relevant memory contents found by search_memory (at most `max`). */
export function memoryContents(results: Results, max = 2): string[] {
  const memories = arr(field(results.get('search_memory'), 'memories'));
  return memories
    .map((m) => str(field(m, 'content')))
    .filter((c): c is string => c !== undefined)
    .slice(0, max);
}

/** The customer's first name from tool results that carry one (contact context or customer value). */
export function firstNameFromResults(results: Results): string | undefined {
  const name =
    str(field(results.get('get_contact_context'), 'profile', 'name')) ??
    str(field(results.get('check_customer_value'), 'name'));
  return name?.split(/\s+/)[0];
}
