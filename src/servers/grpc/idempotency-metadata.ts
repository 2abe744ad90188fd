import * as grpc from '@grpc/grpc-js';

/**
 * gRPC request metadata that carries a writing call's idempotency key to the Go services (ExecuteTool,
 * StoreMemory, AddSession). The same key on a second request means "the same call again": the service
 * returns the first result instead of writing twice. See docs/SCALE-OUT.md, "For the Go services".
 */
export const IDEMPOTENCY_METADATA_KEY = 'x-idempotency-key';

/** Metadata with the key, or undefined when the call has none (a read, a call without a key). */
export function idempotencyMetadata(key: string | undefined): grpc.Metadata | undefined {
  if (!key) return undefined;
  const metadata = new grpc.Metadata();
  metadata.set(IDEMPOTENCY_METADATA_KEY, key);
  return metadata;
}
