import type { OperatorStatus, Outcome, PauseReason } from "../acd/types.ts";
import type { ChannelHub } from "../asterisk/channels/hub.ts";
import { ChannelGone, type ChannelHandle } from "../asterisk/channels/types.ts";
import type { HotlineConfig } from "../config/index.ts";
import { bestEffort, type Logger } from "../logger.ts";
import type { MonitorMode } from "../records/room-records.ts";
import type { AgentPrompt } from "../sounds/catalog.ts";
import { soundUri } from "../sounds/prompts.ts";
import type { OperatorCommands } from "./commands.ts";
import { operatorLanguage } from "./language.ts";
import {
  collectPin,
  type RoomCodeContext,
  type RoomCodeServices,
  runOperatorRoomCode,
  runSupervisorCode,
} from "./room-codes.ts";

/** What a desk-phone code asks for. A login may carry the PIN dialled inline (*1<pin>). */
export type FeatureAction =
  | { kind: "login"; pin?: string }
  | { kind: "logout" }
  | { kind: "pause"; reason: PauseReason }
  | { kind: "resume" }
  | { kind: "dispose"; digit: string }
  | { kind: "monitor"; mode: MonitorMode; operatorCode: string };

/** The digit after *6: how a supervisor monitors. */
const MONITOR_DIGITS: Record<string, MonitorMode> = { "1": "listen", "2": "whisper", "3": "barge" };

/** The digit after *3: the pause reasons an operator may choose (missed-calls is the ACD's own). */
const PAUSE_DIGITS: Record<string, PauseReason> = { "1": "lunch", "2": "break", "3": "training", "9": "other" };

/**
 * The dialled code as an action: *1 log in (*1<pin>), *2 log out, *3 pause (*3<d>: 1 lunch, 2 break,
 * 3 training, 9 other), *4 resume, *5<d> disposition of my last call, *6<m><operator code>#
 * monitor (m: 1 listen, 2 whisper, 3 barge; the # is optional). Anything else is not a code (undefined).
 */
export function parseFeatureCode(code: string): FeatureAction | undefined {
  const monitor = /^\*6([0-9])([0-9]+)#?$/.exec(code);
  if (monitor) {
    const mode = MONITOR_DIGITS[monitor[1] ?? ""];
    return mode ? { kind: "monitor", mode, operatorCode: monitor[2] ?? "" } : undefined;
  }
  const m = /^\*([0-9])([0-9]*)$/.exec(code);
  if (!m) return undefined;
  const [, kind, rest = ""] = m;
  switch (kind) {
    case "1":
      return rest ? { kind: "login", pin: rest } : { kind: "login" };
    case "2":
      return rest ? undefined : { kind: "logout" };
    case "3": {
      if (!rest) return { kind: "pause", reason: "other" };
      const reason = PAUSE_DIGITS[rest];
      return reason ? { kind: "pause", reason } : undefined;
    }
    case "4":
      return rest ? undefined : { kind: "resume" };
    case "5":
      return rest.length === 1 ? { kind: "dispose", digit: rest } : undefined;
    default:
      return undefined;
  }
}

type StateAction = Exclude<FeatureAction, { kind: "dispose" | "monitor" }>;

const DONE: Record<StateAction["kind"], AgentPrompt> = {
  login: "agent-logged-in",
  logout: "agent-logged-out",
  pause: "agent-paused",
  resume: "agent-resumed",
};

/**
 * What the operator hears after a command: what happened, that it waits for the end of the call, or
 * (nothing to do) the state they are already in.
 */
export function confirmationFor(
  action: StateAction,
  outcome: Outcome,
  status?: Pick<OperatorStatus, "state" | "pending">,
): AgentPrompt {
  if (outcome === "done") return DONE[action.kind];
  if (outcome === "pending") return "agent-after-call";
  if (status?.pending) return "agent-after-call";
  if (status?.state === "logged-out") return "agent-logged-out";
  if (status?.state === "paused") return "agent-paused";
  if (status && action.kind === "resume") return "agent-resumed";
  if (status) return "agent-logged-in";
  return DONE[action.kind];
}

/** The dialled code for the logs: a PIN dialled inline is never written down. */
export function redactCode(code: string): string {
  return code.startsWith("*1") && code.length > 2 ? `*1${"•".repeat(code.length - 2)}` : code;
}

export interface FeatureCodesDeps {
  hub: ChannelHub;
  commands: OperatorCommands;
  /** The configuration in force now (hot reload: a new operator's phone works at once). */
  config: () => HotlineConfig;
  logger: Logger;
  /** *6: supervisors' monitoring; *5: dispositions. Without them those codes are invalid. */
  room?: RoomCodeServices;
}

/**
 * Operators' desk-phone codes: the dialplan hands `*…` dialled from a desk phone to the app as
 * Stasis(app,feature,<code>,<endpoint>); we answer, run the code against the operator's state and
 * say what happened, then hang up.
 */
export class FeatureCodes {
  private readonly log: Logger;
  private readonly calls = new Set<ChannelHandle>();
  private open = false;

  constructor(private readonly deps: FeatureCodesDeps) {
    this.log = deps.logger.child({ component: "feature-codes" });
  }

  attach(): void {
    this.open = true;
    this.deps.hub.onStart("feature", (channel, start) => {
      if (this.open) this.start(channel, start.args);
    });
  }

  /** Stop taking codes; calls in progress are hung up. */
  async close(): Promise<void> {
    this.open = false;
    const calls = [...this.calls];
    this.calls.clear();
    await Promise.all(calls.map((call) => bestEffort(call.hangup(), this.log, "hang up a desk phone")));
  }

  private start(call: ChannelHandle, args: readonly string[]): void {
    const [, code = "", endpoint = ""] = args;
    if (this.calls.has(call)) return;
    const log = this.log.child({ channel: call.id, endpoint, code: redactCode(code) });
    this.calls.add(call);
    void this.run(call, code, endpoint, log)
      .catch((err) => {
        if (err instanceof ChannelGone) log.info("desk phone hung up before the end");
        else log.error({ err }, "feature code failed");
      })
      .then(() => {
        this.calls.delete(call);
        return call.hangup();
      })
      .catch((err) => log.warn({ err }, "could not hang up the desk phone"));
  }

  private async run(call: ChannelHandle, code: string, endpoint: string, log: Logger): Promise<void> {
    await call.answer();
    const config = this.deps.config();
    const say = (prompt: AgentPrompt, lang: string) => call.play([soundUri(prompt)], lang);
    const action = parseFeatureCode(code);
    const supervisor = Object.entries(config.supervisors).find(([, s]) => s.endpoint === endpoint);
    if (supervisor) {
      await runSupervisorCode(action, supervisor, this.roomContext(call, endpoint, log));
      return;
    }
    const found = Object.entries(config.operators).find(([, o]) => o.endpoint === endpoint);
    if (!found) {
      log.warn("feature code from a phone that belongs to no operator");
      await say("agent-unknown-phone", config.organization.defaultLanguage);
      return;
    }
    const [key, operator] = found;
    const language = operatorLanguage(config, operator);
    if (!action) {
      log.info({ operator: key }, "invalid feature code");
      await say("agent-invalid-code", language);
      return;
    }
    if (action.kind === "dispose" || action.kind === "monitor") {
      await runOperatorRoomCode(action, key, language, this.roomContext(call, endpoint, log));
      return;
    }
    if (action.kind === "login" && operator.pin !== undefined) {
      // Keys typed during the prompt stop it and count: operators type ahead.
      const pin = action.pin ?? (await collectPin(call, language));
      if (pin !== operator.pin) {
        log.warn({ operator: key, entered: pin.length > 0 }, "login refused: wrong PIN");
        await say("agent-wrong-pin", language);
        return;
      }
    }
    const outcome = this.execute(key, action);
    const status = outcome === "ignored" ? this.deps.commands.statuses().find((s) => s.operator === key) : undefined;
    const prompt = confirmationFor(action, outcome, status);
    log.info(
      { operator: key, action: action.kind, ...(action.kind === "pause" ? { reason: action.reason } : {}), outcome },
      "operator feature code",
    );
    await say(prompt, language);
  }

  private roomContext(call: ChannelHandle, endpoint: string, log: Logger): RoomCodeContext {
    return { call, endpoint, log, config: this.deps.config(), services: this.deps.room };
  }

  private execute(operator: string, action: StateAction): Outcome {
    const { commands } = this.deps;
    switch (action.kind) {
      case "login":
        return commands.login(operator, "phone");
      case "logout":
        return commands.logout(operator, "phone");
      case "pause":
        return commands.pause(operator, action.reason, "phone");
      case "resume":
        return commands.resume(operator, "phone");
    }
  }
}
