/** The configuration model: load and validate the YAML file, report located issues, watch for changes. */
export { checkCrossReferences } from "./crossrefs.ts";
export { type ConfigIssue, type ConfigPath, displayFile, formatIssue, formatPath, sortIssues } from "./format.ts";
export { INCLUDE_TAG } from "./include.ts";
export { type Env, interpolate } from "./interpolate.ts";
export { configJsonSchema, configJsonSchemaText } from "./json-schema.ts";
export { type LoadOptions, type LoadResult, loadConfig, loadConfigSync } from "./load.ts";
export type { PathIssue } from "./locate.ts";
export { DEFAULT_CONFIG, EXAMPLE_CONFIG, resolveConfigPath } from "./paths.ts";
export {
  type DirectoryEntry,
  type HotlineConfig,
  type HotlineSettings,
  hotlineConfigSchema,
  type OperatorSettings,
  type ParsedConfig,
  type TopicSettings,
  type TrunkSettings,
} from "./schema.ts";
export { type ConfigWatcher, type WatchLogger, type WatchOptions, watchConfig } from "./watch.ts";
