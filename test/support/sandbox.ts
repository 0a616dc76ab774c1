import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxInstance } from "../../src/asterisk/sandbox/instance.ts";
import type { SandboxDeskPhone, SandboxSpec, SandboxTrunk } from "../../src/asterisk/sandbox/spec.ts";
import { testPortBlock } from "./ports.ts";

/**
 * Ports of one test sandbox, all from one free block so parallel test files never collide:
 * base+0 SIP, +1 ARI/HTTP, +2 AMI, +3… SIPp signalling, +100…+299 Asterisk RTP, +300… SIPp media.
 */
export interface TestPorts {
  sip: number;
  http: number;
  ami: number;
  /** SIPp signalling port number i (0 = the trunk). */
  sipp(i: number): number;
  /** SIPp media (-mp) port number i. */
  media(i: number): number;
}

export interface TestSandbox {
  instance: SandboxInstance;
  spec: SandboxSpec;
  ports: TestPorts;
  dir: string;
  stop(): Promise<void>;
}

const BLOCK = 400;

export function testPorts(base: number): TestPorts {
  return {
    sip: base,
    http: base + 1,
    ami: base + 2,
    sipp: (i) => base + 3 + i,
    media: (i) => base + 300 + i * 10,
  };
}

/** A real Asterisk for one test file: own folder, own ports, random credentials. */
export async function startTestSandbox(
  options: {
    app?: string;
    trunks?: (ports: TestPorts) => SandboxTrunk[];
    operators?: (ports: TestPorts) => SandboxDeskPhone[];
    soundsDir?: string;
    languages?: string[];
  } = {},
): Promise<TestSandbox> {
  const base = await testPortBlock(BLOCK);
  const ports = testPorts(base);
  const dir = await mkdtemp(join(tmpdir(), "hotline-sbx-"));
  const spec: SandboxSpec = {
    dir,
    app: options.app ?? "hotline",
    bind: "127.0.0.1",
    sipPort: ports.sip,
    httpPort: ports.http,
    amiPort: ports.ami,
    rtpStart: base + 100,
    rtpEnd: base + 299,
    ari: { username: "hotline", password: randomBytes(12).toString("hex") },
    ami: { username: "hotline", password: randomBytes(12).toString("hex") },
    trunks: options.trunks?.(ports) ?? [{ name: "test-trunk", match: [`127.0.0.1:${ports.sipp(0)}`] }],
    operators: options.operators?.(ports) ?? [],
    soundsDir: options.soundsDir,
    languages: options.languages ?? ["en", "es"],
  };
  const instance = new SandboxInstance(spec);
  return { instance, spec, ports, dir, stop: await runForTest(instance, dir) };
}

/**
 * Start a test's Asterisk; the function returned stops it (killing it if need be) and removes its
 * folder. A test worker that dies (or a failed beforeAll) never leaves an Asterisk behind.
 */
export async function runForTest(instance: SandboxInstance, dir: string): Promise<() => Promise<void>> {
  const { pid } = await instance.start();
  const killOnExit = () => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);
  return async () => {
    process.off("exit", killOnExit);
    await instance.stop().catch(() => instance.kill());
    if (!process.env.HOTLINE_KEEP_SANDBOX) await rm(dir, { recursive: true, force: true });
  };
}
