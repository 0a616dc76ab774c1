import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { type HotlineConfig, hotlineConfigSchema } from "../../../src/config/index.ts";
import {
  type MutableRosterMemory,
  newRosterMemory,
  type RosterDecision,
  remember,
  rosterActions,
} from "../../../src/operators/roster-actions.ts";
import { RosterScheduler, type Timer } from "../../../src/operators/roster-scheduler.ts";
import { EngineCommands } from "../../support/engine-commands.ts";

/** Madrid wall-clock time (CET in March, UTC+1); 2027-03-03 is a Wednesday. */
const madrid = (local: string) => new Date(`${local}:00+01:00`);

const OFFICE_ROSTER = { shifts: { "mon-fri": "09:00-17:00" }, lunch: "13:00-14:00", breaks: ["11:00-11:15"] };

/** ana: office hours; nora: nights; ben: no roster. One always-open hotline unless `hotline` says otherwise. */
function makeConfig(options: { timezone?: string; hotline?: Record<string, unknown>; extra?: object } = {}) {
  const operator = (name: string, endpoint: string, roster?: object) => ({
    name,
    endpoint,
    languages: ["en"],
    ...(roster ? { roster } : {}),
  });
  const parsed = hotlineConfigSchema.parse({
    organization: {
      name: "Test College",
      timezone: options.timezone ?? "Europe/Madrid",
      languages: ["en"],
      defaultLanguage: "en",
    },
    hotlines: { main: { greeting: { en: "Hello." }, languageChoice: false, ...options.hotline } },
    operators: {
      ana: operator("Ana", "op-ana", OFFICE_ROSTER),
      nora: operator("Nora", "op-nora", { shifts: { "mon-fri": "22:00-06:00+1" }, breaks: ["02:00-02:15"] }),
      ben: operator("Ben", "op-ben"),
    },
    ...options.extra,
  });
  return { ...parsed, path: "/nowhere/hotline.yaml", dir: "/nowhere" } as HotlineConfig;
}

/** Carries out decisions as the scheduler does; returns `operator → "action: outcome"`. */
function apply(
  commands: EngineCommands,
  decisions: RosterDecision[],
  memory?: MutableRosterMemory,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of decisions) {
    const c = d.command;
    if (!c) {
      if (memory) remember(memory, d);
      continue;
    }
    const outcome =
      c.action === "pause" ? commands.pause(d.operator, c.reason, "roster") : commands[c.action](d.operator, "roster");
    if (memory) remember(memory, d, outcome);
    out[d.operator] = `${c.action}${c.action === "pause" ? ` ${c.reason}` : ""}: ${outcome}`;
  }
  return out;
}

/** Only the decisions that do something, as `operator → action`. */
function commandsOf(decisions: RosterDecision[]): Record<string, string> {
  return Object.fromEntries(
    decisions
      .filter((d) => d.command)
      .map((d) => [
        d.operator,
        d.command?.action === "pause" ? `pause ${d.command.reason}` : (d.command?.action ?? ""),
      ]),
  );
}

describe("rosterActions: what the roster asks of each operator", () => {
  const config = makeConfig();
  let acd: EngineCommands;
  let mem: MutableRosterMemory;

  /** Move the clock and apply the plan, as the scheduler does at a boundary. */
  const at = (local: string) => {
    acd.now = madrid(local);
    return apply(acd, rosterActions(config, acd.statuses(), acd.now, mem), mem);
  };

  beforeEach(() => {
    acd = new EngineCommands(config, madrid("2027-03-03T07:00"));
    mem = newRosterMemory();
  });

  it("logs in at the start of a shift and never touches an operator without a roster", () => {
    acd.now = madrid("2027-03-03T09:00");
    const decisions = rosterActions(config, acd.statuses(), acd.now, mem);
    expect(decisions.map((d) => d.operator)).toEqual(["ana", "nora"]);
    expect(commandsOf(decisions)).toEqual({ ana: "login" });
    expect(decisions[1]).toMatchObject({ operator: "nora", planned: { state: "off" }, command: null });
    apply(acd, decisions, mem);
    expect(acd.status("ana").state).toBe("available");
    expect(acd.status("ben").state).toBe("logged-out");
    expect(acd.sources).toEqual(["roster"]);
  });

  it("pauses for lunch and breaks, and resumes the pauses it started when they end", () => {
    at("2027-03-03T09:00");
    expect(at("2027-03-03T11:00")).toEqual({ ana: "pause break: done" });
    expect(acd.status("ana")).toMatchObject({ state: "paused", reason: "break" });
    expect(at("2027-03-03T11:15")).toEqual({ ana: "resume: done" });
    expect(at("2027-03-03T13:00")).toEqual({ ana: "pause lunch: done" });
    expect(at("2027-03-03T14:00")).toEqual({ ana: "resume: done" });
    expect(acd.status("ana").state).toBe("available");
  });

  it("logs out at the end of the shift; an operator already logged out is left alone", () => {
    at("2027-03-03T09:00");
    expect(at("2027-03-03T17:00")).toEqual({ ana: "logout: done" });
    expect(acd.status("ana").state).toBe("logged-out");
    expect(rosterActions(config, acd.statuses(), madrid("2027-03-03T20:00"), mem)).toEqual([]);
  });

  it("a break during a call is pending and starts when the call ends, without wrap-up", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T10:55");
    acd.answer("ana", "call-1");
    expect(at("2027-03-03T11:00")).toEqual({ ana: "pause break: pending" });
    expect(acd.status("ana")).toMatchObject({ state: "on-call", pending: { kind: "pause", reason: "break" } });
    acd.now = madrid("2027-03-03T11:04");
    acd.engine.callEnded("ana", "call-1", acd.now);
    expect(acd.status("ana")).toMatchObject({ state: "paused", reason: "break", since: madrid("2027-03-03T11:04") });
    expect(at("2027-03-03T11:15")).toEqual({ ana: "resume: done" });
  });

  it("a break the call outlasts is cancelled at its end: the operator goes on working", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T10:55");
    acd.answer("ana", "call-1");
    at("2027-03-03T11:00");
    expect(at("2027-03-03T11:15")).toEqual({ ana: "resume: done" });
    expect(acd.status("ana").pending).toBeUndefined();
    acd.engine.callEnded("ana", "call-1", madrid("2027-03-03T11:20"));
    expect(acd.status("ana").state).toBe("wrap-up");
  });

  it("the end of the shift during a call logs out when the call ends: calls are never cut", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T16:50");
    acd.answer("ana", "call-1");
    expect(at("2027-03-03T17:00")).toEqual({ ana: "logout: pending" });
    expect(acd.status("ana").state).toBe("on-call");
    acd.engine.callEnded("ana", "call-1", madrid("2027-03-03T17:10"));
    expect(acd.status("ana").state).toBe("logged-out");
  });

  it("acts only when a segment begins: a training pause mid-shift is not resumed", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T09:30");
    acd.pause("ana", "training", "phone");
    // Later in the same segment: nothing is due.
    expect(rosterActions(config, acd.statuses(), madrid("2027-03-03T10:30"), mem)).toEqual([]);
    // The break starts and ends: the training pause is the operator's to end.
    expect(at("2027-03-03T11:00")).toEqual({});
    expect(at("2027-03-03T11:15")).toEqual({});
    expect(acd.status("ana")).toMatchObject({ state: "paused", reason: "training" });
  });

  it("an operator who logged out mid-shift stays out until their next shift", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T10:00");
    acd.logout("ana", "phone");
    expect(at("2027-03-03T11:00")).toEqual({});
    expect(at("2027-03-03T11:15")).toEqual({});
    expect(at("2027-03-03T17:00")).toEqual({});
    expect(at("2027-03-04T09:00")).toEqual({ ana: "login: done" });
  });

  it("after a startup during lunch, logs the operator in when lunch ends", () => {
    expect(at("2027-03-03T13:10")).toEqual({});
    expect(at("2027-03-03T14:00")).toEqual({ ana: "login: done" });
  });

  it("at startup mid-shift (nothing applied yet), logs in and pauses as planned", () => {
    acd.now = madrid("2027-03-03T10:05");
    expect(commandsOf(rosterActions(config, acd.statuses(), acd.now))).toEqual({ ana: "login" });
    acd.login("ana", "phone");
    acd.now = madrid("2027-03-03T11:05");
    expect(commandsOf(rosterActions(config, acd.statuses(), acd.now))).toEqual({ ana: "pause break" });
  });

  it("does not resume a lunch the operator started before the roster's; after a restart, resumes one taken in it", () => {
    at("2027-03-03T09:00");
    acd.now = madrid("2027-03-03T12:50");
    acd.pause("ana", "lunch", "phone"); // early
    expect(at("2027-03-03T13:00")).toEqual({});
    expect(at("2027-03-03T14:00")).toEqual({});
    expect(acd.status("ana")).toMatchObject({ state: "paused", reason: "lunch" });

    // Another day: paused for lunch at 13:05 (during the roster's lunch), then the app restarted.
    acd.now = madrid("2027-03-04T13:05");
    acd.resume("ana", "phone");
    acd.pause("ana", "lunch", "phone");
    acd.now = madrid("2027-03-04T14:00");
    expect(apply(acd, rosterActions(config, acd.statuses(), acd.now))).toEqual({ ana: "resume: done" });
  });

  it("does not log in an operator just to pause them, and leaves a pause it did not start alone", () => {
    acd.now = madrid("2027-03-03T13:10");
    expect(commandsOf(rosterActions(config, acd.statuses(), acd.now))).toEqual({});
    acd.login("ana", "phone");
    acd.pause("ana", "missed-calls", "acd");
    expect(commandsOf(rosterActions(config, acd.statuses(), acd.now))).toEqual({});
  });

  it("goes from a break straight to lunch when they touch", () => {
    const touching = makeConfig();
    const ana = touching.operators.ana;
    if (!ana?.roster) throw new Error("ana has a roster");
    ana.roster = { ...ana.roster, breaks: ["12:45-13:00"] };
    acd = new EngineCommands(touching, madrid("2027-03-03T09:00"));
    const step = (local: string) => {
      acd.now = madrid(local);
      return apply(acd, rosterActions(touching, acd.statuses(), acd.now, mem), mem);
    };
    step("2027-03-03T09:00");
    expect(step("2027-03-03T12:45")).toEqual({ ana: "pause break: done" });
    expect(step("2027-03-03T13:00")).toEqual({ ana: "pause lunch: done" });
    expect(step("2027-03-03T14:00")).toEqual({ ana: "resume: done" });
  });

  it("a night shift runs across midnight: midnight is no boundary, the morning end is", () => {
    expect(at("2027-03-03T22:00")).toEqual({ nora: "login: done" });
    expect(rosterActions(config, acd.statuses(), madrid("2027-03-04T00:30"), mem)).toEqual([]);
    expect(at("2027-03-04T02:00")).toEqual({ nora: "pause break: done" });
    expect(at("2027-03-04T02:15")).toEqual({ nora: "resume: done" });
    expect(at("2027-03-04T06:00")).toEqual({ nora: "logout: done" });
  });

  it("reads the roster in organization.timezone", () => {
    const instant = new Date("2027-03-03T13:30:00Z"); // 14:30 in Madrid, 08:30 in New York
    const statuses = acd.statuses();
    expect(commandsOf(rosterActions(makeConfig(), statuses, instant))).toEqual({ ana: "login" });
    expect(commandsOf(rosterActions(makeConfig({ timezone: "America/New_York" }), statuses, instant))).toEqual({});
    const later = new Date("2027-03-03T14:00:00Z"); // 09:00 in New York
    expect(commandsOf(rosterActions(makeConfig({ timezone: "America/New_York" }), statuses, later))).toEqual({
      ana: "login",
    });
  });
});

// ── The scheduler ────────────────────────────────────────────────────────────────────────────

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function captureLogger(lines: LogLine[]) {
  return pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
}

/** Timers the test fires by hand, moving the clock to their time. */
function manualTimer() {
  const pending: { at: Date; task: () => void; cancelled: boolean }[] = [];
  const timer: Timer = (at, task) => {
    const entry = { at, task, cancelled: false };
    pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  };
  const active = () => pending.filter((p) => !p.cancelled);
  return { timer, active };
}

describe("RosterScheduler", () => {
  const officeHours = {
    schedule: "office",
  };
  const schedules = {
    schedules: { office: { timezone: "Europe/Madrid", weekly: { "mon-fri": "09:00-17:00" } } },
  };

  function setup(start: string, config = makeConfig({ hotline: officeHours, extra: schedules })) {
    const acd = new EngineCommands(config, madrid(start));
    const logs: LogLine[] = [];
    const timers = manualTimer();
    const scheduler = new RosterScheduler({
      commands: acd,
      config,
      logger: captureLogger(logs),
      now: () => acd.now,
      timer: timers.timer,
    });
    /** Fire the one pending timer, at its time. */
    const fire = () => {
      const [next, ...rest] = timers.active();
      expect(rest).toEqual([]);
      if (!next) throw new Error("no timer pending");
      next.cancelled = true;
      acd.now = next.at;
      next.task();
      return next.at;
    };
    return { acd, logs, scheduler, fire, timers };
  }

  it("applies the plan at startup, then at each boundary, logging each action", () => {
    const { acd, logs, scheduler, fire } = setup("2027-03-03T10:00");
    scheduler.start();
    expect(acd.status("ana").state).toBe("available");
    expect(logs.find((l) => l.msg === "roster: logged in")).toMatchObject({
      operator: "ana",
      planned: "on-shift",
      action: "login",
      outcome: "done",
      component: "roster",
    });
    expect(scheduler.next()).toEqual(madrid("2027-03-03T11:00"));
    expect(fire()).toEqual(madrid("2027-03-03T11:00"));
    expect(acd.status("ana")).toMatchObject({ state: "paused", reason: "break" });
    expect(logs.find((l) => l.msg === "roster: paused")).toMatchObject({
      operator: "ana",
      planned: "break",
      until: madrid("2027-03-03T11:15").toISOString(),
      action: "pause",
      reason: "break",
      outcome: "done",
    });
    expect(fire()).toEqual(madrid("2027-03-03T11:15"));
    expect(acd.status("ana").state).toBe("available");
    expect(logs.find((l) => l.msg === "roster: resumed")).toMatchObject({ operator: "ana", outcome: "done" });
    scheduler.stop();
  });

  it("says a pending action waits for the end of the call", () => {
    const { acd, logs, scheduler, fire } = setup("2027-03-03T10:00");
    scheduler.start();
    acd.now = madrid("2027-03-03T10:58");
    acd.answer("ana", "call-1");
    fire();
    expect(logs.find((l) => l.msg === "roster: pause when the call ends")).toMatchObject({
      operator: "ana",
      outcome: "pending",
    });
    scheduler.stop();
  });

  it("warns when the roster leaves the open hotline without anyone, once per gap", () => {
    const { logs, scheduler, fire } = setup("2027-03-03T10:00");
    scheduler.start();
    expect(logs.filter((l) => l.level === 40)).toEqual([]);
    fire(); // 11:00: Ana's break, the only operator on shift
    const warnings = logs.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: "understaffed now: hotline main: no operator in English on Wed 11:00–11:15",
      hotline: "main",
      language: "en",
      until: madrid("2027-03-03T11:15").toISOString(),
    });
    fire(); // 11:15: back
    fire(); // 13:00: lunch
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      "understaffed now: hotline main: no operator in English on Wed 11:00–11:15",
      "understaffed now: hotline main: no operator in English on Wed 13:00–14:00",
    ]);
    scheduler.stop();
  });

  it("warns at startup inside a gap, and wakes at the start of a gap that is no roster boundary", () => {
    const config = makeConfig({
      hotline: officeHours,
      extra: { schedules: { office: { timezone: "Europe/Madrid", weekly: { "mon-fri": "08:00-18:00" } } } },
    });
    const { logs, scheduler, fire } = setup("2027-03-03T08:30", config);
    scheduler.start();
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      "understaffed now: hotline main: no operator in English on Wed 08:00–09:00",
    ]);
    expect(fire()).toEqual(madrid("2027-03-03T09:00"));
    expect(fire()).toEqual(madrid("2027-03-03T11:00"));
    scheduler.stop();
    // After 17:00 the office is still open until 18:00, and nobody is there: a gap that starts at
    // Ana's logout (a boundary). The next day's 08:00 gap is no boundary of anyone's roster.
    const late = setup("2027-03-03T17:30", config);
    late.scheduler.start();
    expect(late.scheduler.next()).toEqual(madrid("2027-03-03T22:00")); // Nora's night shift
    late.fire();
    expect(late.scheduler.next()).toEqual(madrid("2027-03-04T02:00"));
    late.fire();
    late.fire(); // 02:15
    expect(late.scheduler.next()).toEqual(madrid("2027-03-04T06:00"));
    late.fire();
    expect(late.scheduler.next()).toEqual(madrid("2027-03-04T08:00")); // the office opens, nobody there
    late.fire();
    expect(late.logs.at(-1)?.msg).toBe("understaffed now: hotline main: no operator in English on Thu 08:00–09:00");
    late.scheduler.stop();
  });

  it("without any roster, neither acts nor warns", () => {
    const config = makeConfig({ hotline: officeHours, extra: schedules });
    for (const settings of Object.values(config.operators)) delete settings.roster;
    const { acd, logs, scheduler } = setup("2027-03-03T10:00", config);
    scheduler.start();
    expect(acd.sources).toEqual([]);
    expect(logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(scheduler.next()).toEqual(madrid("2027-03-04T10:00"));
    scheduler.stop();
  });

  it("on reload, applies a changed roster now and forgets a removed one; stop cancels the timer", () => {
    const { acd, scheduler, timers } = setup("2027-03-03T10:00");
    scheduler.start();
    expect(acd.status("ana").state).toBe("available");
    const changed = makeConfig({ hotline: officeHours, extra: schedules });
    const ana = changed.operators.ana;
    if (!ana) throw new Error("ana is configured");
    ana.roster = { shifts: { "mon-fri": "12:00-20:00" }, breaks: [] };
    scheduler.reconfigure(changed);
    expect(acd.status("ana").state).toBe("logged-out");
    expect(scheduler.next()).toEqual(madrid("2027-03-03T12:00"));
    const withoutRoster = makeConfig({ hotline: officeHours, extra: schedules });
    delete withoutRoster.operators.ana?.roster;
    scheduler.reconfigure(withoutRoster);
    expect(acd.status("ana").state).toBe("logged-out");
    scheduler.stop();
    expect(timers.active()).toEqual([]);
    expect(scheduler.next()).toBeNull();
  });

  it("a command that fails is logged and tried again at the next wake-up", () => {
    const { acd, logs, scheduler, fire } = setup("2027-03-03T10:00");
    const login = acd.login.bind(acd);
    let fail = true;
    acd.login = (operator, source) => {
      if (fail) throw new Error("ACD not ready");
      return login(operator, source);
    };
    scheduler.start();
    expect(logs.find((l) => l.level === 50)).toMatchObject({ msg: "roster: command failed", err: "ACD not ready" });
    fail = false;
    fire(); // 11:00: the break: nobody is logged in to pause it
    expect(acd.status("ana").state).toBe("logged-out");
    fire(); // 11:15: the login that failed, now
    expect(acd.status("ana").state).toBe("available");
    scheduler.stop();
  });
});
