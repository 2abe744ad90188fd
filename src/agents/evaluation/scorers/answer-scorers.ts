import { detectLanguage } from '../detect-language.js';
import { excerpt, expectScopes, type Scorer, scoped, turnLabel } from './scorer.js';

/** A pattern of the case format: `/regex/flags` (always case-insensitive) or a case-insensitive substring. */
export function matchesPattern(text: string, pattern: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (regex) {
    const flags = (regex[2] as string).includes('i') ? (regex[2] as string) : `${regex[2]}i`;
    return new RegExp(regex[1] as string, flags.replace('g', '')).test(text);
  }
  return text.normalize('NFC').toLowerCase().includes(pattern.normalize('NFC').toLowerCase());
}

/** `language`: every answer in the scope is in the expected language (pt, en, es). */
export const languageScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const expected = scope.expect.answer?.language;
    if (!expected) return [];
    const wrong: string[] = [];
    for (const i of scope.turns) {
      const response = ctx.turns[i]?.result?.response;
      if (response === undefined) {
        wrong.push(`${turnLabel(ctx, i)}no answer`);
        continue;
      }
      const guess = detectLanguage(response);
      if (guess.language !== expected) {
        wrong.push(`${turnLabel(ctx, i)}${guess.language ?? 'undetermined'} ("${excerpt(response, 50)}")`);
      }
    }
    return [
      {
        kind: 'language',
        passed: wrong.length === 0,
        detail: scoped(scope, wrong.length === 0 ? expected : `expected ${expected}, got ${wrong.join('; ')}`),
      },
    ];
  });

/** `contains`: the scope's last answer matches each pattern (a list: any of them). */
export const containsScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const patterns = scope.expect.answer?.contains ?? [];
    if (patterns.length === 0) return [];
    const response = ctx.turns[scope.turns.at(-1) ?? -1]?.result?.response ?? '';
    const missing = patterns.filter((p) => !(Array.isArray(p) ? p : [p]).some((one) => matchesPattern(response, one)));
    const shown = (p: string | string[]) => (Array.isArray(p) ? p.join(' | ') : p);
    return [
      {
        kind: 'contains',
        passed: missing.length === 0,
        detail: scoped(
          scope,
          missing.length === 0
            ? patterns.map(shown).join(', ')
            : `missing ${missing.map(shown).join(', ')} in "${excerpt(response)}"`,
        ),
      },
    ];
  });

/** `not_contains`: no answer of the scope matches any of the patterns. */
export const notContainsScorer: Scorer = (ctx) =>
  expectScopes(ctx).flatMap((scope) => {
    const patterns = scope.expect.answer?.not_contains ?? [];
    if (patterns.length === 0) return [];
    const found: string[] = [];
    for (const i of scope.turns) {
      const response = ctx.turns[i]?.result?.response ?? '';
      for (const pattern of patterns)
        if (matchesPattern(response, pattern)) found.push(`${turnLabel(ctx, i)}${pattern}`);
    }
    return [
      {
        kind: 'not_contains',
        passed: found.length === 0,
        detail: scoped(scope, found.length === 0 ? `none of ${patterns.join(', ')}` : `found ${found.join(', ')}`),
      },
    ];
  });
