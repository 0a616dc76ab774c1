import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DateTime } from "luxon";
import { weekContaining } from "../analysis/week.ts";
import { generateReport } from "../analysis/write.ts";
import { runChecked } from "../asterisk/sandbox/exec.ts";
import { sandboxConnection, sandboxForConfig } from "../asterisk/sandbox/from-config.ts";
import { ensureTools, installAsterisk } from "../asterisk/sandbox/install.ts";
import { freePortBlock } from "../asterisk/sandbox/ports.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import { startHotline } from "../main.ts";
import type { CallRow } from "../records/call-records.ts";
import { showText } from "../records/neutralise.ts";
import { WEEKDAYS } from "../schedule/syntax.ts";
import { buildPrompts } from "../sounds/build.ts";
import { type CallerAction, callerScenario, deskPhoneScenario, featureCodeScenario } from "./scenario.ts";
import { runSipp } from "./sipp.ts";

export interface DemoOptions {
  /**
   * The demo's own folder (`var/demo`): its database, state, recordings and Asterisk, so the real
   * records and a running sandbox are left alone; what it leaves (voicemail audio included) stays.
   */
  workDir: string;
  /** Where the weekly report of the demo's week is written. */
  reportDir: string;
  out: (line: string) => void;
  logger: Logger;
}

export interface DemoResult {
  placed: number;
  completed: number;
  records: CallRow[];
  reportFiles: string[];
}

/** A simulated caller: which number they dial, and what they do once answered. */
export interface DemoCaller {
  who: string;
  number: string;
  caller: string;
  actions: CallerAction[];
}

/**
 * The whole hotline on this machine: a real Asterisk, the app, simulated callers on the trunk and
 * operators on desk phones (SIPp), first while the hotline is open, then while it is closed; then
 * the calls, the records and the weekly report. Everything it starts, it stops.
 */
export async function runDemo(base: HotlineConfig, options: DemoOptions): Promise<DemoResult> {
  const t0 = Date.now();
  const out = (line: string) => options.out(line.startsWith("  ") ? `${stamp(t0)}${line}` : line);
  out(`hotline demo — ${base.organization.name}`);
  const install = await installAsterisk({ logger: options.logger });
  await ensureTools((msg) => out(`  ${msg}`));
  out(`  ${install.version}${install.cached ? "" : ` (installed in ${install.seconds.toFixed(1)} s)`}`);

  const portBase = await freePortBlock(400);
  const callerPort = (i: number) => portBase + 3 + i;
  const phonePort = (i: number) => portBase + 20 + i;
  const media = (i: number) => portBase + 300 + i * 10;
  const { config, logins } = await withConsole(demoConfig(base, options.workDir, portBase));
  const operators = Object.entries(config.operators);
  const atDesk = operators.slice(0, 2);
  const numbers = config.numbers.map((n) => n.did);
  const stateDir = config.state.dir;
  const prompts = await buildPrompts(config);
  out(`  prompts: ${prompts.rendered.length} rendered, ${prompts.upToDate.length + prompts.recorded.length} ready`);
  const instance = await sandboxForConfig(config);
  const started = await instance.start();
  out(`  Asterisk started in ${started.seconds.toFixed(2)} s (SIP 127.0.0.1:${portBase})`);
  const since = new Date();
  const app = await startHotline(config, {
    connection: sandboxConnection(instance),
    logger: options.logger,
    waitConnectedMs: 10_000,
  }).catch(async (err) => {
    await instance.stop();
    throw err;
  });
  const target = `127.0.0.1:${portBase}`;
  let placed = 0;
  let completed = 0;
  try {
    out(`  app connected over ARI; records go to ${config.database.filename ?? config.database.client}`);
    if (app.console) {
      out(`  console: ${app.console.address} — live while the callers below run`);
      for (const l of logins)
        out(`    ${l.role}: user ${l.user}, password ${l.password}  (${app.console.address}${l.page})`);
    }

    // Open: callers choose a language and a topic, wait, talk to an operator, answer the survey.
    await setOverride(stateDir, "open", new Date(Date.now() + 30 * 60_000));
    const [rostered, dialling] = atDesk;
    if (rostered) {
      out(
        `  ${rostered[1].name}'s shift (${config.operators[rostered[0]]?.roster?.shifts[weekdayKey(config)]}) began: the roster logged them in`,
      );
    }
    if (dialling) {
      const [id, op] = dialling;
      const password = instance.spec.operators.find((o) => o.endpoint === op.endpoint)?.password ?? "";
      const login = await runSipp({
        scenario: featureCodeScenario({ code: `*1${op.pin ?? ""}`, endpoint: op.endpoint, password }),
        target,
        port: portBase + 30,
        mediaPort: media(8),
        timeoutSeconds: 20,
      });
      const state = app.acd.statuses().find((st) => st.operator === id)?.state;
      out(
        `  ${op.name} dials *1 and his PIN on his desk phone: ${login.successful === 1 ? state : "login call failed"}`,
      );
    }
    out(
      `  the hotline is OPEN: ${atDesk.map(([, op]) => op.name).join(" and ")} at their desk phones, 3 callers dial in…`,
    );
    const phones = atDesk.map(([id], i) =>
      runSipp({
        scenario: deskPhoneScenario({ ringMs: 1000, action: "answer", talkMs: 10_000 }),
        port: phonePort(i),
        mediaPort: media(4 + i),
        calls: 1,
        timeoutSeconds: 60,
      }).then(() => id),
    );
    const callers = openCallers(numbers);
    const results = await Promise.all(
      callers.map((c, i) =>
        runSipp({
          scenario: callerScenario(
            c.actions.some((a) => "hangup" in a) ? c.actions : [...c.actions, { expectHangup: 30_000 }],
          ),
          target,
          port: callerPort(i),
          mediaPort: media(i),
          service: c.number,
          keys: { caller: c.caller },
          timeoutSeconds: 90,
        }),
      ),
    );
    placed += results.length;
    completed += results.filter((r) => r.successful === 1).length;

    // Closed: the next caller hears when the hotline opens, and leaves a message.
    const opens = DateTime.now().setZone(config.organization.timezone).plus({ days: 1 }).set({ hour: 9, minute: 0 });
    await setOverride(stateDir, "closed", opens.toJSDate());
    out(`  the hotline is CLOSED until ${opens.toFormat("ccc HH:mm")}: a caller leaves a voicemail…`);
    // The caller's "voice": a few tones, raw µ-law, for SIPp to stream into the recording.
    const voice = join(options.workDir, "voice.ul");
    await runChecked("sox", ["-n", "-r", "8000", "-c", "1", "-t", "ul", voice, "synth", "2", "sine", "300-500"]);
    const late = await runSipp({
      scenario: callerScenario([{ wait: 6000 }, { press: "1" }, { wait: 27_000 }, { hangup: true }], { voice }),
      target,
      port: callerPort(3),
      mediaPort: media(3),
      service: numbers[0] ?? "",
      keys: { caller: "600100004" },
      timeoutSeconds: 60,
    });
    placed += 1;
    completed += late.successful;
    await Promise.all(phones);
    const states = app.acd.statuses().filter((st) => atDesk.some(([id]) => id === st.operator));
    out(
      `  operators now: ${states.map((st) => `${config.operators[st.operator]?.name} ${st.state} (${st.callsToday} call${st.callsToday === 1 ? "" : "s"} today)`).join(", ")}`,
    );

    // End of the demo's shift: their sessions close, so the report's logged-in hours are the demo's.
    for (const [id] of atDesk) app.acd.logout(id, "cli");
    out(`  ${atDesk.map(([, op]) => op.name).join(" and ")} logged out`);
    await app.records.flush();
    let records: CallRow[] = [];
    for (let i = 0; i < 50; i++) {
      records = await app.db<CallRow>("calls").where("started_at", ">=", since.toISOString()).orderBy("started_at");
      if (records.length >= placed && records.every((r) => r.ended_at)) break;
      await sleep(100);
    }
    const voicemails = await app.db("voicemails").where("created_at", ">=", since.toISOString()).count({ n: "*" });
    out("");
    out(table(records, config));
    out("");
    out(`  calls placed: ${placed}, records written: ${records.length}, voicemails: ${Number(voicemails[0]?.n ?? 0)}`);
    out(`  the demo's database, state and voicemail audio stay in ${options.workDir} (a new demo starts afresh)`);

    const week = weekContaining(new Date(), config.organization.timezone);
    const { report, files } = await generateReport(app.db, config, week, options.reportDir);
    out(`  weekly report for ${week.label} (${report.analysis.synthetic ? "synthetic" : "the demo's calls only"}):`);
    for (const file of Object.values(files)) out(`    ${file}`);
    return { placed, completed, records, reportFiles: Object.values(files) };
  } finally {
    await app.stop();
    await instance.stop();
    out("  stopped the app and the demo's Asterisk");
  }
}

/**
 * The console for the demo: on 127.0.0.1:8090 when free (else a free port), a supervisor and the
 * first operator at a desk, each with a password made for this run only.
 */
async function withConsole(
  config: HotlineConfig,
): Promise<{ config: HotlineConfig; logins: { role: string; user: string; password: string; page: string }[] }> {
  const { hashPassword } = await import("../web/passwords.ts");
  const { portFree } = await import("../asterisk/sandbox/ports.ts");
  const { randomBytes } = await import("node:crypto");
  const password = () => randomBytes(9).toString("base64url");
  const logins: { role: string; user: string; password: string; page: string }[] = [];
  const users: HotlineConfig["users"] = {};
  const supervisor = Object.keys(config.supervisors)[0];
  const sup = { role: "supervisor", user: "supervisor", password: password(), page: "wallboard" };
  users[sup.user] = {
    role: "supervisor",
    password: await hashPassword(sup.password),
    ...(supervisor ? { supervisor } : {}),
  };
  logins.push(sup);
  const operator = Object.keys(config.operators)[0];
  if (operator) {
    const op = { role: "operator", user: operator, password: password(), page: "desk" };
    users[operator] = { role: "operator", password: await hashPassword(op.password) };
    logins.push(op);
  }
  const listen = (await portFree(8090)) ? "127.0.0.1:8090" : "127.0.0.1:0";
  const web = { listen, behindProxy: false, sessionHours: 12, loginAttempts: 5, publicHours: true };
  return { config: { ...config, web, users }, logins };
}

/** Two operators are at their desk phones; the others have not come in (not reachable). */
const AT_DESK = 2;

/**
 * The demo's configuration: the base one on the demo's ports, with its own database, state and
 * recordings in `workDir` (never the real records), the simulated carrier as the first trunk.
 */
export function demoConfig(base: HotlineConfig, workDir: string, portBase: number): HotlineConfig {
  const callerPort = (i: number) => portBase + 3 + i;
  const phonePort = (i: number) => portBase + 20 + i;
  const operators = Object.entries(base.operators);
  const [firstTrunk, ...otherTrunks] = base.trunks;
  if (!firstTrunk) throw new Error("the configuration has no trunk for the simulated callers");
  return {
    ...base,
    asterisk: {
      ...base.asterisk,
      sandbox: {
        sipPort: portBase,
        httpPort: portBase + 1,
        amiPort: portBase + 2,
        rtpStart: portBase + 100,
        rtpEnd: portBase + 299,
        dir: join(workDir, "asterisk"),
      },
    },
    database: { client: "sqlite", filename: join(workDir, "hotline.sqlite") },
    recordings: { ...base.recordings, dir: join(workDir, "recordings") },
    // The simulated carrier sends from the callers' ports; desk phones answer on theirs.
    trunks: [{ ...firstTrunk, match: [0, 1, 2, 3].map((i) => `127.0.0.1:${callerPort(i)}`) }, ...otherTrunks],
    // The first at the desk works a shift the roster logs her in for (from now, 2 h); the second logs in
    // from his desk phone with *1 and his PIN; the others are not rostered today and stay logged out.
    operators: Object.fromEntries(
      operators.map(([id, op], i) => [
        id,
        i < AT_DESK
          ? {
              ...op,
              contact: `sip:${op.endpoint}@127.0.0.1:${phonePort(i)}`,
              roster: i === 0 ? shiftAroundNow(base.organization.timezone) : undefined,
            }
          : { ...op, roster: undefined },
      ]),
    ),
    // The demo opens and closes the hotline by override in its own state folder, not the real one.
    state: { dir: join(workDir, "state") },
  };
}

/**
 * The callers while the hotline is open. The radio listener waits about 15 s in the queue before
 * hanging up (the prompts after the last key take ~6 s): well past the 5 s under which a hang-up is a
 * short abandon, so the report counts them as abandoned, as the story says.
 */
export function openCallers(numbers: readonly string[]): DemoCaller[] {
  return [
    {
      who: "an English speaker about fees, very satisfied",
      number: numbers[0] ?? "",
      caller: "600100001",
      actions: [{ wait: 6000 }, { press: "1" }, { wait: 3000 }, { press: "2" }, { wait: 16_500 }, { press: "5" }],
    },
    {
      who: "a Spanish speaker about grants (newspaper ad)",
      number: numbers[1] ?? "",
      caller: "600100002",
      actions: [{ wait: 6000 }, { press: "2" }, { wait: 3000 }, { press: "3" }, { wait: 16_500 }, { press: "4" }],
    },
    {
      who: "a radio listener who gives up while waiting",
      number: numbers[2] ?? "",
      caller: "600100003",
      actions: [{ wait: 6000 }, { press: "1" }, { wait: 3000 }, { press: "1" }, { wait: 21_000 }, { hangup: true }],
    },
  ];
}

/**
 * A shift that begins this minute and lasts two hours (across midnight when need be), in the
 * organization's zone: the roster logs her in at once, and the report plans only the demo's minutes.
 */
function shiftAroundNow(zone: string): NonNullable<HotlineConfig["operators"][string]["roster"]> {
  const now = DateTime.now().setZone(zone);
  const start = now.startOf("minute");
  const end = now.plus({ hours: 2 });
  const hhmm = (t: DateTime) => t.toFormat("HH:mm");
  // Keyed by the day the shift starts: a shift that crosses midnight belongs to it, its end marked +1.
  const nextDay = !end.hasSame(start, "day") ? "+1" : "";
  return { shifts: { [weekday(start)]: `${hhmm(start)}-${hhmm(end)}${nextDay}` }, breaks: [] };
}

function weekday(t: DateTime): string {
  return WEEKDAYS[t.weekday - 1] ?? "mon";
}

function weekdayKey(config: HotlineConfig): string {
  return weekday(DateTime.now().setZone(config.organization.timezone).startOf("minute"));
}

function stamp(t0: number): string {
  return `[${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s]`;
}

async function setOverride(stateDir: string, state: "open" | "closed", until: Date): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const overrides = { "*": { state, until: until.toISOString(), reason: "demo", setAt: new Date().toISOString() } };
  await writeFile(join(stateDir, "schedule-overrides.json"), `${JSON.stringify({ version: 1, overrides }, null, 2)}\n`);
}

function table(rows: CallRow[], config: HotlineConfig): string {
  const head = ["caller", "number", "campaign", "lang", "topic", "outcome", "wait", "operator", "survey"];
  const body = rows.map((r) => [
    showText(r.caller_number ?? ""),
    r.did ?? "",
    r.campaign ?? "",
    r.language ?? "",
    r.topic ?? "",
    r.outcome ?? "(in progress)",
    r.wait_seconds === null ? "" : `${r.wait_seconds.toFixed(0)} s`,
    r.answered_by ? (config.operators[r.answered_by]?.name ?? r.answered_by) : "",
    r.survey_score === null ? "" : String(r.survey_score),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
