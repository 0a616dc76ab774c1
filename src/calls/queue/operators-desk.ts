import type { Outcome, PauseReason } from "../../acd/types.ts";
import type { DeviceState } from "../../asterisk/ari/generated.ts";
import type { HotlineConfig, OperatorSettings } from "../../config/index.ts";
import { OperatorActivity } from "../../operators/activity.ts";
import type { CommandSource } from "../../operators/commands.ts";
import type { OperatorRecords } from "../../records/operator-records.ts";
import type { OperatorStateRow } from "../../records/rows.ts";
import { type DeskPhone, deskPhones } from "./desk-phones.ts";

/** Device states of a phone Asterisk cannot call, and of one with a call on it. */
const UNREACHABLE = new Set(["UNAVAILABLE", "INVALID"]);
const IN_USE = new Set(["INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD"]);

import type { AcdParts } from "./queue-state.ts";

/**
 * Operators who log in by their phone being reachable: those with neither a roster nor a PIN
 * (small teams need no ceremony), once, and only when the database knows nothing of them yet —
 * someone who logged out stays out.
 */
export function autoLogins(
  operators: Readonly<Record<string, Pick<OperatorSettings, "roster" | "pin">>>,
  phones: ReadonlyMap<string, Pick<DeskPhone, "reachable">>,
  known: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const [key, phone] of phones) {
    const operator = operators[key];
    if (operator && !operator.roster && !operator.pin && phone.reachable && !known.has(key)) out.push(key);
  }
  return out;
}

/**
 * The operators' side of the ACD: their commands (desk phone, CLI, roster), their desk phones
 * looked at, and every state change the engine made written into the records.
 */
export class OperatorsDesk {
  private readonly activity: OperatorActivity;
  /** Operators the database or an earlier auto log-in knows: not logged in by their phone again. */
  private known = new Set<string>();
  private phonesFailing = false;
  /** Endpoint → the operators on it, for the configuration in force. */
  private endpointsFor: { config: HotlineConfig; byEndpoint: Map<string, string[]> } | undefined;

  constructor(
    private readonly parts: AcdParts,
    records: OperatorRecords,
    /** Match again: a command or a state change may have freed someone. */
    private readonly match: () => void,
  ) {
    this.activity = new OperatorActivity(records);
  }

  /** The open sessions and pauses of the last run continue. */
  continueActivity(rows: readonly OperatorStateRow[]): void {
    this.activity.restore(rows);
  }

  /** Operators the database has a state for are never logged in by their phone alone. */
  know(rows: readonly OperatorStateRow[]): void {
    this.known = new Set(rows.map((r) => r.operator));
  }

  login(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "login", (at) => this.parts.state.engine.login(operator, at));
  }

  logout(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "logout", (at) => this.parts.state.engine.logout(operator, at));
  }

  pause(operator: string, reason: PauseReason, source: CommandSource): Outcome {
    const { engine } = this.parts.state;
    return this.command(operator, source, `pause (${reason})`, (at) => engine.pause(operator, reason, at));
  }

  resume(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "resume", (at) => this.parts.state.engine.resume(operator, at));
  }

  /** Let the engine's clock run (wrap-ups that are over end) and record what changed. */
  advance(): void {
    this.parts.state.engine.tick(this.parts.now());
    this.flush("acd");
  }

  /** Every desk phone in one request (at start and after each reconnect): events keep them current after. */
  async lookAtPhones(): Promise<void> {
    const { state, ari, log } = this.parts;
    try {
      const phones = deskPhones(await ari.endpoints.list("PJSIP"), state.config.operators, state.ourLegs);
      let changed = false;
      for (const [key, phone] of phones) changed = this.apply(key, phone) || changed;
      if (this.phonesFailing) log.info("desk phones visible again");
      this.phonesFailing = false;
      if (changed) this.match();
    } catch (err) {
      // Said once per outage, not at every attempt.
      if (!this.phonesFailing) log.warn({ err: (err as Error).message }, "could not look at the desk phones");
      this.phonesFailing = true;
    }
  }

  /**
   * Asterisk says a desk phone's device state changed (registered, gone, ringing, in use). In use
   * while the ACD has nothing on it (the operator neither ringing nor on a call of ours) is a call
   * outside the ACD; a leg of ours that just ended may show a moment longer, until the next event.
   */
  deviceChanged(device: DeviceState): void {
    const { state } = this.parts;
    if (!device.name.startsWith("PJSIP/")) return;
    let changed = false;
    for (const key of this.operatorsOn(device.name.slice("PJSIP/".length))) {
      const operator = state.config.operators[key];
      if (!operator) continue;
      const reachable = operator.contact !== undefined || !UNREACHABLE.has(device.state);
      const ours = ["ringing", "on-call"].includes(state.engine.status(key).state);
      const busyOutside = IN_USE.has(device.state) && !ours;
      changed = this.apply(key, { reachable, busyOutside }) || changed;
    }
    if (changed) this.match();
  }

  /** One operator's phone as it is now; true when that can change who gets offered a caller. */
  private apply(key: string, phone: DeskPhone): boolean {
    const { state } = this.parts;
    const before = state.phones.get(key);
    state.phones.set(key, phone);
    if (state.engine.deviceBusy(key, phone.busyOutside || !phone.reachable) === "done") return true;
    if (phone.reachable && !before?.reachable) {
      const logins = autoLogins(state.config.operators, new Map([[key, phone]]), this.known);
      if (logins.length > 0) {
        this.known.add(key);
        this.login(key, "acd");
      }
    }
    return false;
  }

  private operatorsOn(endpoint: string): string[] {
    const { config } = this.parts.state;
    if (this.endpointsFor?.config !== config) {
      const byEndpoint = new Map<string, string[]>();
      for (const [key, operator] of Object.entries(config.operators))
        byEndpoint.set(operator.endpoint, [...(byEndpoint.get(operator.endpoint) ?? []), key]);
      this.endpointsFor = { config, byEndpoint };
    }
    return this.endpointsFor.byEndpoint.get(endpoint) ?? [];
  }

  /** The engine's state changes into the records (sessions, pauses, states, wrap-up ends). */
  flush(source: string): void {
    const { state, story, log } = this.parts;
    const changes = state.engine.takeChanges();
    if (changes.length === 0) return;
    for (const c of changes)
      log.info({ operator: c.operator, from: c.from, to: c.to, reason: c.reason }, "operator state");
    story.wrapUpsEnded(changes);
    const operators = state.config.operators;
    const touched = new Set(changes.map((c) => c.operator));
    this.activity.record(changes, state.engine.snapshotOf(touched), source, (op) =>
      operators[op] ? `PJSIP/${operators[op].endpoint}` : "",
    );
  }

  private command(operator: string, source: CommandSource, what: string, run: (at: Date) => Outcome): Outcome {
    const outcome = run(this.parts.now());
    this.parts.log.info({ operator, source, outcome }, `operator ${what}`);
    this.flush(source);
    if (outcome !== "ignored") this.match();
    return outcome;
  }
}
