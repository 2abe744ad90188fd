import { describe, expect, it } from 'vitest';
import { SemanticRouter } from '../../../src/agents/router/index.js';
import { expandedWords } from '../../../src/shared/embedder/text-features.js';
import { LocalEmbedder } from '../../../src/shared/index.js';

// Words that name members every plain object inherits: a lookup table keyed by customers' words must
// not mistake them for entries ("constructor" once threw inside every route).
const INHERITED = Object.getOwnPropertyNames(Object.prototype);

describe('text features on words objects inherit', () => {
  it('expands shorthand and leaves inherited member names as plain words', () => {
    expect(expandedWords('vc tb')).toEqual(['voce', 'tambem']);
    for (const name of INHERITED) {
      const words = expandedWords(`who is the ${name} of this app`);
      expect(words.every((w) => typeof w === 'string')).toBe(true);
    }
    expect(expandedWords('who is the constructor of this app?')).toContain('constructor');
  });

  it('routes a message made of them instead of throwing', async () => {
    const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
    for (const name of INHERITED) {
      const decision = await router.route(`who is the ${name} ${name.toLowerCase()} of this app?`);
      expect(decision.templateId).toEqual(expect.any(String));
    }
  });
});
