import { contentWords } from '../../shared/index.js';
import type { AgentMessageSample } from '../store/repositories/crm/index.js';

/** Simple, explainable indicators over an agent's messages (the Agent Analyzer reasons on them). */
export interface MessageIndicators {
  messages_analyzed: number;
  avg_words_per_message: number;
  question_ratio: number;
  exclamation_ratio: number;
  avg_message_sentiment: number | null;
  personalization_ratio: number;
}

/** A word that shows up more often in messages to contacts who converted. */
export interface ConvertingWord {
  word: string;
  lift: number;
  in_converted: number;
  in_other: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Indicators of a set of messages; zeros for an empty set. */
export function messageIndicators(messages: readonly AgentMessageSample[]): MessageIndicators {
  const n = messages.length;
  if (n === 0) {
    return {
      messages_analyzed: 0,
      avg_words_per_message: 0,
      question_ratio: 0,
      exclamation_ratio: 0,
      avg_message_sentiment: null,
      personalization_ratio: 0,
    };
  }
  let words = 0;
  let questions = 0;
  let exclamations = 0;
  let personal = 0;
  const sentiments: number[] = [];
  for (const m of messages) {
    words += m.text.split(/\s+/).filter(Boolean).length;
    if (m.text.includes('?')) questions += 1;
    if (m.text.includes('!')) exclamations += 1;
    // Second-person address is a cheap proxy for personalised messages (PT-BR and English).
    if (/\b(voc[eê]|seu|sua|your|you)\b/i.test(m.text)) personal += 1;
    if (m.sentiment !== null) sentiments.push(m.sentiment);
  }
  return {
    messages_analyzed: n,
    avg_words_per_message: round(words / n, 1),
    question_ratio: round(questions / n),
    exclamation_ratio: round(exclamations / n),
    avg_message_sentiment: sentiments.length ? round(sentiments.reduce((a, b) => a + b, 0) / sentiments.length) : null,
    personalization_ratio: round(personal / n),
  };
}

/**
 * Words whose share of messages is higher among messages to converted contacts than among the rest
 * (document frequency lift, add-one smoothed). Needs both groups; words in fewer than 2 converted
 * messages are ignored as noise.
 */
export function convertingWords(messages: readonly AgentMessageSample[], top = 8): ConvertingWord[] {
  const converted = messages.filter((m) => m.contact_converted);
  const other = messages.filter((m) => !m.contact_converted);
  if (converted.length === 0 || other.length === 0) return [];
  const df = (group: readonly AgentMessageSample[]) => {
    const counts = new Map<string, number>();
    for (const m of group) {
      for (const w of new Set(contentWords(m.text).filter((w) => w.length >= 3)))
        counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    return counts;
  };
  const inConverted = df(converted);
  const inOther = df(other);
  const result: ConvertingWord[] = [];
  for (const [word, c] of inConverted) {
    if (c < 2) continue;
    const o = inOther.get(word) ?? 0;
    const lift = c / converted.length / ((o + 1) / (other.length + 1));
    if (lift > 1) result.push({ word, lift: round(lift), in_converted: c, in_other: o });
  }
  return result.sort((a, b) => b.lift - a.lift || b.in_converted - a.in_converted).slice(0, top);
}
