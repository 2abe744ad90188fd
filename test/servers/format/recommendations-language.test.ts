import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatTools } from '../../../src/servers/format/format-tools.js';
import type { CallContext, ToolSpec } from '../../../src/servers/framework/index.js';

/** generate_recommendations writes its actions in the asker's language; Portuguese when none is given. */

const tool = formatTools().find((t) => t.name === 'generate_recommendations') as ToolSpec;
const ctx = { tenantId: 'tenant-demo', audience: 'staff', signal: new AbortController().signal } as CallContext;

async function recommend(args: Record<string, unknown>): Promise<{ recommendations: string[] }> {
  return (await tool.handler(z.object(tool.input).parse(args) as never, ctx)) as { recommendations: string[] };
}

const input = {
  strengths: [],
  weaknesses: ['response_time (tempo de resposta) abaixo de Emma', 'tono poco empático'],
  comparison_data: { winner_name: 'Emma', winner_strategies: ['answers within 2 min'] },
};

describe('generate_recommendations in the asker’s language', () => {
  it('keeps Portuguese for callers that pass no language', async () => {
    const { recommendations } = await recommend(input);
    expect(recommendations).toEqual([
      'Adotar templates para perguntas comuns + priorização de urgentes',
      'Treinamento: Comunicação empática + framework de escuta ativa',
      'Observar estratégias de Emma: answers within 2 min',
    ]);
  });

  it('writes English and Spanish actions', async () => {
    expect((await recommend({ ...input, language: 'en' })).recommendations).toEqual([
      'Adopt templates for common questions + prioritise urgent ones',
      'Training: empathetic communication + active listening framework',
      "Study Emma's strategies: answers within 2 min",
    ]);
    expect((await recommend({ ...input, language: 'es' })).recommendations).toEqual([
      'Adoptar plantillas para preguntas frecuentes + priorizar las urgentes',
      'Capacitación: comunicación empática + marco de escucha activa',
      'Observar las estrategias de Emma: answers within 2 min',
    ]);
  });
});
