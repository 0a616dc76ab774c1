export { type ActionOptions, AmiClient, type AmiClientEvents, type AmiClientOptions } from "./client.ts";
export { AmiAuthError, AmiConnectError, AmiError, AmiNotConnectedError, AmiTimeoutError } from "./errors.ts";
export type { AmiMessage, CoreStatus, EndpointContact, EndpointStatus } from "./parse.ts";
export { type AmiAction, sanitizeAction, stripCrLf } from "./sanitize.ts";
