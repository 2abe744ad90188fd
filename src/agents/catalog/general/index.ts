import type { AgentTemplateInput } from '../template.js';
import { balanced } from './balanced.js';

/** The generalist: greetings, general questions, and whatever no specialist clearly owns (router fallback). */
export const GENERAL_TEMPLATES: readonly AgentTemplateInput[] = [balanced];
