import { describe, expect, it } from 'vitest';
import { parseBantResult } from '../../../src/agents/durable-workflows/index.js';

describe('parseBantResult', () => {
  it('reads the JSON answer inside a fenced block', () => {
    const response =
      'Análise:\n```json\n{"is_qualified": true, "score": 9, "reasoning": "orçamento aprovado {Q3}"}\n```';
    expect(parseBantResult({ response })).toEqual({
      is_qualified: true,
      score: 9,
      reasoning: 'orçamento aprovado {Q3}',
      source: 'agent_json',
    });
  });

  it('skips JSON that is not a BANT answer and takes the one that is', () => {
    const response = 'Dados {"lead": 1} e resultado {"is_qualified": false, "score": 3, "reasoning": "sem verba"}';
    expect(parseBantResult({ response })).toMatchObject({ is_qualified: false, score: 3, source: 'agent_json' });
  });

  it('derives the answer from the lead score the agent computed when it wrote no JSON', () => {
    expect(
      parseBantResult({
        response: 'Lead morno.',
        tool_calls: [
          { tool_name: 'sales__calculate_lead_score', output: '{"total_score": 72, "classification": "warm"}' },
        ],
      }),
    ).toMatchObject({ is_qualified: true, score: 7.2, source: 'lead_score_tool' });
    expect(
      parseBantResult({
        response: 'BANT registrado.',
        tool_calls: [{ tool_name: 'qualify_lead', output: '{"bant_points": 18, "score": null}' }],
      }),
    ).toMatchObject({ is_qualified: false, score: 4.5, source: 'lead_score_tool' });
  });

  it('answers not qualified, with the reason, when there is nothing to read', () => {
    expect(parseBantResult({ response: 'Preciso de mais informações. {não é json' })).toMatchObject({
      is_qualified: false,
      score: 0,
      source: 'none',
      reasoning: expect.stringContaining('no BANT assessment'),
    });
  });
});
