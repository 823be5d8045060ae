export { VARIABLES, byteSize, InvalidValue, type Config, type Component, type LogLevel, type VariableSpec } from './variables';
export { loadConfig, ConfigError } from './load';
export { renderConfigurationDoc } from './render-docs';
