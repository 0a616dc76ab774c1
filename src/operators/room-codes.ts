import type { ChannelHandle } from "../asterisk/channels/types.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { MonitorMode } from "../records/room-records.ts";
import type { AgentPrompt } from "../sounds/catalog.ts";
import { soundUri } from "../sounds/prompts.ts";
import type { FeatureAction } from "./feature-codes.ts";

/** What the supervisors' room lends the desk-phone codes (MonitorService, Dispositions). */
export interface RoomCodeServices {
  /** Connect this (answered) call to the operator's conversation; resolves when monitoring ends. */
  monitorFrom(
    call: ChannelHandle,
    operator: string,
    mode: MonitorMode,
    supervisor: string,
    endpoint: string,
  ): Promise<string>;
  disposeLast(operator: string, digit: string): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export interface RoomCodeContext {
  call: ChannelHandle;
  endpoint: string;
  log: Logger;
  config: HotlineConfig;
  services: RoomCodeServices | undefined;
}

/** After the PIN prompt, how long to wait for each key. */
const PIN_KEY_MS = 10_000;
/** Longer than any PIN: the entry ends with # or silence. */
const PIN_MAX_KEYS = 32;

/** Ask for a PIN (keys typed during the prompt count: people type ahead); "" on silence. */
export function collectPin(call: ChannelHandle, language: string): Promise<string> {
  return call.collect(
    { prompt: [soundUri("agent-pin")], max: PIN_MAX_KEYS, timeoutMs: PIN_KEY_MS, terminator: "#" },
    language,
  );
}

const say = (call: ChannelHandle, prompt: AgentPrompt, language: string) => call.play([soundUri(prompt)], language);

/**
 * A code from a supervisor's desk phone: only *6<m><operator code># (monitor), after the PIN when
 * the supervisor has one. The call stays up while the supervisor monitors.
 */
export async function runSupervisorCode(
  action: FeatureAction | undefined,
  [key, supervisor]: [string, HotlineConfig["supervisors"][string]],
  ctx: RoomCodeContext,
): Promise<void> {
  const { call, config, log } = ctx;
  const languages = config.organization.languages;
  const language = supervisor.languages.find((l) => languages.includes(l)) ?? config.organization.defaultLanguage;
  if (action?.kind !== "monitor" || !ctx.services) {
    log.info({ supervisor: key }, "invalid feature code from a supervisor's phone");
    await say(call, "agent-invalid-code", language);
    return;
  }
  if (supervisor.pin !== undefined && (await collectPin(call, language)) !== supervisor.pin) {
    log.warn({ supervisor: key }, "monitoring refused: wrong PIN");
    await say(call, "agent-wrong-pin", language);
    return;
  }
  const operator = Object.entries(config.operators).find(([, o]) => o.code === action.operatorCode)?.[0];
  if (!operator) {
    log.info({ supervisor: key, code: action.operatorCode }, "monitoring: no operator has that code");
    await say(call, "agent-invalid-code", language);
    return;
  }
  try {
    const reason = await ctx.services.monitorFrom(call, operator, action.mode, key, ctx.endpoint);
    log.info({ supervisor: key, operator, mode: action.mode, reason }, "monitoring from the desk phone ended");
  } catch (err) {
    if ((err as { reason?: string }).reason !== "not-on-call") throw err;
    await say(call, "agent-not-on-call", language);
  }
}

/** *5<d> (disposition of the last call) from an operator's phone; *6 is for supervisors only. */
export async function runOperatorRoomCode(
  action: Extract<FeatureAction, { kind: "dispose" | "monitor" }>,
  operator: string,
  language: string,
  ctx: RoomCodeContext,
): Promise<void> {
  if (action.kind === "monitor") {
    ctx.log.warn({ operator }, "monitoring refused: not a supervisor's phone");
    await say(ctx.call, "agent-not-supervisor", language);
    return;
  }
  const outcome = ctx.services ? await ctx.services.disposeLast(operator, action.digit) : undefined;
  const prompt: AgentPrompt = !outcome
    ? "agent-invalid-code"
    : outcome.ok
      ? "agent-disposition-saved"
      : outcome.reason === "no-recent-call"
        ? "agent-no-recent-call"
        : "agent-invalid-code";
  ctx.log.info({ operator, digit: action.digit, prompt }, "disposition code");
  await say(ctx.call, prompt, language);
}
