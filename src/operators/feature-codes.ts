import { randomUUID } from "node:crypto";
import type { OperatorStatus, Outcome, PauseReason } from "../acd/types.ts";
import type { AriClient } from "../asterisk/ari/client.ts";
import { isGone } from "../asterisk/ari/errors.ts";
import type { AriEvent, Channel, StasisStart } from "../asterisk/ari/generated.ts";
import type { AriResources } from "../asterisk/ari/resources.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { AgentPrompt } from "../sounds/catalog.ts";
import { soundUri } from "../sounds/prompts.ts";
import type { OperatorCommands } from "./commands.ts";
import { operatorLanguage } from "./language.ts";

/** What a desk-phone code asks for. A login may carry the PIN dialled inline (*1<pin>). */
export type FeatureAction =
  | { kind: "login"; pin?: string }
  | { kind: "logout" }
  | { kind: "pause"; reason: PauseReason }
  | { kind: "resume" };

/** The digit after *3: the pause reasons an operator may choose (missed-calls is the ACD's own). */
const PAUSE_DIGITS: Record<string, PauseReason> = { "1": "lunch", "2": "break", "3": "training", "9": "other" };

/**
 * The dialled code as an action: *1 log in (*1<pin>), *2 log out, *3 pause (*3<d>: 1 lunch, 2 break,
 * 3 training, 9 other), *4 resume. Anything else is not a code (undefined).
 */
export function parseFeatureCode(code: string): FeatureAction | undefined {
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
    default:
      return undefined;
  }
}

const DONE: Record<FeatureAction["kind"], AgentPrompt> = {
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
  action: FeatureAction,
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
  ari: AriResources;
  client: AriClient;
  commands: OperatorCommands;
  /** The configuration in force now (hot reload: a new operator's phone works at once). */
  config: () => HotlineConfig;
  logger: Logger;
}

const PIN_TIMEOUT_MS = 10_000;
/** Our prompts last a few seconds; this only guards against a PlaybackFinished that never comes. */
const PLAYBACK_SAFETY_MS = 30_000;

class PhoneGone extends Error {
  constructor() {
    super("the desk phone hung up");
    this.name = "PhoneGone";
  }
}

/**
 * Operators' desk-phone codes: the dialplan hands `*…` dialled from a desk phone to the app as
 * Stasis(app,feature,<code>,<endpoint>); we answer, run the code against the operator's state and
 * say what happened, then hang up.
 */
export class FeatureCodes {
  private readonly log: Logger;
  private readonly calls = new Map<string, PhoneCall>();
  private readonly onEvent = (event: AriEvent) => this.handleEvent(event);
  private attached = false;

  constructor(private readonly deps: FeatureCodesDeps) {
    this.log = deps.logger.child({ component: "feature-codes" });
  }

  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.deps.client.on("event", this.onEvent);
  }

  /** Stop taking codes; calls in progress are hung up. */
  async close(): Promise<void> {
    this.deps.client.off("event", this.onEvent);
    this.attached = false;
    const calls = [...this.calls.values()];
    this.calls.clear();
    await Promise.all(calls.map((call) => call.abandon()));
  }

  private handleEvent(event: AriEvent): void {
    if (event.type === "StasisStart") {
      if (event.args[0] === "feature") this.start(event);
      return;
    }
    if (event.type === "PlaybackFinished") {
      // Playback events name their channel only in the target URI.
      const id = event.playback.target_uri.replace(/^channel:/, "");
      this.calls.get(id)?.handleEvent(event);
      return;
    }
    const id = "channel" in event && event.channel && "id" in event.channel ? event.channel.id : undefined;
    if (id) this.calls.get(id)?.handleEvent(event);
  }

  private start(event: StasisStart): void {
    const [, code = "", endpoint = ""] = event.args;
    if (this.calls.has(event.channel.id)) return;
    const log = this.log.child({ channel: event.channel.id, endpoint, code: redactCode(code) });
    const call = new PhoneCall(this.deps.ari, event.channel);
    this.calls.set(call.id, call);
    void this.run(call, code, endpoint, log)
      .catch((err) => {
        if (err instanceof PhoneGone || isGone(err)) log.info("desk phone hung up before the end");
        else log.error({ err }, "feature code failed");
      })
      .then(() => {
        this.calls.delete(call.id);
        return call.hangup();
      })
      .catch((err) => log.warn({ err }, "could not hang up the desk phone"));
  }

  private async run(call: PhoneCall, code: string, endpoint: string, log: Logger): Promise<void> {
    await call.answer();
    const config = this.deps.config();
    const found = Object.entries(config.operators).find(([, o]) => o.endpoint === endpoint);
    if (!found) {
      log.warn("feature code from a phone that belongs to no operator");
      await call.play("agent-unknown-phone", config.organization.defaultLanguage);
      return;
    }
    const [key, operator] = found;
    const language = operatorLanguage(config, operator);
    const action = parseFeatureCode(code);
    if (!action) {
      log.info({ operator: key }, "invalid feature code");
      await call.play("agent-invalid-code", language);
      return;
    }
    if (action.kind === "login" && operator.pin !== undefined) {
      const pin = action.pin ?? (await call.collect("agent-pin", language));
      if (pin !== operator.pin) {
        log.warn({ operator: key, entered: pin.length > 0 }, "login refused: wrong PIN");
        await call.play("agent-wrong-pin", language);
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
    await call.play(prompt, language);
  }

  private execute(operator: string, action: FeatureAction): Outcome {
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

/** One desk-phone call in our app: play, collect keys, hang up; a hang-up rejects what it awaits. */
class PhoneCall {
  readonly id: string;
  private gone = false;
  private digits = "";
  private readonly waiters = new Set<{ wake(): void; fail(err: Error): void }>();
  private readonly playbacks = new Map<string, () => void>();
  private prompting: string | undefined;

  constructor(
    private readonly ari: AriResources,
    channel: Channel,
  ) {
    this.id = channel.id;
  }

  handleEvent(event: AriEvent): void {
    switch (event.type) {
      case "PlaybackFinished":
        this.playbacks.get(event.playback.id)?.();
        break;
      case "ChannelDtmfReceived":
        this.digits += event.digit;
        // A key during the PIN prompt stops it: operators type ahead.
        if (this.prompting) this.ari.playbacks.stop(this.prompting).catch(() => undefined);
        this.wakeAll();
        break;
      case "StasisEnd":
      case "ChannelDestroyed":
      case "ChannelHangupRequest":
        this.markGone();
        break;
      default:
        break;
    }
  }

  async answer(): Promise<void> {
    await this.guard(this.ari.channels.answer(this.id));
  }

  /** Play one prompt in a language and wait until it has finished. */
  async play(prompt: AgentPrompt, lang: string): Promise<void> {
    if (this.gone) throw new PhoneGone();
    const playbackId = randomUUID();
    const finished = new Promise<void>((resolve) => {
      this.playbacks.set(playbackId, resolve);
    });
    try {
      this.prompting = prompt === "agent-pin" ? playbackId : undefined;
      await this.guard(this.ari.channels.play(this.id, playbackId, soundUri(prompt), { lang }));
      await this.until(finished, PLAYBACK_SAFETY_MS);
    } finally {
      this.prompting = undefined;
      this.playbacks.delete(playbackId);
    }
  }

  /** Ask with a prompt, then take keys until # (or the timeout between keys); keys typed during it count. */
  async collect(prompt: AgentPrompt, lang: string): Promise<string> {
    await this.play(prompt, lang);
    let entered = "";
    for (;;) {
      while (this.digits.length > 0) {
        const key = this.digits[0] as string;
        this.digits = this.digits.slice(1);
        if (key === "#") return entered;
        entered += key;
      }
      if (!(await this.nextKey(PIN_TIMEOUT_MS))) return entered;
    }
  }

  async hangup(): Promise<void> {
    if (this.gone) return;
    this.markGone();
    await this.ari.channels.hangup(this.id).catch((err) => {
      if (!isGone(err)) throw err;
    });
  }

  /** The app is stopping: end the call without waiting for anything. */
  async abandon(): Promise<void> {
    await this.hangup().catch(() => undefined);
  }

  private nextKey(timeoutMs: number): Promise<boolean> {
    if (this.digits.length > 0) return Promise.resolve(true);
    return this.until(
      new Promise<boolean>((resolve, reject) => {
        const waiter = {
          wake: () => {
            this.waiters.delete(waiter);
            resolve(true);
          },
          fail: (err: Error) => {
            this.waiters.delete(waiter);
            reject(err);
          },
        };
        this.waiters.add(waiter);
      }),
      timeoutMs,
      false,
    );
  }

  /** Wait for `promise`, but no longer than timeoutMs (then `fallback`), and not past a hang-up. */
  private until<T>(promise: Promise<T>, timeoutMs: number, fallback?: T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const gone = { wake: () => undefined, fail: (err: Error) => finish(() => reject(err)) };
      const timer = setTimeout(() => finish(() => resolve(fallback as T)), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(gone);
        settle();
      };
      if (this.gone) return finish(() => reject(new PhoneGone()));
      this.waiters.add(gone);
      promise.then(
        (value) => finish(() => resolve(value)),
        (err: Error) => finish(() => reject(err)),
      );
    });
  }

  private wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private markGone(): void {
    if (this.gone) return;
    this.gone = true;
    const err = new PhoneGone();
    for (const waiter of [...this.waiters]) waiter.fail(err);
    this.waiters.clear();
  }

  private async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (err) {
      if (isGone(err)) {
        this.markGone();
        throw new PhoneGone();
      }
      throw err;
    }
  }
}
