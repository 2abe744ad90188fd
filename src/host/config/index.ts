export { loadHostConfig, parseHostConfig } from './parse-config.js';
export type { HostConfig, ServerConfig, ServerSettings } from './schema.js';
