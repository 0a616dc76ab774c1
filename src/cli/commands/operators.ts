import { type Command, Option } from "commander";
import { DateTime } from "luxon";
import type { OperatorSnapshot } from "../../acd/snapshot.ts";
import type { OperatorStatus } from "../../acd/types.ts";
import type { HotlineConfig } from "../../config/index.ts";
import { suggest } from "../../config/suggest.ts";
import {
  type CommandResult,
  ControlClient,
  HotlineNotRunning,
  type OperatorAction,
  SUPERVISOR_PAUSE_REASONS,
} from "../../operators/control-client.ts";
import type { OperatorStateRow } from "../../records/rows.ts";
import { DB_OPTION } from "../database.ts";
import { UsageError, usageExit } from "../errors.ts";
import { print, printTable } from "../table.ts";

interface Common {
  config?: string;
  json?: boolean;
  db?: string;
}

/** A desk phone as Asterisk sees it (ARI endpoint state), when it could be asked. */
export type PhoneState = "online" | "offline" | "unknown";

/** A row of the table, from the running app or from the last recorded states. */
interface OperatorLine {
  operator: string;
  name: string;
  state: string;
  since: string | null;
  reason?: string;
  pending?: OperatorStatus["pending"];
  deviceBusy?: boolean;
  /** Why the ACD passes the operator by while deviceBusy: the phone in use, or not registered. */
  phone?: PhoneState;
  callsToday?: number;
}

/**
 * `hotline operators [list]`, `login|logout|resume <operator>`, `pause <operator> --reason …`:
 * supervisors' view and commands, through the running app's control API (found in state.dir).
 * Exit codes: 0 ok, 1 error (e.g. the hotline is not running), 2 usage or bad input.
 */
export function registerOperatorCommands(program: Command): void {
  const operators = program
    .command("operators")
    .description("operators' states now; log them in or out, pause and resume them (while the hotline runs)")
    .option("-c, --config <file>", "hotline configuration")
    .option("--json", "machine-readable output")
    .option(...DB_OPTION)
    // Before the sub-commands: they inherit it. Mistakes on the command line exit with 2.
    .exitOverride(usageExit);

  operators
    .command("list", { isDefault: true })
    .description("each operator's state, since when, pause reason or pending change, calls today")
    .option("-c, --config <file>", "hotline configuration")
    .option("--json", "machine-readable output")
    .option(...DB_OPTION)
    .action(async (own: Common, cmd: Command) => {
      const opts = merged(own, cmd);
      const { loadConfigForCli } = await import("../load-config.ts");
      const config = await loadConfigForCli(opts.config);
      let lines: OperatorLine[];
      let running = true;
      try {
        const client = await ControlClient.connect(config.state.dir);
        lines = (await client.statuses()).map((s) => liveLine(config, s));
        const phones = lines.some((l) => l.deviceBusy) ? await phoneStates(config) : new Map<string, PhoneState>();
        for (const l of lines) {
          const phone = phones.get(config.operators[l.operator]?.endpoint ?? "");
          if (l.deviceBusy && phone) l.phone = phone;
        }
      } catch (err) {
        if (!(err instanceof HotlineNotRunning)) throw err;
        running = false;
        lines = await lastKnown(config, opts.db);
      }
      if (opts.json) return print(JSON.stringify({ running, operators: lines }, null, 2));
      if (!running)
        process.stderr.write(`${new HotlineNotRunning().message}; the last known states from the records:\n`);
      if (lines.length === 0) return print("no operators in the configuration");
      const zone = config.organization.timezone;
      printTable(
        ["operator", "name", "state", "since", "reason / pending", "calls today"],
        lines.map((l) => [
          l.operator,
          l.name,
          l.state,
          l.since ? local(l.since, zone) : "",
          notes(l),
          l.callsToday === undefined ? "" : String(l.callsToday),
        ]),
      );
    });

  for (const action of ["login", "logout", "resume"] as const) {
    operators
      .command(`${action} <operator>`)
      .description(DESCRIPTIONS[action])
      .option("-c, --config <file>", "hotline configuration")
      .option("--json", "machine-readable output")
      .action(async (operator: string, own: Common, cmd: Command) => {
        await runCommand(operator, action, undefined, merged(own, cmd));
      });
  }

  operators
    .command("pause <operator>")
    .description(DESCRIPTIONS.pause)
    .addOption(
      new Option("--reason <reason>", "why the operator pauses")
        .choices(SUPERVISOR_PAUSE_REASONS)
        .makeOptionMandatory(),
    )
    .option("-c, --config <file>", "hotline configuration")
    .option("--json", "machine-readable output")
    .action(async (operator: string, own: Common & { reason: "lunch" | "break" | "training" | "other" }, cmd) => {
      await runCommand(operator, "pause", own.reason, merged(own, cmd));
    });
}

const DESCRIPTIONS: Record<OperatorAction, string> = {
  login: "log an operator in: they take calls",
  logout: "log an operator out (during a call: when it ends)",
  pause: "pause an operator (during a call: when it ends)",
  resume: "end an operator's pause (during a call: cancels a pause waiting for its end)",
};

async function runCommand(
  operator: string,
  action: OperatorAction,
  reason: "lunch" | "break" | "training" | "other" | undefined,
  opts: Common,
): Promise<void> {
  const { loadConfigForCli } = await import("../load-config.ts");
  const config = await loadConfigForCli(opts.config);
  const known = Object.keys(config.operators);
  if (!known.includes(operator)) {
    const guess = suggest(operator, known);
    throw new UsageError(
      `unknown operator "${operator}"${guess ? ` (did you mean "${guess}"?)` : ""} — known: ${known.join(", ") || "none"}`,
    );
  }
  const client = await ControlClient.connect(config.state.dir);
  const result = await client.command(operator, action, reason);
  if (opts.json) return print(JSON.stringify(result, null, 2));
  print(describe(operator, action, reason, result));
}

/** One line for the supervisor: what happened, or why nothing did. */
function describe(operator: string, action: OperatorAction, reason: string | undefined, result: CommandResult): string {
  const state = result.status?.state ?? "unknown";
  const { outcome } = result;
  switch (action) {
    case "login":
      if (outcome === "ignored") return `${operator} was already logged in (${state})`;
      return state === "available" ? `${operator}: logged in` : `${operator}: stays logged in (${state})`;
    case "logout":
      if (outcome === "pending") return `${operator} is on a call: logged out when it ends`;
      return outcome === "done" ? `${operator}: logged out` : `${operator} was already logged out`;
    case "pause":
      if (outcome === "pending") return `${operator} is on a call: the ${reason} pause starts when it ends`;
      if (outcome === "done") return `${operator}: paused (${reason})`;
      return state === "logged-out"
        ? `${operator} is logged out: nothing to pause`
        : `${operator} was already paused (${reason})`;
    case "resume":
      if (outcome === "ignored") return `${operator} is not paused (${state})`;
      return state === "available" ? `${operator}: available` : `${operator}: no pause after the call (${state})`;
  }
}

function liveLine(config: HotlineConfig, s: OperatorStatus): OperatorLine {
  return {
    operator: s.operator,
    name: config.operators[s.operator]?.name ?? "",
    state: s.state,
    since: s.since.toISOString(),
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.pending ? { pending: s.pending } : {}),
    deviceBusy: s.deviceBusy,
    callsToday: s.callsToday,
  };
}

/** The operator_states table: what the app last recorded, in configuration order. */
async function lastKnown(config: HotlineConfig, file?: string): Promise<OperatorLine[]> {
  const { openExistingDatabase } = await import("../database.ts");
  const { readOperatorStates } = await import("../../records/read.ts");
  const db = await openExistingDatabase(config, file);
  let rows: OperatorStateRow[];
  try {
    rows = await readOperatorStates(db);
  } finally {
    await db.destroy();
  }
  const byOperator = new Map(rows.map((r) => [r.operator, r]));
  return Object.entries(config.operators).map(([key, settings]) => {
    const row = byOperator.get(key);
    return {
      operator: key,
      name: settings.name,
      state: row?.state ?? "no record",
      since: row?.since ?? null,
      ...(row?.reason ? { reason: row.reason } : {}),
      ...fromSnapshot((row as { snapshot?: string | null } | undefined)?.snapshot, config.organization.timezone),
    };
  });
}

/** The pending change and today's calls, from the ACD's snapshot the app stores beside the state. */
function fromSnapshot(text: string | null | undefined, zone: string): Pick<OperatorLine, "pending" | "callsToday"> {
  if (!text) return {};
  try {
    const s = JSON.parse(text) as Partial<OperatorSnapshot>;
    const today = DateTime.now().setZone(zone).toISODate();
    return {
      ...(s.pending ? { pending: s.pending } : {}),
      ...(typeof s.callsToday === "number" ? { callsToday: s.callsDay === today ? s.callsToday : 0 } : {}),
    };
  } catch {
    return {}; // unreadable: the state itself still says enough
  }
}

function notes(line: OperatorLine): string {
  const out: string[] = [];
  if (line.reason) out.push(line.reason);
  if (line.pending?.kind === "pause") out.push(`then pause (${line.pending.reason})`);
  if (line.pending?.kind === "logout") out.push("then logout");
  const phone = phoneNote(line);
  if (phone) out.push(phone);
  return out.join(", ");
}

/**
 * The ACD passes an operator by ("deviceBusy") whether the desk phone is in use or not registered
 * at all; Asterisk's endpoint state tells the two apart. Unknown when Asterisk could not be asked.
 */
export function phoneNote(line: Pick<OperatorLine, "deviceBusy" | "phone">): string | undefined {
  if (!line.deviceBusy) return undefined;
  if (line.phone === "online") return "phone busy";
  if (line.phone === "offline" || line.phone === "unknown") return "phone unregistered/offline";
  return "phone busy or unregistered";
}

/** Desk phones' endpoint states from Asterisk's ARI (GET /endpoints/PJSIP); empty when unreachable. */
async function phoneStates(config: HotlineConfig): Promise<Map<string, PhoneState>> {
  try {
    const ari = await ariFor(config);
    if (!ari) return new Map();
    const response = await fetch(`${ari.url.replace(/\/+$/, "")}/ari/endpoints/PJSIP`, {
      headers: { authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString("base64")}` },
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return new Map();
    const endpoints = (await response.json()) as { resource: string; state?: string }[];
    return new Map(
      endpoints.map((e) => [e.resource, e.state === "online" || e.state === "offline" ? e.state : "unknown"]),
    );
  } catch {
    return new Map(); // the note then says it could be either
  }
}

async function ariFor(config: HotlineConfig): Promise<{ url: string; username: string; password: string } | undefined> {
  if (config.asterisk.mode === "external") return config.asterisk.ari;
  const { sandboxConnection, sandboxDir } = await import("../../asterisk/sandbox/from-config.ts");
  const { loadRuntime, SandboxInstance } = await import("../../asterisk/sandbox/instance.ts");
  const runtime = await loadRuntime(sandboxDir(config));
  return runtime ? sandboxConnection(new SandboxInstance(runtime.spec)).ari : undefined;
}

/** Options given before the sub-command (`hotline operators -c x list`) count too. */
function merged(own: Common, cmd: Command): Common {
  return { ...(cmd.parent?.opts() as Common), ...own };
}

/** Today's times as HH:mm, older ones with their date. */
function local(iso: string, zone: string): string {
  const t = DateTime.fromISO(iso, { zone });
  return t.hasSame(DateTime.now().setZone(zone), "day") ? t.toFormat("HH:mm") : t.toFormat("yyyy-LL-dd HH:mm");
}
