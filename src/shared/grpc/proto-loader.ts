import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Options every proto is loaded with: field names as written (snake_case), enums as names. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** Our protos, in `proto/`. */
export type ProtoFile = 'agent.proto' | 'agent_registry.proto' | 'memory.proto' | 'tools.proto';

let protoDirCache: string | undefined;

/**
 * The `proto/` folder of the package, found by walking up from this file, so it resolves the same from
 * `src/shared/grpc/` (tsx) and `dist/shared/grpc/` (after tsc) and in an installed package.
 */
export function protoDir(): string {
  if (protoDirCache) return protoDirCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'memory.proto')) && existsSync(join(dir, 'package.json'))) {
      protoDirCache = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('proto/ folder not found above the shared/grpc module');
}

const loaded = new Map<string, grpc.GrpcObject>();

/** Loads one of our protos once per process. */
export function loadProto(file: ProtoFile): grpc.GrpcObject {
  const cached = loaded.get(file);
  if (cached) return cached;
  const definition = protoLoader.loadSync(join(protoDir(), file), PROTO_LOADER_OPTIONS);
  const object = grpc.loadPackageDefinition(definition);
  loaded.set(file, object);
  return object;
}

/** A service constructor by its dotted name, e.g. `ventros.memory.MemoryService`. */
export function serviceConstructor(file: ProtoFile, qualifiedName: string): grpc.ServiceClientConstructor {
  let node: unknown = loadProto(file);
  for (const part of qualifiedName.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function' || !('service' in node)) throw new Error(`service ${qualifiedName} not in ${file}`);
  return node as grpc.ServiceClientConstructor;
}

/** Keepalive settings of the spec (10 s ping, 3 s timeout, pings without calls). */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 3_000,
  'grpc.keepalive_permit_without_calls': 1,
};
