import { bestEffort, type Logger } from "../../logger.ts";
import { operatorLanguage } from "../../operators/language.ts";
import { soundUri } from "../../sounds/prompts.ts";
import type { LiveCall, LiveCalls } from "../queue/live-calls.ts";
import { type InCallAction, InCallKeys } from "./keys.ts";
import { TransferError } from "./parts.ts";
import type { Transfers } from "./transfers.ts";

export interface KeysListenerOptions {
  logger: Logger;
  /** *5<d> during a call: the operator's disposition of it (the monitoring side provides it). */
  onDisposition?: (operator: string, callId: string, digit: string) => void;
}

/**
 * The keys operators press during a conversation (their desk phone's leg is in our app, so its
 * DTMF reaches us): each live call's operator leg is listened to from the moment it starts talking
 * until the conversation ends. Returns a function that stops listening.
 */
export function listenForInCallKeys(live: LiveCalls, transfers: Transfers, options: KeysListenerOptions): () => void {
  const log = options.logger.child({ component: "transfers" });
  const following = new Map<LiveCall, () => void>();
  const follow = (call: LiveCall) => {
    const keys = new InCallKeys();
    const off = call.conversation.leg.channel.on((event) => {
      if (event.type !== "ChannelDtmfReceived") return;
      const action = keys.press(event.digit, Date.now());
      if (action) void act(call, action);
    });
    following.set(call, off);
  };
  const act = async (call: LiveCall, action: InCallAction) => {
    try {
      switch (action.kind) {
        case "transfer":
          await transfers.transfer(call.callId, { to: action.code, kind: action.transfer });
          return;
        case "complete":
          return await transfers.complete(call.callId);
        case "swap":
          await transfers.swap(call.callId);
          return;
        case "cancel":
          return await transfers.cancel(call.callId);
        case "disposition":
          options.onDisposition?.(call.operator, call.callId, action.digit);
          return;
        case "invalid":
          return await tell(call, "agent-invalid-code");
      }
    } catch (err) {
      if (!(err instanceof TransferError)) log.error({ err, callId: call.callId }, "in-call key failed");
      else log.info({ callId: call.callId, operator: call.operator, why: err.message }, "in-call key refused");
      await tell(call, err instanceof TransferError && err.status === 404 ? "agent-invalid-code" : "transfer-failed");
    }
  };
  const tell = async (call: LiveCall, prompt: string) => {
    const { config } = call.session.ctx;
    const operator = config.operators[call.operator];
    const language = operator ? operatorLanguage(config, operator) : call.language;
    await bestEffort(call.conversation.leg.channel.play([soundUri(prompt)], language), log, "tell the operator");
  };

  for (const call of live.all()) follow(call);
  const unsubscribe = live.on((event) => {
    if (event.kind === "started") follow(event.call);
    else {
      following.get(event.call)?.();
      following.delete(event.call);
    }
  });
  return () => {
    unsubscribe();
    for (const off of following.values()) off();
    following.clear();
  };
}
