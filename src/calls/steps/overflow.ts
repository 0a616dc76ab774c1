import { bestEffort } from "../../logger.ts";
import type { CallOutcome, OverflowReason } from "../../records/outcome.ts";
import { hotlineSettings } from "../context.ts";
import { Conversation } from "../queue/conversation.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import type { CallSession } from "../session.ts";
import { end, goOn, type StepResult, unlessGone } from "../step.ts";
import { offer } from "./offer.ts";

/** Seconds an outside number (call centre, specialist) may ring before we give up. */
const TRANSFER_RING_SECONDS = 30;

export interface OverflowRequest {
  /** The hotline whose queue the caller leaves (its overflow applies). */
  hotline: string;
  why: OverflowReason;
  /** Hotlines the caller already waited in: an overflow into one of them would loop. */
  visited: ReadonlySet<string>;
}

/** The overflow's verdict: a result for the journey, or another hotline's queue to wait in. */
export type OverflowResult = { result: StepResult } | { requeue: string };

/**
 * The hotline's overflow, when the wait is too long, the queue full or no operator there: a transfer
 * (outside number, directory entry, another hotline's queue), voicemail or a callback request. Without
 * one the caller is told all lines are busy, and the record says why nobody answered.
 */
export async function overflow(session: CallSession, request: OverflowRequest): Promise<OverflowResult> {
  const { why } = request;
  const settings = hotlineSettings(session.ctx.config, request.hotline).overflow;
  session.log.info({ why, action: settings?.action ?? "none" }, "queue overflow");
  switch (settings?.action) {
    case "voicemail":
    case "callback": {
      const action = settings.action;
      const declined: CallOutcome = { kind: "overflowed", reason: why, to: action, declined: true };
      return { result: await unlessGone(declined, async () => goOn(await offer(session, action, why))) };
    }
    case "transfer":
      return transfer(session, settings.to, settings.trunk, request);
    default:
      return nobodyAnswers(session, { kind: "no-answer", reason: why, why: "no-overflow" });
  }
}

async function transfer(
  session: CallSession,
  to: string | undefined,
  overflowTrunk: string | undefined,
  request: OverflowRequest,
): Promise<OverflowResult> {
  const { config } = session.ctx;
  const reason = request.why;
  if (!to) return nobodyAnswers(session, { kind: "no-answer", reason, why: "no-destination" });
  const entry = config.directory[to];
  const hotline = config.hotlines[to] ? to : entry?.queue?.hotline;
  if (hotline) {
    if (request.visited.has(hotline))
      return nobodyAnswers(session, { kind: "no-answer", reason, why: "loop", to: hotline });
    return { requeue: hotline };
  }
  const number = entry?.endpoint ?? entry?.number ?? to;
  const trunk = entry?.trunk ?? overflowTrunk ?? config.trunks[0]?.name;
  if (!entry?.endpoint && !trunk)
    return nobodyAnswers(session, { kind: "no-answer", reason, why: "no-trunk", to: number });
  const dial = entry?.endpoint ? `PJSIP/${entry.endpoint}` : `PJSIP/${number}@${trunk}`;

  const transferred: CallOutcome = { kind: "overflowed", reason, to: number };
  let cause: number | undefined;
  const result = await unlessGone(transferred, async () => {
    await session.prompt("transfer");
    const leg = new OutboundLeg(session.ctx.hub, "overflow");
    let answered: boolean;
    try {
      answered = await Promise.race([
        leg.ring({
          endpoint: dial,
          app: session.ctx.app,
          appArgs: `overflow,${session.id}`,
          near: session.id,
          timeoutSeconds: TRANSFER_RING_SECONDS,
          callerId: session.info.channel.caller?.number || undefined,
        }),
        session.whenGone(),
      ]);
    } catch (err) {
      await bestEffort(leg.hangup(), session.log, "stop ringing the overflow"); // the caller hung up while it rang
      throw err;
    }
    if (!answered) {
      cause = leg.cause;
      return undefined;
    }
    const conversation = await Conversation.start(session.ctx.ari, session, leg, session.log);
    await conversation.ended;
    return end(transferred);
  });
  if (result) return { result };
  return nobodyAnswers(session, { kind: "no-answer", reason, why: "not-answered", to: number, cause });
}

/** All lines busy, nobody to hand the caller to: say so; the journey says goodbye. */
async function nobodyAnswers(session: CallSession, outcome: CallOutcome): Promise<OverflowResult> {
  return {
    result: await unlessGone(outcome, async () => {
      await session.prompt("queue-full");
      return goOn(outcome);
    }),
  };
}

/**
 * The hotline closed while the caller waited: "the hotline is closing now; to leave a message press
 * 1, to be called back press 2"; anything else, goodbye.
 */
export async function closingOffer(session: CallSession): Promise<StepResult> {
  const closing: CallOutcome = { kind: "closed", context: "closing" };
  return unlessGone(closing, async () => {
    await session.prompt("closing");
    session.clearDigits();
    const key = await session.collectDigits({
      prompt: [session.promptUri("closing-options")],
      max: 1,
      timeoutMs: 5000,
    });
    if (key === "1") return goOn(await offer(session, "voicemail", "closing"));
    if (key === "2") return goOn(await offer(session, "callback", "closing"));
    return goOn(closing);
  });
}
