import type { ToolSpec } from '../framework/index.js';
import { assignToAgentTool, createFollowUpTaskTool, updatePipelineStageTool } from './pipeline-tools.js';
import { checkSimilarLeadsTool, getCampaignInfoTool } from './prospecting-tools.js';
import { calculateLeadScoreTool, qualifyLeadTool } from './qualification-tools.js';
import type { SalesDeps } from './sales-context.js';

/** The sales (SDR) server's tools over the local store. */
export function salesTools(deps: SalesDeps): ToolSpec[] {
  return [
    qualifyLeadTool(deps),
    calculateLeadScoreTool(deps),
    updatePipelineStageTool(deps),
    assignToAgentTool(deps),
    createFollowUpTaskTool(deps),
    getCampaignInfoTool(deps),
    checkSimilarLeadsTool(deps),
  ];
}
