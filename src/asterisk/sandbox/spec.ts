/** Everything that makes one sandbox Asterisk: its folder, ports, credentials and who may call it. */
export interface SandboxSpec {
  /** The instance folder: rendered config, logs, spool, run files. */
  dir: string;
  /** ARI application name the dialplan hands calls to. */
  app: string;
  bind: string;
  sipPort: number;
  httpPort: number;
  amiPort: number;
  rtpStart: number;
  rtpEnd: number;
  ari: { username: string; password: string };
  ami: { username: string; password: string };
  trunks: SandboxTrunk[];
  operators: SandboxDeskPhone[];
  /** Rendered prompts, as <soundsDir>/<lang>/<name>.wav; Asterisk sees them as sound:hotline/<name>. */
  soundsDir?: string;
  languages: string[];
  /** The SIP edge's address (ip:port) when Kamailio is in front: calls from it name their trunk in a header. */
  edge?: string;
  /** asterisk.conf `systemname`: every node of several needs its own (it prefixes channel ids). */
  systemName?: string;
}

export interface SandboxTrunk {
  name: string;
  /** Source address[:port] that identifies the carrier. */
  match: string[];
  /** Where outbound calls over this trunk go (sip:host:port); defaults to the first match. */
  contact?: string;
  dtmfMode?: "rfc4733" | "info" | "inband" | "auto";
}

export interface SandboxDeskPhone {
  endpoint: string;
  password: string;
  /** A fixed contact (sip:endpoint@host:port) instead of waiting for the phone to register. */
  contact?: string;
}

export interface SandboxRuntime {
  spec: SandboxSpec;
  pid?: number;
  startedAt?: string;
}
