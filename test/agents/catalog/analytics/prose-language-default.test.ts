import { describe, expect, it } from 'vitest';
import { call, field, resultsSoFar, scriptedSuite } from '../script-helpers.js';

describe('a prose tool called without `language` (scripted model, real BI server, seeded store)', () => {
  const suite = scriptedSuite();

  /** The analyzer compares João and Maria with `args`, then quotes the first insight. */
  async function compare(message: string, args: Record<string, unknown>) {
    suite.script = (request) => {
      const seen = resultsSoFar(request);
      if (!seen.has('compare_agents'))
        return call(request, 'compare_agents', { agent_a: 'João', agent_b: 'Maria', ...args });
      return String(field<string[]>(seen.get('compare_agents')?.content, 'insights')?.[0] ?? '');
    };
    const result = await suite.seeded.app.execute({ agent: 'agent_analyzer', message, tenantId: 'tenant-demo' });
    return result.response;
  }

  it('gets the conversation’s language, so a Spanish question is not answered with Portuguese sentences', async () => {
    const spanish = await compare('¿Por qué João vende más que María en el último mes?', {});
    // The insight the tool wrote, quoted as is: "João Silva convierte el 40% de los leads frente al …".
    expect(spanish).toMatch(/^João Silva convierte el \d+% de los leads frente al \d+% de Maria Souza\.$/);
    const portuguese = await compare('Por que o João vende mais que a Maria no último mês?', {});
    expect(portuguese).toMatch(/^João Silva converte \d+% dos leads/);
  });

  it('keeps the language the model chose', async () => {
    const chosen = await compare('¿Por qué João vende más que María en el último mes?', { language: 'en' });
    expect(chosen).toMatch(/^João Silva converts \d+% of leads/);
  });
});
