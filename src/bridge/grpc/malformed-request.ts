import type { ServiceDefinition } from '@grpc/grpc-js';
import { errorMessage } from '../../shared/index.js';

const MALFORMED = Symbol('malformed request');

/** A request whose bytes did not decode: the handler answers INVALID_ARGUMENT with the problem. */
export interface MalformedRequest {
  [MALFORMED]: true;
  problem: string;
}

export function isMalformed(request: unknown): request is MalformedRequest {
  return typeof request === 'object' && request !== null && MALFORMED in request;
}

/**
 * The service definition with request decoding that never throws: grpc-js answers a request it cannot
 * deserialize with INTERNAL, as if the server had failed, while the caller sent bytes that are not the
 * message. Undecodable bytes reach the handler as a {@link MalformedRequest} instead.
 */
export function withMalformedRequests(definition: ServiceDefinition): ServiceDefinition {
  const wrapped: Record<string, ServiceDefinition[string]> = {};
  for (const [name, method] of Object.entries(definition)) {
    wrapped[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          const malformed: MalformedRequest = {
            [MALFORMED]: true,
            problem: `the request is not a valid ${name} message: ${errorMessage(error)}`,
          };
          return malformed;
        }
      },
    };
  }
  return wrapped as ServiceDefinition;
}
