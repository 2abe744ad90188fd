import type { AgentTemplateInput } from '../template.js';
import { marketingCampaign } from './marketing-campaign.js';
import { marketingContent } from './marketing-content.js';
import { marketingEvent } from './marketing-event.js';

/** Marketing: campaigns and promotions, content, events. */
export const MARKETING_TEMPLATES: readonly AgentTemplateInput[] = [marketingCampaign, marketingContent, marketingEvent];
