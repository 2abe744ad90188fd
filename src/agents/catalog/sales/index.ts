import type { AgentTemplateInput } from '../template.js';
import { salesClosing } from './sales-closing.js';
import { salesNegotiation } from './sales-negotiation.js';
import { salesProspecting } from './sales-prospecting.js';
import { sdr } from './sdr.js';

/** Sales: prospecting, negotiation, closing and the SDR (first contact + qualification + assignment). */
export const SALES_TEMPLATES: readonly AgentTemplateInput[] = [salesProspecting, salesNegotiation, salesClosing, sdr];
