import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { sandboxForConfig } from "../../src/asterisk/sandbox/from-config.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { testConfigYaml } from "../../test/support/app.ts";
import type { TestPorts } from "../../test/support/sandbox.ts";
import { HotlineProcess } from "./app.ts";
import { BenchAsterisk, nativeFiles } from "./asterisk.ts";
import { CallProbe } from "./probe.ts";

/** Ports of one side, from one free block: base+0 SIP, +1 ARI, +2 AMI, +3…+7 callers, +10 desk phones, +100… RTP. */
export interface BenchPorts extends TestPorts {
  /** The one SIPp that is every operator's desk phone (each endpoint's contact points here). */
  desk: number;
  deskMedia: number;
  /** The hotline's node inspector. */
  inspect: number;
  rtpStart: number;
  rtpEnd: number;
}

/** RTP ports per side: two per channel, callers and operators' legs at the highest rates. */
export const RTP_PORTS = 3000;
export const BLOCK = 100 + RTP_PORTS;

export function benchPorts(base: number): BenchPorts {
  return {
    sip: base,
    http: base + 1,
    ami: base + 2,
    sipp: (i) => base + 3 + i,
    media: (i) => base + 20 + i * 10,
    desk: base + 10,
    deskMedia: base + 90,
    inspect: base + 95,
    rtpStart: base + 100,
    rtpEnd: base + 100 + RTP_PORTS - 1,
  };
}

export const TRUNK = "test-trunk";
export const DID = "+34910000001";

export interface SideOptions {
  dir: string;
  ports: BenchPorts;
  operators: number;
  /** Seconds a desk phone rings before the next operator is tried. */
  ringTimeout: number;
  /** Seconds a caller waits for an operator at most. */
  maxWait: number;
  /** Rendered prompts, shared by both sides and kept between runs. */
  soundsDir: string;
}

export interface Side {
  kind: "native" | "hotline";
  ports: BenchPorts;
  asterisk: BenchAsterisk;
  probe: CallProbe;
  /** The hotline's node process (hotline side only). */
  app?: HotlineProcess;
  config?: HotlineConfig;
  /** What differs from the intended set-up (e.g. a setting this version does not know). */
  notes: string[];
  stop(): Promise<void>;
}

export const operatorKey = (i: number) => `op-${String(i + 1).padStart(3, "0")}`;

/**
 * The hotline's configuration as the integration tests write it (testConfigYaml), for the bench:
 * N operators on the one desk-phone SIPp, logged in by their reachable phones (no roster, no PIN),
 * the greeting only (no language choice, no menu, no survey), a queue with no announcements,
 * round-robin, no wrap-up; whisper and introduction off where this version has the settings.
 */
export async function hotlineConfig(o: SideOptions): Promise<{ config: HotlineConfig; file: string; notes: string[] }> {
  await mkdir(o.dir, { recursive: true });
  const operators = Array.from({ length: o.operators }, (_, i) => operatorKey(i));
  const extra = `operators:\n${operators
    .map(
      (op, i) =>
        `  ${op}: { name: Operator ${i + 1}, endpoint: ${op}, languages: [en, es], contact: "sip:${op}@127.0.0.1:${o.ports.desk}" }`,
    )
    .join("\n")}\n`;
  const queue = (off: boolean) =>
    `{ maxWait: ${o.maxWait}, maxLength: 100000, announceEvery: 0, strategy: round-robin, widenAfter: 0, maxMissed: 0, ringTimeout: ${o.ringTimeout}, wrapUp: 0${off ? ", whisper: false, introduce: false" : ""} }`;
  const hotline = (off: boolean) => `    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    queue: ${queue(off)}`;
  const file = join(o.dir, "hotline.yaml");
  const write = async (off: boolean) => {
    const doc = parseDocument(testConfigYaml(o.ports, extra, hotline(off)));
    doc.setIn(["asterisk", "sandbox", "rtpEnd"], o.ports.rtpEnd);
    doc.setIn(["sounds", "dir"], o.soundsDir);
    // The trunk never refuses a call busy: the bench measures the ACD, not the contract.
    doc.setIn(["trunks", 0, "channels"], 100_000);
    // One number without a campaign: nothing to whisper to the operator.
    doc.setIn(["numbers"], doc.createNode([{ did: DID, hotline: "main" }]));
    await writeFile(file, doc.toString({ lineWidth: 0 }));
    return loadConfig(file);
  };
  const notes: string[] = [];
  let loaded = await write(true);
  if (!loaded.ok && loaded.errors.some((e) => /whisper|introduce/.test(`${e.path} ${e.message}`))) {
    // This version's schema has no such settings yet: the hotline whispers (nothing: no topic, no
    // campaign) and introduces the operator to the caller, and the bridged time includes that.
    notes.push(
      "queue.whisper/introduce unknown to this version: the caller hears the operator's name before the bridge",
    );
    loaded = await write(false);
  }
  if (!loaded.ok) throw new Error(`bench configuration:\n${loaded.errors.map((e) => formatIssue(e)).join("\n")}`);
  return { config: loaded.config, file, notes };
}

/** The hotline side: its sandbox Asterisk (the project's own rendering), then `hotline start`. */
export async function startHotlineSide(o: SideOptions & { logLevel: string; cpuProfDir?: string }): Promise<Side> {
  const { config, file, notes } = await hotlineConfig(o);
  await buildPrompts(config);
  const asterisk = new BenchAsterisk((await sandboxForConfig(config)).spec);
  await asterisk.start();
  const logDir = join(o.dir, "logs");
  await mkdir(logDir, { recursive: true });
  const app = new HotlineProcess({
    config: file,
    stateDir: config.state.dir,
    logDir,
    logLevel: o.logLevel,
    inspectPort: o.ports.inspect,
    ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
  });
  const probe = new CallProbe(o.ports.ami, asterisk.benchAmi, TRUNK);
  try {
    await probe.connect();
    app.start();
    await app.ready(o.operators);
  } catch (err) {
    await app.stop();
    await probe.close();
    await asterisk.stop().catch(() => asterisk.kill());
    throw err;
  }
  return {
    kind: "hotline",
    ports: o.ports,
    asterisk,
    probe,
    app,
    config,
    notes,
    async stop() {
      await app.stop();
      await probe.close();
      await asterisk.stop().catch(() => asterisk.kill());
    },
  };
}

/** The native side: the same unpacked Asterisk, trunk and desk phones, dialplan + Queue(). */
export async function startNativeSide(o: SideOptions): Promise<Side> {
  const members = Array.from({ length: o.operators }, (_, i) => operatorKey(i));
  const secret = () => randomBytes(12).toString("hex");
  const asterisk = new BenchAsterisk(
    {
      dir: o.dir,
      app: "hotline",
      bind: "127.0.0.1",
      sipPort: o.ports.sip,
      httpPort: o.ports.http,
      amiPort: o.ports.ami,
      rtpStart: o.ports.rtpStart,
      rtpEnd: o.ports.rtpEnd,
      ari: { username: "bench", password: secret() },
      ami: { username: "hotline", password: secret() },
      trunks: [{ name: TRUNK, match: [0, 1, 2, 3, 4].map((i) => `127.0.0.1:${o.ports.sipp(i)}`), dtmfMode: "info" }],
      operators: members.map((m) => ({
        endpoint: m,
        password: secret(),
        contact: `sip:${m}@127.0.0.1:${o.ports.desk}`,
      })),
      soundsDir: o.soundsDir,
      languages: ["en", "es"],
    },
    {
      modules: ["app_queue.so"],
      files: nativeFiles({
        members,
        ringTimeout: o.ringTimeout,
        maxWait: o.maxWait,
        greeting: "hotline/greeting-main",
        goodbye: "hotline/goodbye-main",
      }),
    },
  );
  await mkdir(o.dir, { recursive: true });
  await asterisk.start();
  const probe = new CallProbe(o.ports.ami, asterisk.benchAmi, TRUNK);
  try {
    await probe.connect();
  } catch (err) {
    await asterisk.stop().catch(() => asterisk.kill());
    throw err;
  }
  return {
    kind: "native",
    ports: o.ports,
    asterisk,
    probe,
    notes: [],
    async stop() {
      await probe.close();
      await asterisk.stop().catch(() => asterisk.kill());
    },
  };
}
