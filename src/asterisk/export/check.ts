/**
 * `hotline check --asterisk`: what the configured Asterisk lacks for this hotline, from ARI and AMI.
 * Facts are gathered first (I/O), then compared with what the configuration needs (pure).
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { HotlineConfig } from "../../config/index.ts";
import { AmiClient } from "../ami/client.ts";
import { AmiError } from "../ami/errors.ts";
import { header } from "../ami/parse.ts";
import type { AsteriskConnection } from "../connection.ts";
import { httpRequest } from "../http-request.ts";
import { deskPhonesFor, sandboxConnection, sandboxDir } from "../sandbox/from-config.ts";
import { basicAuth, loadRuntime, SandboxInstance } from "../sandbox/instance.ts";
import { prefixedContext } from "./render.ts";
import { hotlineModules } from "./write.ts";

export interface Expected {
  app: string;
  modules: string[];
  endpoints: string[];
  /** Prompt names (without extension) per language, as rendered on the app's side; empty if not built. */
  prompts: Record<string, string[]>;
}

export interface AsteriskFacts {
  version: string;
  modules: Record<string, boolean>;
  endpoints: string[];
  /** Apps with a websocket connected now. */
  connectedApps: string[];
  /** The Stasis application the hotline-inbound context hands calls to; undefined without that context. */
  inboundApp: string | undefined;
  /** Sound ids per language (GET /ari/sounds?lang=); undefined when ARI could not list them. */
  sounds: Record<string, string[] | undefined>;
}

export interface Finding {
  status: "ok" | "missing" | "note";
  text: string;
}

export function asteriskFindings(expected: Expected, facts: AsteriskFacts): Finding[] {
  const out: Finding[] = [{ status: "ok", text: `Asterisk ${facts.version} answers on ARI and AMI` }];
  for (const m of expected.modules) {
    const kind = m.startsWith("codec_") ? "codec" : "module";
    out.push(
      facts.modules[m]
        ? { status: "ok", text: `${kind} ${m} loaded` }
        : { status: "missing", text: `${kind} ${m} not loaded (modules.conf: load = ${m}.so)` },
    );
  }
  const inbound = prefixedContext("inbound");
  if (facts.inboundApp === expected.app)
    out.push({ status: "ok", text: `dialplan ${inbound} hands calls to the ARI app ${expected.app}` });
  else if (facts.inboundApp === undefined)
    out.push({
      status: "missing",
      text: `dialplan context ${inbound} (extensions.conf: #include extensions_hotline.conf)`,
    });
  else
    out.push({
      status: "missing",
      text: `dialplan ${inbound} hands calls to ${facts.inboundApp}, not to ${expected.app} (export the snippets again)`,
    });
  out.push(
    facts.connectedApps.includes(expected.app)
      ? { status: "note", text: `ARI app ${expected.app} is connected now (a hotline is running)` }
      : {
          status: "note",
          text: `ARI app ${expected.app} not connected now: Asterisk lists it once hotline start connects`,
        },
  );
  const have = new Set(facts.endpoints);
  for (const e of expected.endpoints)
    out.push(
      have.has(e)
        ? { status: "ok", text: `endpoint ${e}` }
        : { status: "missing", text: `endpoint ${e} (pjsip.conf: #include pjsip_hotline.conf)` },
    );
  for (const [lang, names] of Object.entries(expected.prompts)) {
    const sounds = facts.sounds[lang];
    if (!names.length) {
      out.push({
        status: "note",
        text: `sounds ${lang}: no prompts built on this side (hotline sounds build); skipped`,
      });
    } else if (!sounds) {
      out.push({ status: "note", text: `sounds ${lang}: Asterisk did not list its sounds (res_ari_sounds); skipped` });
    } else {
      const known = new Set(sounds);
      const absent = names.filter((n) => !known.has(`hotline/${n}`));
      out.push(
        absent.length
          ? {
              status: "missing",
              text: `sounds ${lang}: ${absent.length} of ${names.length} prompts not in Asterisk's sounds/${lang}/hotline (e.g. ${absent[0]})`,
            }
          : { status: "ok", text: `sounds ${lang}: all ${names.length} prompts in Asterisk's sounds/${lang}/hotline` },
      );
    }
  }
  return out;
}

/** One line per finding: "ok      endpoint op-maria". */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.status.padEnd(8)}${f.text}\n`).join("");
}

/** The prompts `hotline sounds build` rendered: <dir>/<lang>/<name>.wav. */
export async function builtPrompts(soundsDir: string, languages: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const lang of languages) {
    const names = await readdir(join(soundsDir, lang)).catch(() => [] as string[]);
    out[lang] = names.filter((n) => n.endsWith(".wav")).map((n) => n.replace(/\.wav$/, ""));
  }
  return out;
}

/** Ask Asterisk, over ARI and AMI, what it has of what `expected` needs. */
export async function gatherAsteriskFacts(connection: AsteriskConnection, expected: Expected): Promise<AsteriskFacts> {
  const ari = async <T>(path: string): Promise<T> => {
    const { status, text } = await httpRequest(new URL(`/ari${path}`, connection.ari.url), {
      method: "GET",
      headers: { authorization: basicAuth(connection.ari.username, connection.ari.password) },
      timeoutMs: 10_000,
    });
    if (status < 200 || status >= 300) throw new Error(`ARI GET ${path}: HTTP ${status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  };
  const ami = new AmiClient({ ...connection.ami, pingIntervalMs: 0 });
  await ami.connect();
  try {
    const version = await ami.coreVersion();
    const modules: Record<string, boolean> = {};
    for (const m of expected.modules) {
      modules[m] = await ami
        .action({ Action: "ModuleCheck", Module: `${m}.so` })
        .then(() => true)
        .catch((err: unknown) => {
          if (err instanceof AmiError) return false;
          throw err;
        });
    }
    let inboundApp: string | undefined;
    try {
      const rows = await ami.listAction(
        { Action: "ShowDialPlan", Context: prefixedContext("inbound"), Extension: "s" },
        "ShowDialPlanComplete",
      );
      const stasis = rows.find((r) => header(r, "Application")?.toLowerCase() === "stasis");
      inboundApp = header(stasis ?? {}, "AppData")
        ?.split(",")[0]
        ?.trim();
    } catch (err) {
      if (!(err instanceof AmiError)) throw err;
    }
    const endpoints = (await ari<{ resource: string }[]>("/endpoints/PJSIP")).map((e) => e.resource);
    const connectedApps = (await ari<{ name: string }[]>("/applications")).map((a) => a.name);
    const sounds: Record<string, string[] | undefined> = {};
    for (const lang of Object.keys(expected.prompts)) {
      sounds[lang] = await ari<{ id: string }[]>(`/sounds?lang=${encodeURIComponent(lang)}`)
        .then((list) => list.map((s) => s.id))
        .catch(() => undefined);
    }
    return { version, modules, endpoints, connectedApps, inboundApp, sounds };
  } finally {
    await ami.close();
  }
}

/** What this configuration needs of Asterisk: the sandbox's required modules, every trunk and desk phone, the prompts. */
export async function expectedFor(config: HotlineConfig): Promise<Expected> {
  return {
    app: config.asterisk.app,
    modules: await hotlineModules(),
    endpoints: [...config.trunks.map((t) => t.name), ...deskPhonesFor(config).map((p) => p.endpoint)],
    prompts: await builtPrompts(config.sounds.dir, config.organization.languages),
  };
}

/** The Asterisk to check: asterisk.ari/ami when external, the running sandbox otherwise. */
export async function checkedConnection(config: HotlineConfig): Promise<AsteriskConnection> {
  const { ari, ami, app, mode } = config.asterisk;
  if (mode === "external") {
    if (!ari || !ami) throw new Error("asterisk.ari and asterisk.ami are required when asterisk.mode is external");
    return { ari, ami, app };
  }
  const runtime = await loadRuntime(sandboxDir(config));
  const instance = runtime && new SandboxInstance(runtime.spec);
  if (!instance || !(await instance.pid()))
    throw new Error("the sandbox Asterisk is not running; start it with: hotline asterisk start");
  return sandboxConnection(instance);
}
