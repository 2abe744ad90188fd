import type { ApprovalService } from '../../agents/application/index.js';
import type { ElicitationHandler } from '../../host/index.js';

/**
 * Where the host sends the `elicitation/create` requests of the MCP servers it connects to: to its own
 * upstream client when it has one that can show forms (`ventros mcp` sets `upstream`), otherwise into
 * the approvals queue, where a person answers from HTTP, gRPC, RabbitMQ or the CLI. So the host can
 * advertise elicitation honestly: somebody always answers.
 *
 * Queued questions go to `tenantId` (the host's own tenant): a server's request does not say which
 * call it is about.
 */
export class ElicitationRouter {
  upstream: ElicitationHandler | undefined;
  approvals: ApprovalService | undefined;

  constructor(private readonly tenantId: string) {}

  readonly handle: ElicitationHandler = async (params, signal) => {
    if (this.upstream) return this.upstream(params, signal);
    if (!this.approvals) return { action: 'cancel' };
    const requestedSchema = 'requestedSchema' in params ? params.requestedSchema : undefined;
    const answer = await this.approvals.askQueue({
      tenantId: this.tenantId,
      source: 'mcp-server',
      message: params.message,
      ...(requestedSchema ? { requestedSchema } : {}),
      signal,
    });
    return answer.content ? { action: answer.action, content: formContent(answer.content) } : { action: answer.action };
  };
}

type FormValue = string | number | boolean | string[];

/** A form answer holds primitives (and lists of strings) only: what the approver typed, minus anything else. */
function formContent(values: Record<string, unknown>): Record<string, FormValue> {
  const content: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const ok =
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (ok) content[key] = value as FormValue;
  }
  return content;
}
