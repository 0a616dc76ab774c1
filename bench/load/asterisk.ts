import { randomBytes } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SandboxInstance } from "../../src/asterisk/sandbox/instance.ts";
import type { SandboxSpec } from "../../src/asterisk/sandbox/spec.ts";

export interface AmiUser {
  username: string;
  password: string;
}

/** The AMI events the bench reads; everything else is filtered out in Asterisk, not in node. */
const BENCH_EVENTS = ["Newchannel", "Newstate", "BridgeEnter", "BridgeLeave", "Hangup"];

/**
 * A sandbox Asterisk rendered by the project's own code, plus what the bench needs on both sides
 * alike: AMI events with Asterisk's timestamps, a bench AMI user that only gets the call events it
 * reads, and for the native side its own modules and files (queues.conf, the dialplan).
 */
export class BenchAsterisk extends SandboxInstance {
  readonly benchAmi: AmiUser = { username: "bench", password: randomBytes(12).toString("hex") };

  constructor(
    spec: SandboxSpec,
    private readonly extras: { modules?: string[]; files?: Record<string, string> } = {},
  ) {
    super(spec);
  }

  override async render(): Promise<void> {
    await super.render();
    const etc = this.dirs.etc;
    const manager = await readFile(join(etc, "manager.conf"), "utf8");
    const user = [
      "",
      `[${this.benchAmi.username}]`,
      `secret = ${this.benchAmi.password}`,
      "deny = 0.0.0.0/0.0.0.0",
      "permit = 127.0.0.1/255.255.255.255",
      "read = call",
      "write = system",
      ...BENCH_EVENTS.map((e) => `eventfilter = Event: ${e}`),
      "",
    ].join("\n");
    // Asterisk stamps each event when it is sent: operator-answer→bridged comes from its clock, not ours.
    await writeFile(
      join(etc, "manager.conf"),
      `${manager.replace("[general]\n", "[general]\ntimestampevents = yes\n")}${user}`,
      { mode: 0o600 },
    );
    if (this.extras.modules?.length) {
      await appendFile(join(etc, "modules.conf"), `\n${this.extras.modules.map((m) => `load = ${m}`).join("\n")}\n`);
    }
    for (const [name, text] of Object.entries(this.extras.files ?? {})) await writeFile(join(etc, name), text);
  }
}

export interface NativeQueue {
  /** The desk phones' PJSIP endpoints, static members of the queue. */
  members: string[];
  /** Seconds a member's phone rings before the next one is tried. */
  ringTimeout: number;
  /** Seconds a caller waits at most (then the call ends unserved, as the hotline's maxWait). */
  maxWait: number;
  /** The prompts both sides play: sound files under hotline/ (rendered by the hotline's prompt builder). */
  greeting: string;
  goodbye: string;
}

/**
 * Native Asterisk for the same callers and desk phones: Answer, the greeting, Queue() with the desk
 * phones as static members (round-robin with memory, no announcements, no wrap-up), goodbye.
 */
export function nativeFiles(q: NativeQueue): Record<string, string> {
  const queues = [
    "[general]",
    "persistentmembers = no",
    "autofill = yes",
    "shared_lastcall = no",
    "",
    "[bench]",
    "strategy = rrmemory",
    `timeout = ${q.ringTimeout}`,
    // Try the members again after one second when none answered (the default waits five).
    "retry = 1",
    "wrapuptime = 0",
    "ringinuse = no",
    "maxlen = 0",
    "joinempty = yes",
    "leavewhenempty = no",
    "announce-frequency = 0",
    "periodic-announce-frequency = 0",
    "announce-holdtime = no",
    "announce-position = no",
    "reportholdtime = no",
    "musicclass = default",
    ...q.members.map((m) => `member => PJSIP/${m}`),
    "",
  ].join("\n");
  const extensions = `[general]
static = yes
writeprotect = yes

[from-trunk]
exten => _X.,1,Goto(native,s,1)
exten => _+X.,1,Goto(native,s,1)

[native]
exten => s,1,Answer()
 same => n,Playback(${q.greeting})
; c: on when the operator hangs up, as the hotline says goodbye.
 same => n,Queue(bench,c,,,${q.maxWait})
 same => n,Playback(${q.goodbye})
 same => n,Hangup()

[from-operators]
exten => _X.,1,Hangup(1)
`;
  return { "queues.conf": queues, "extensions.conf": extensions };
}
