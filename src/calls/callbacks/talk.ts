import { randomUUID } from "node:crypto";
import { notInBridge } from "../../asterisk/ari/errors.ts";
import type { CallbackRecords } from "../../records/callback-records.ts";
import type { OutboundLeg } from "../queue/outbound-leg.ts";
import type { AcdParts } from "../queue/queue-state.ts";
import { engineId, type PendingCallback } from "./pending.ts";

/** Bridges of callback conversations: not `talk-…`, so a restarted app hangs their legs up. */
export const CALLBACK_BRIDGE_PREFIX = "cbtalk-";

export interface Talk {
  cb: PendingCallback;
  operator: string;
  attempt: string;
  desk: OutboundLeg;
  caller: OutboundLeg;
}

/**
 * The caller answered: operator and caller in one mixing bridge. "Reached" is journalled before
 * anything else, so a crash from here on never makes the callback again. When either hangs up the
 * other is hung up, the operator wraps up as after any call. "failed" when the bridge could not be
 * made (the attempt counts as not reached).
 */
export async function talkUntilEnd(
  parts: AcdParts,
  deps: { records: CallbackRecords; recordStates: () => void; match: () => void },
  talk: Talk,
): Promise<"reached" | "failed"> {
  const { ari, state, now, log } = parts;
  const { cb, operator, desk, caller } = talk;
  const callId = engineId(cb.id);
  const bridgeId = `${CALLBACK_BRIDGE_PREFIX}${randomUUID()}`;
  try {
    await ari.bridges.create(bridgeId, "mixing", `callback ${cb.id}`, desk.id);
    await ari.bridges.addChannel(bridgeId, [desk.id, caller.id]);
  } catch (err) {
    log.warn({ err, callback: cb.id }, "could not bridge the callback");
    await ari.bridges.destroy(bridgeId).catch(() => undefined);
    return "failed";
  }
  const reachedAt = now();
  deps.records.reached(cb.id, reachedAt, operator);
  state.engine.ringEnded(operator, callId, "answered", reachedAt);
  deps.recordStates();
  log.info({ callback: cb.id, operator, attempts: cb.attempts }, "callback reached the caller");
  await Promise.race([desk.gone, caller.gone]);
  const quiet = (err: unknown) => {
    if (!notInBridge(err)) log.warn({ err, bridge: bridgeId }, "could not end the callback conversation");
  };
  await Promise.all([desk.hangup().catch(quiet), caller.hangup().catch(quiet)]);
  await ari.bridges.destroy(bridgeId).catch(quiet);
  const endedAt = now();
  deps.records.attemptEnded(talk.attempt, { at: endedAt, result: "reached" });
  state.handled.add(cb.hotline, (endedAt.getTime() - reachedAt.getTime()) / 1000);
  state.engine.callEnded(operator, callId, endedAt);
  deps.recordStates();
  deps.match();
  return "reached";
}
