import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AriEvent } from "../../src/asterisk/ari/generated.ts";
import type { AsteriskConnection } from "../../src/asterisk/connection.ts";
import { httpRequest } from "../../src/asterisk/http-request.ts";
import type { Credentials } from "../../src/asterisk/sandbox/from-config.ts";
import { basicAuth } from "../../src/asterisk/sandbox/instance.ts";
import { asteriskTree } from "../../src/asterisk/sandbox/paths.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import { type HotlineApp, startHotline } from "../../src/main.ts";
import { PACKAGE_ROOT } from "../../src/package-root.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { eventually, type LogLine, testLogger } from "../support/app.ts";
import { testPortBlock } from "../support/ports.ts";
import { hotlineCli } from "../support/run.ts";
import { type TestPorts, testPorts } from "../support/sandbox.ts";

const APP = "northfield-ext";

/** The hotline's YAML for an existing Asterisk; passwords come from the environment, as the README says. */
function yaml(ports: TestPorts, extraOperator = ""): string {
  return `organization:
  name: Northfield University
  timezone: Europe/Madrid
  languages: [en]
  defaultLanguage: en
asterisk:
  mode: external
  app: ${APP}
  ari: { url: "http://127.0.0.1:${ports.http}", username: hotline, password: "\${HOTLINE_ARI_PASSWORD:-not-exported-yet}" }
  ami: { host: 127.0.0.1, port: ${ports.ami}, username: hotline, password: "\${HOTLINE_AMI_PASSWORD:-not-exported-yet}" }
database: { filename: ./hotline.sqlite }
sounds: { dir: ./sounds }
state: { dir: ./state }
trunks:
  - name: ext-carrier
    match: ["127.0.0.1:${ports.sipp(0)}"]
    channels: 10
    dtmfMode: info
operators:
  maria: { name: María, endpoint: op-maria, languages: [en] }
${extraOperator}
numbers:
  - { did: "+34910000001", hotline: main }
hotlines:
  main:
    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
`;
}

/**
 * The admin's own Asterisk: its own transport name, an unrelated endpoint, a [default] context and a
 * context named from-trunk of its own, with only the exported snippets #included.
 */
async function adminAsterisk(root: string, ports: TestPorts, exported: string, sounds: string) {
  const tree = asteriskTree();
  const etc = join(root, "etc");
  const dirs = { lib: join(root, "lib"), spool: join(root, "spool"), run: join(root, "run"), log: join(root, "log") };
  const data = join(root, "data");
  for (const d of [etc, data, ...Object.values(dirs)]) await mkdir(d, { recursive: true });
  for (const name of await readdir(exported))
    if (name.endsWith(".conf")) await copyFile(join(exported, name), join(etc, name));
  for (const name of ["rest-api", "documentation", "static-http", "moh"]) {
    if (existsSync(join(tree.share, name))) await symlink(join(tree.share, name), join(data, name));
  }
  // Debian's English prompts, and the hotline's own under hotline/, as the deployment guide says.
  const en = join(data, "sounds", "en");
  await mkdir(en, { recursive: true });
  const debian = join(tree.share, "sounds", "en_US_f_Allison");
  for (const entry of await readdir(debian)) await symlink(join(debian, entry), join(en, entry));
  await symlink(join(sounds, "en"), join(en, "hotline"));

  const modulesConf = await readFile(join(PACKAGE_ROOT, "config/asterisk/modules.conf"), "utf8");
  const loads = [...modulesConf.matchAll(/^(?:require|load)\s*=\s*(\S+)/gm)].map((m) => m[1]);
  const files: Record<string, string> = {
    "asterisk.conf": `[directories]
astetcdir => ${etc}
astmoddir => ${tree.modules}
astvarlibdir => ${dirs.lib}
astdbdir => ${dirs.lib}
astkeydir => ${dirs.lib}
astdatadir => ${data}
astagidir => ${data}/agi-bin
astspooldir => ${dirs.spool}
astrundir => ${dirs.run}
astlogdir => ${dirs.log}
astsbindir => ${join(tree.root, "usr/sbin")}
[options]
defaultlanguage = en
`,
    // The admin's own list: everything by name, app_queue besides (their ACD), nothing required.
    "modules.conf": `[modules]
autoload = no
${loads.map((m) => `load = ${m}`).join("\n")}
load = app_queue.so
`,
    "logger.conf": "[logfiles]\nmessages.log => notice,warning,error\n",
    "pjsip.conf": `[system-transport]
type = transport
protocol = udp
bind = 127.0.0.1:${ports.sip}

[alice]
type = endpoint
context = default
disallow = all
allow = ulaw
aors = alice
auth = alice
[alice]
type = auth
auth_type = userpass
username = alice
password = alice-own-password
[alice]
type = aor
max_contacts = 1

#include pjsip_hotline.conf
`,
    "extensions.conf": `[general]
static = yes
writeprotect = no

[globals]

[default]
exten => 100,1,Answer()
 same => n,Playback(demo-congrats)
 same => n,Hangup()

; The admin's own context of this name: the hotline's are all hotline-…, so it stays theirs.
[from-trunk]
exten => _X.,1,Hangup(21)

#include extensions_hotline.conf
`,
    "ari.conf":
      "[general]\nenabled = yes\n\n[admin-tools]\ntype = user\npassword = admin-tools-password\n\n#include ari_hotline.conf\n",
    "http.conf": `[general]\nenabled = yes\nbindaddr = 127.0.0.1\nbindport = ${ports.http}\n\n#include http_hotline.conf\n`,
    "manager.conf": `[general]\nenabled = yes\nbindaddr = 127.0.0.1\nport = ${ports.ami}\n\n#include manager_hotline.conf\n`,
    "queues.conf": "[general]\npersistentmembers = yes\n\n#include queues_hotline.conf\n",
    "rtp.conf": `[general]\nrtpstart = ${ports.sip + 100}\nrtpend = ${ports.sip + 299}\n`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(etc, name), text);
  await copyFile(join(tree.etc, "indications.conf"), join(etc, "indications.conf"));
  const log = openSync(join(dirs.log, "console.log"), "a");
  const child = spawn(
    tree.loader,
    ["--library-path", tree.libraryPath, tree.binary, "-f", "-n", "-C", join(etc, "asterisk.conf")],
    { stdio: ["ignore", log, log], cwd: root },
  );
  return { child, log: () => readFile(join(dirs.log, "console.log"), "utf8").catch(() => "") };
}

async function loadTestConfig(file: string): Promise<HotlineConfig> {
  const loaded = await loadConfig(file);
  if (!loaded.ok) throw new Error(`test configuration:\n${loaded.errors.map((e) => formatIssue(e)).join("\n")}`);
  return loaded.config;
}

describe("an existing Asterisk with only the exported snippets included (real Asterisk + SIPp)", () => {
  let dir: string;
  let ports: TestPorts;
  let asterisk: ChildProcess | undefined;
  let consoleLog: () => Promise<string>;
  let credentials: Credentials;
  let exportOutput: string;
  const saved = { ari: process.env.HOTLINE_ARI_PASSWORD, ami: process.env.HOTLINE_AMI_PASSWORD };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-ext-"));
    ports = testPorts(await testPortBlock(400));
    await writeFile(join(dir, "hotline.yaml"), yaml(ports));
    const exported = await hotlineCli(["asterisk", "export-config", "-c", "hotline.yaml", "-o", "export"], dir);
    expect(exported.code, exported.stderr).toBe(0);
    exportOutput = exported.stdout;
    credentials = JSON.parse(await readFile(join(dir, "export", "credentials.json"), "utf8")) as Credentials;
    process.env.HOTLINE_ARI_PASSWORD = credentials.ari.password;
    process.env.HOTLINE_AMI_PASSWORD = credentials.ami.password;
    await buildPrompts(await loadTestConfig(join(dir, "hotline.yaml")));
    const started = await adminAsterisk(join(dir, "pbx"), ports, join(dir, "export"), join(dir, "sounds"));
    asterisk = started.child;
    consoleLog = started.log;
    const auth = basicAuth(credentials.ari.username, credentials.ari.password);
    await eventually(async () => {
      if (asterisk?.exitCode !== null) throw new Error(`Asterisk exited:\n${await consoleLog()}`);
      const { status } = await httpRequest(new URL(`http://127.0.0.1:${ports.http}/ari/asterisk/info`), {
        method: "GET",
        headers: { authorization: auth },
        timeoutMs: 1000,
      });
      return status === 200;
    }, 30_000);
  }, 120_000);

  afterAll(async () => {
    process.env.HOTLINE_ARI_PASSWORD = saved.ari;
    process.env.HOTLINE_AMI_PASSWORD = saved.ami;
    if (asterisk && asterisk.exitCode === null) {
      asterisk.kill("SIGTERM");
      for (let i = 0; i < 100 && asterisk.exitCode === null; i++) await sleep(50);
      if (asterisk.exitCode === null) asterisk.kill("SIGKILL");
    }
    if (dir && !process.env.HOTLINE_KEEP_SANDBOX) await rm(dir, { recursive: true, force: true });
  });

  it("exports owner-only files and prints the YAML's environment hints with the generated passwords", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${VAR} is configuration syntax, not a template.
    expect(exportOutput).toContain('password: "${HOTLINE_ARI_PASSWORD}"');
    expect(exportOutput).toContain(`HOTLINE_ARI_PASSWORD=${credentials.ari.password}`);
    expect(credentials.ari.password.length).toBeGreaterThanOrEqual(20);
    expect(credentials.deskPhones["op-maria"]).toBeTruthy();
    for (const name of ["pjsip_hotline.conf", "manager_hotline.conf", "README.txt"]) {
      expect(((await stat(join(dir, "export", name))).mode & 0o777).toString(8)).toBe("600");
    }
  });

  it("`hotline check --asterisk` finds everything present there, and exits 0", async () => {
    const result = await hotlineCli(["check", "--asterisk", "-c", "hotline.yaml"], dir);
    expect(result.code, `${result.stdout}\n${result.stderr}\n${await consoleLog()}`).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("missing"))).toEqual([]);
    expect(result.stdout).toMatch(/^ok +module res_stasis loaded$/m);
    expect(result.stdout).toMatch(/^ok +codec codec_ulaw loaded$/m);
    expect(result.stdout).toMatch(/^ok +endpoint ext-carrier$/m);
    expect(result.stdout).toMatch(/^ok +endpoint op-maria$/m);
    expect(result.stdout).toMatch(new RegExp(`^ok +dialplan hotline-inbound hands calls to the ARI app ${APP}$`, "m"));
    expect(result.stdout).toMatch(/^ok +sounds en: all \d+ prompts/m);
    expect(result.stdout).toMatch(/^note +ARI app northfield-ext not connected now/m);
    expect(lines.at(-1)).toBe("Asterisk: everything present");
  });

  it("`hotline check --asterisk` names an endpoint the configuration has and Asterisk lacks, and exits 1", async () => {
    await writeFile(join(dir, "more.yaml"), yaml(ports, "  luis: { name: Luis, endpoint: op-luis, languages: [en] }"));
    const result = await hotlineCli(["check", "--asterisk", "-c", "more.yaml"], dir);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^missing +endpoint op-luis \(pjsip.conf: #include pjsip_hotline.conf\)$/m);
    expect(result.stdout).toMatch(/^ok +endpoint op-maria$/m);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("Asterisk: 1 missing");
  });

  it("the app connects with the exported credentials; a trunk caller hears the greeting and is recorded", async () => {
    const config = await loadTestConfig(join(dir, "hotline.yaml"));
    const connection: AsteriskConnection = {
      ari: { url: `http://127.0.0.1:${ports.http}`, ...credentials.ari },
      ami: { host: "127.0.0.1", port: ports.ami, ...credentials.ami },
      app: APP,
    };
    const logs: LogLine[] = [];
    const app: HotlineApp = await startHotline(config, {
      connection,
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
    const events: AriEvent[] = [];
    app.ari.on("event", (e) => events.push(e));
    try {
      const result = await runSipp({
        scenario: "caller-greeting.xml",
        target: `127.0.0.1:${ports.sip}`,
        port: ports.sipp(0),
        mediaPort: ports.media(0),
        service: "+34910000001",
        keys: { caller: "600123456" },
      });
      expect(result.errors, `${result.stdout.slice(-2000)}\n${await consoleLog()}`).toBe("");
      expect(result.successful).toBe(1);
      const row = await eventually(async () => {
        const r = await app.db<CallRow>("calls").where({ caller_number: "600123456" }).first();
        return r?.ended_at ? r : undefined;
      });
      expect(row.trunk).toBe("ext-carrier");
      expect(row.did).toBe("+34910000001");
      expect(row.hotline).toBe("main");
      expect(row.answered_at).not.toBeNull();
      // Greeted, then offered to the operators: none is logged in, so the journey ends as configured.
      expect(row.outcome, JSON.stringify(row)).toBe("no-answer");
      expect(row.outcome_reason).toBe("no-operators");
      expect(row.duration_seconds).toBeGreaterThan(1.5);
      const start = events.find((e) => e.type === "StasisStart" && JSON.stringify(e).includes(row.id));
      expect(start && "args" in start ? start.args : []).toEqual(["inbound", "+34910000001", "ext-carrier"]);
      const playback = events.find((e) => e.type === "PlaybackStarted");
      expect(playback && "playback" in playback ? playback.playback.media_uri : "").toBe("sound:hotline/greeting-main");
      expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await app.stop();
    }
  }, 60_000);
});
