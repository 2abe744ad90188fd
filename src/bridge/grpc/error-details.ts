import { join } from 'node:path';
import { Metadata, type status } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { protoDir } from '../../shared/grpc/proto-loader.js';

/** `ErrorDetails` of proto/agent.proto, as the CRM reads it from an error status. */
export interface ErrorDetails {
  code: string;
  message: string;
  metadata?: Record<string, string>;
  suggestions?: string[];
}

/** The error a handler answers: a status, its text, and the details packed for the client. */
export interface DetailedServiceError {
  code: status;
  details: string;
  metadata: Metadata;
}

const TYPE_URL = 'type.googleapis.com/ventros.agents.ErrorDetails';

// google.rpc.Status, the message gRPC defines for `grpc-status-details-bin` (not shipped in our protos).
const STATUS_JSON = {
  nested: {
    google: {
      nested: {
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
          },
        },
        protobuf: {
          nested: { Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } } },
        },
      },
    },
  },
};

let types: { status: protobuf.Type; details: protobuf.Type } | undefined;

function messageTypes() {
  if (!types) {
    const agent = protobuf.loadSync(join(protoDir(), 'agent.proto'));
    types = {
      status: protobuf.Root.fromJSON(STATUS_JSON).lookupType('google.rpc.Status'),
      details: agent.lookupType('ventros.agents.ErrorDetails'),
    };
  }
  return types;
}

/** `grpc-status-details-bin`: a google.rpc.Status whose one detail is our ErrorDetails. */
export function statusDetailsBin(code: status, details: ErrorDetails): Buffer {
  const { status: Status, details: Details } = messageTypes();
  const value = Details.encode(
    Details.fromObject({
      code: details.code,
      message: details.message,
      metadata: details.metadata ?? {},
      suggestions: details.suggestions ?? [],
    }),
  ).finish();
  const packed = Status.encode(
    Status.fromObject({ code, message: details.message, details: [{ type_url: TYPE_URL, value }] }),
  ).finish();
  return Buffer.from(packed);
}

/** Reads the ErrorDetails back from an error's metadata (tests, and Node clients of the service). */
export function errorDetailsOf(metadata: Metadata | undefined): ErrorDetails | undefined {
  const bin = metadata?.get('grpc-status-details-bin')[0];
  if (!Buffer.isBuffer(bin)) return undefined;
  const { status: Status, details: Details } = messageTypes();
  const decoded = Status.toObject(Status.decode(bin), { bytes: Buffer }) as {
    details?: Array<{ type_url: string; value: Buffer }>;
  };
  const any = decoded.details?.find((d) => d.type_url === TYPE_URL);
  if (!any) return undefined;
  return Details.toObject(Details.decode(any.value), { defaults: true }) as ErrorDetails;
}

/** An error status with its ErrorDetails: what every handler of the service answers on failure. */
export function detailedError(code: status, details: ErrorDetails): DetailedServiceError {
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', statusDetailsBin(code, details));
  return { code, details: details.message, metadata };
}

/** True for an error a handler built with {@link detailedError}. */
export function isDetailedError(value: unknown): value is DetailedServiceError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<DetailedServiceError>;
  return (
    typeof candidate.code === 'number' &&
    typeof candidate.details === 'string' &&
    candidate.metadata instanceof Metadata
  );
}
