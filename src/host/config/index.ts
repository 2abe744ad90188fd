export { expandEnvDeep, expandString } from './expand-env.js';
export { loadHostConfig, type ParseHostConfigOptions, parseHostConfig } from './parse-config.js';
export {
  type BuiltinServerConfig,
  CONFIG_DEFAULTS,
  type HostConfig,
  type ServerConfig,
  type ServerSettings,
  type StdioServerConfig,
  type UrlServerConfig,
} from './schema.js';
