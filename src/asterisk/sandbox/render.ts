import type { SandboxSpec } from "./spec.ts";

/** Fill {{KEY}} placeholders; an unknown key is a bug in our templates, so it throws. */
export function fillTemplate(text: string, values: Record<string, string | number>, name = "template"): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return String(value);
  });
}

/** Values stripped of anything that could end a config line or open a new section. */
export function confValue(value: string): string {
  if (/[\r\n;[\]]/.test(value))
    throw new Error(`value not allowed in an Asterisk config file: ${JSON.stringify(value)}`);
  return value.trim();
}

/** Contexts and transport of the rendered endpoints; an existing Asterisk gets prefixed contexts and its own transport. */
export interface PjsipRenderOptions {
  trunkContext?: string;
  phoneContext?: string;
  /** null: no transport line, Asterisk picks the admin's transport that fits. */
  transport?: string | null;
}

/** pjsip objects for the carrier trunks and the operators' desk phones. */
export function renderPjsipHotline(
  spec: Pick<SandboxSpec, "trunks" | "operators" | "edge">,
  options: PjsipRenderOptions = {},
): string {
  const transport =
    options.transport === undefined
      ? ["transport = transport-udp"]
      : options.transport === null
        ? []
        : [`transport = ${confValue(options.transport)}`];
  const trunkContext = options.trunkContext ?? "from-trunk";
  const out: string[] = ["; Generated from the hotline configuration — edit the YAML, not this file.", ""];
  for (const trunk of spec.trunks) {
    const name = confValue(trunk.name);
    const contact = trunk.contact ?? `sip:${stripMask(trunk.match[0] ?? "127.0.0.1")}`;
    out.push(
      ...carrierEndpoint(name, trunkContext, transport, trunk.dtmfMode ?? "rfc4733", name),
      `[${name}]`,
      "type = aor",
      `contact = ${confValue(contact)}`,
      "",
      ...identify(name, trunk.match),
    );
  }
  if (spec.edge) {
    // Kamailio in front: every trunk's call arrives from it, naming its trunk in X-Hotline-Trunk
    // (the dialplan believes that header from this endpoint only).
    out.push(
      ...carrierEndpoint(EDGE_ENDPOINT, trunkContext, transport, "rfc4733"),
      ...identify(EDGE_ENDPOINT, [spec.edge]),
    );
  }
  for (const phone of spec.operators) {
    const name = confValue(phone.endpoint);
    out.push(
      `[${name}]`,
      "type = endpoint",
      `context = ${options.phoneContext ?? "from-operators"}`,
      ...transport,
      // Only a digest answer with this username (and the right password) is this phone.
      "identify_by = auth_username",
      "allow_unauthenticated_options = no",
      "disallow = all",
      "allow = ulaw,alaw,gsm",
      `auth = ${name}`,
      `aors = ${name}`,
      "direct_media = no",
      "rtp_symmetric = yes",
      "rewrite_contact = yes",
      "dtmf_mode = rfc4733",
      `device_state_busy_at = 1`,
      "",
      `[${name}]`,
      "type = auth",
      "auth_type = userpass",
      `username = ${name}`,
      `password = ${confValue(phone.password)}`,
      "",
      `[${name}]`,
      "type = aor",
      "max_contacts = 1",
      "remove_existing = yes",
      // Behind the edge a phone registers there, and is rung through it (Kamailio knows where it is).
      ...(phone.contact
        ? [`contact = ${confValue(phone.contact)}`]
        : spec.edge
          ? [`contact = sip:${name}@${confValue(spec.edge)}`]
          : []),
      "",
    );
  }
  return out.join("\n");
}

/** The endpoint of a carrier's trunk, or of the edge that stands for them all; `aors` when calls go out on it. */
function carrierEndpoint(name: string, context: string, transport: string[], dtmf: string, aors?: string): string[] {
  return [
    `[${name}]`,
    "type = endpoint",
    `context = ${context}`,
    ...transport,
    // A carrier is who its source address says, never who its From header claims.
    "identify_by = ip",
    "disallow = all",
    "allow = ulaw,alaw,gsm",
    ...(aors ? [`aors = ${aors}`] : []),
    "direct_media = no",
    "rtp_symmetric = yes",
    "rewrite_contact = yes",
    `dtmf_mode = ${dtmf}`,
    "send_rpid = yes",
    // Bridging a caller to an operator would re-INVITE the caller with the desk phone's identity.
    "send_connected_line = no",
    "",
  ];
}

function identify(endpoint: string, matches: readonly string[]): string[] {
  return [
    `[${endpoint}]`,
    "type = identify",
    `endpoint = ${endpoint}`,
    ...matches.map((m) => `match = ${confValue(m)}`),
    "",
  ];
}

/** The pjsip endpoint of the SIP edge (the dialplan names it too). */
export const EDGE_ENDPOINT = "hotline-edge";

function stripMask(match: string): string {
  return match.replace(/\/.*$/, "");
}

/** Every placeholder value the templates in config/asterisk and dialplan/ use. */
export function templateValues(
  spec: SandboxSpec,
  dirs: { etc: string; lib: string; data: string; spool: string; run: string; log: string },
  tree: { modules: string; sbin: string },
): Record<string, string | number> {
  return {
    ETC_DIR: dirs.etc,
    MODULES_DIR: tree.modules,
    LIB_DIR: dirs.lib,
    DATA_DIR: dirs.data,
    SPOOL_DIR: dirs.spool,
    RUN_DIR: dirs.run,
    LOG_DIR: dirs.log,
    SBIN_DIR: tree.sbin,
    APP: confValue(spec.app),
    HTTP_BIND: spec.bind,
    HTTP_PORT: spec.httpPort,
    SIP_BIND: spec.bind,
    SIP_PORT: spec.sipPort,
    AMI_BIND: spec.bind,
    AMI_PORT: spec.amiPort,
    RTP_START: spec.rtpStart,
    RTP_END: spec.rtpEnd,
    ARI_USER: confValue(spec.ari.username),
    ARI_PASSWORD: confValue(spec.ari.password),
    AMI_USER: confValue(spec.ami.username),
    AMI_PASSWORD: confValue(spec.ami.password),
    SYSTEM_NAME: spec.systemName ? `systemname = ${confValue(spec.systemName)}` : "; systemname: not set (one node)",
  };
}
