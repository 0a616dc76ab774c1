import { notInBridge } from "../../asterisk/ari/errors.ts";
import { bestEffort } from "../../logger.ts";
import { Conversation, type HandoverEnd } from "../queue/conversation.ts";
import type { LiveCall } from "../queue/live-calls.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import { arrivalOf, type ResolvedTarget, type TransferParts } from "./parts.ts";
import { introduceCaller, ringTarget } from "./ring-target.ts";

/**
 * A blind transfer: the operator leaves at once (wrap-up), the caller hears music in the
 * conversation's bridge while the target rings and, on answering, hears who is coming and why; then
 * the two are bridged. A queue target takes the caller as a new arrival. Busy, no answer, refused:
 * the caller goes back to the queue they came from with their place — nobody is dropped.
 */
export async function blindTransfer(parts: TransferParts, live: LiveCall, to: ResolvedTarget, id: string) {
  const { conversation, session } = live;
  const { records, now, ari, log } = parts;
  const back: HandoverEnd = {
    kind: "queue",
    hotline: live.hotline,
    ...(live.topic ? { topic: live.topic } : {}),
    arrivedAt: arrivalOf(live),
  };
  const oldBridge = conversation.bridgeId;
  const drop = () =>
    ari.bridges.destroy(oldBridge).catch((err) => {
      if (!notInBridge(err)) log.warn({ err, bridge: oldBridge }, "could not destroy the transferred call's bridge");
    });

  const next = async (): Promise<HandoverEnd> => {
    await conversation.ended; // the operator's leg is gone: they are in wrap-up
    const { target } = to;
    if (target.kind === "queue") {
      await drop();
      const at = now();
      records.answered(id, at);
      records.ended(id, { at, result: "completed" });
      return { kind: "queue", hotline: target.hotline, ...(target.topic ? { topic: target.topic } : {}) };
    }
    await bestEffort(ari.bridges.startMoh(oldBridge), session.log, "music for the transferred caller");
    const leg = new OutboundLeg(parts.hub, "transfer");
    const rung = await ringTarget(parts, live, { ...to, target }, leg);
    if (rung.answered) {
      await introduceCaller(parts, live, to, leg);
      if (leg.isUp && !session.isGone) {
        const talk = await Conversation.start(ari, session, leg, session.log);
        await drop();
        const at = now();
        records.answered(id, at);
        records.ended(id, { at, result: "completed" });
        session.log.info({ transfer: id, to: to.key }, "transferred (blind)");
        const endedBy = await talk.ended;
        return { kind: "talked", operator: live.operator, to: to.key, transfer: "blind", endedBy: asParty(endedBy) };
      }
      await bestEffort(leg.hangup(), session.log, "hang up the transfer's target");
      records.ended(id, {
        at: now(),
        result: session.isGone ? "cancelled" : "rejected",
        cause: "hung up during the introduction",
      });
    } else {
      records.ended(id, { at: now(), result: rung.result, cause: rung.cause });
      session.log.info({ transfer: id, result: rung.result, cause: rung.cause }, "transfer's target did not answer");
    }
    await drop();
    if (session.isGone) return { kind: "gone" };
    session.log.info({ transfer: id, to: to.key }, "transfer not taken; the caller waits again with their place");
    return back;
  };

  const handover = next().catch((err): HandoverEnd => {
    session.log.error({ err, transfer: id }, "blind transfer failed; the caller waits again");
    records.ended(id, {
      at: now(),
      result: "failed",
      cause: err instanceof Error ? err.message.slice(0, 64) : "failed",
    });
    void drop();
    return session.isGone ? { kind: "gone" } : back;
  });
  await conversation.handOver(handover);
}

/** The conversation with the target ended: by them (the far end) or by the caller. */
export function asParty(endedBy: string): "operator" | "caller" {
  return endedBy === "caller" ? "caller" : "operator";
}
