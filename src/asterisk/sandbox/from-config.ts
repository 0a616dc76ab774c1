import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AsteriskConnection } from "../connection.ts";
import { SandboxInstance } from "./instance.ts";
import type { SandboxSpec } from "./spec.ts";

/** The part of the hotline configuration that shapes the sandbox Asterisk. */
export interface SandboxConfig {
  organization: { languages: string[] };
  asterisk: {
    app: string;
    sandbox: { sipPort: number; httpPort: number; amiPort: number; rtpStart: number; rtpEnd: number; dir?: string };
  };
  trunks: { name: string; match: string[]; contact?: string; dtmfMode?: "rfc4733" | "info" | "inband" | "auto" }[];
  operators: Record<string, { endpoint: string; contact?: string }>;
  /** Supervisors' desk phones are endpoints like operators' (monitored calls ring there). */
  supervisors?: Record<string, { endpoint: string; contact?: string }>;
  /** Directory entries on desk phones of their own are desk phones of the sandbox too. */
  directory?: Record<string, { endpoint?: string; contact?: string }>;
  sounds: { dir: string };
  edge?: { listen: string };
}

export interface Credentials {
  ari: { username: string; password: string };
  ami: { username: string; password: string };
  deskPhones: Record<string, string>;
}

/** Where `hotline asterisk start` keeps its instance: asterisk.sandbox.dir, else ./var/asterisk. */
export function sandboxDir(config: SandboxConfig): string {
  return resolve(config.asterisk.sandbox.dir ?? join(process.cwd(), "var", "asterisk"));
}

/**
 * The sandbox for a configuration. Passwords are generated on first use and kept (mode 0600) in the
 * instance folder, so there is no default password and restarts keep the same ones.
 */
export async function sandboxForConfig(config: SandboxConfig, dir = sandboxDir(config)): Promise<SandboxInstance> {
  const deskPhones = deskPhonesFor(config);
  const credentials = await loadCredentials(
    dir,
    deskPhones.map((o) => o.endpoint),
  );
  const s = config.asterisk.sandbox;
  const spec: SandboxSpec = {
    dir,
    app: config.asterisk.app,
    bind: "127.0.0.1",
    sipPort: s.sipPort,
    httpPort: s.httpPort,
    amiPort: s.amiPort,
    rtpStart: s.rtpStart,
    rtpEnd: s.rtpEnd,
    ari: credentials.ari,
    ami: credentials.ami,
    trunks: config.trunks.map((t) => ({ name: t.name, match: t.match, contact: t.contact, dtmfMode: t.dtmfMode })),
    operators: deskPhones.map((o) => ({
      endpoint: o.endpoint,
      password: credentials.deskPhones[o.endpoint] ?? "",
      contact: o.contact,
    })),
    soundsDir: config.sounds.dir,
    languages: config.organization.languages,
    ...(config.edge ? { edge: config.edge.listen } : {}),
  };
  return new SandboxInstance(spec);
}

/** Every desk phone of the configuration: operators', supervisors' and the directory's own. */
export function deskPhonesFor(
  config: Pick<SandboxConfig, "operators" | "supervisors" | "directory">,
): { endpoint: string; contact?: string | undefined }[] {
  const known = new Set(Object.values(config.operators).map((o) => o.endpoint));
  return [
    ...Object.values(config.operators),
    ...Object.values(config.supervisors ?? {}),
    ...Object.values(config.directory ?? {}).flatMap((d) =>
      d.endpoint && !known.has(d.endpoint) ? [{ endpoint: d.endpoint, contact: d.contact }] : [],
    ),
  ];
}

export function sandboxConnection(instance: SandboxInstance): AsteriskConnection {
  const { spec } = instance;
  return {
    ari: { url: instance.ariUrl, ...spec.ari },
    ami: { host: spec.bind, port: spec.amiPort, ...spec.ami },
    app: spec.app,
  };
}

/** Generated on first use, kept (0600) in dir/credentials.json; a new endpoint gets one more. */
export async function loadCredentials(dir: string, endpoints: string[]): Promise<Credentials> {
  const file = join(dir, "credentials.json");
  let credentials: Credentials;
  try {
    credentials = JSON.parse(await readFile(file, "utf8")) as Credentials;
  } catch {
    credentials = {
      ari: { username: "hotline", password: secret() },
      ami: { username: "hotline", password: secret() },
      deskPhones: {},
    };
  }
  let changed = false;
  for (const endpoint of endpoints) {
    if (!credentials.deskPhones[endpoint]) {
      credentials.deskPhones[endpoint] = secret();
      changed = true;
    }
  }
  if (changed || !(await readFile(file, "utf8").catch(() => ""))) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  return credentials;
}

function secret(): string {
  return randomBytes(18).toString("base64url");
}
