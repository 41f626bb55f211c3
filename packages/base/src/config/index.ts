// config: zod-validated YAML/JSON config files with ${ENV} interpolation, and parseOptions for
// validating constructor options with readable errors.
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { parseOptions, type ParseOptionsOptions } from './parse-options.js';
export {
  interpolateEnv,
  type EnvSource,
  type InterpolationProblem,
  type InterpolationResult,
} from './interpolate.js';
export { configFormatOf, parseConfigText, type ConfigFormat } from './parse-text.js';
export { readableIssues, describeValueKind, formatIssueLines, type ReadableIssue } from './zod-issues.js';
export { formatConfigPath, valueAtPath, type ConfigPathSegment } from './config-path.js';
