import { hotlineSettings } from "../context.ts";
import { Conversation } from "../queue/conversation.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import type { CallSession } from "../session.ts";
import { requestCallback } from "./callback.ts";
import { leaveVoicemail } from "./voicemail.ts";

/** Why the caller could not wait for an operator any longer. */
export type OverflowReason = "timeout" | "full" | "no-operators";

/** Seconds an outside number (call centre, specialist) may ring before we give up. */
const TRANSFER_RING_SECONDS = 30;

export interface OverflowRequest {
  /** The hotline whose queue the caller leaves (its overflow applies). */
  hotline: string;
  why: OverflowReason;
  /** Hotlines the caller already waited in: an overflow into one of them would loop. */
  visited: Set<string>;
  /** Queue the caller in another hotline (overflow to a hotline's name). */
  requeue(session: CallSession, hotline: string, visited: Set<string>): Promise<"end" | undefined>;
}

/**
 * The hotline's overflow, when the wait is too long, the queue full or no operator there: a transfer
 * (outside number, specialist, another hotline's queue), voicemail or a callback request. Without
 * one the caller is told all lines are busy, and the record says why nobody answered.
 */
export async function overflow(session: CallSession, request: OverflowRequest): Promise<"end" | undefined> {
  const { why } = request;
  const settings = hotlineSettings(session.ctx.config, request.hotline).overflow;
  session.log.info({ why, action: settings?.action ?? "none" }, "queue overflow");
  switch (settings?.action) {
    case "voicemail":
      session.outcome = "overflowed";
      session.outcomeDetail = `overflowed to voicemail (${why})`;
      await leaveVoicemail(session, "overflow");
      return;
    case "callback":
      session.outcome = "overflowed";
      session.outcomeDetail = `overflowed to a callback request (${why})`;
      await requestCallback(session, "overflow");
      return;
    case "transfer":
      return transfer(session, settings.to, settings.trunk, request);
    default:
      return nobodyAnswers(session, `no overflow configured (${why})`);
  }
}

async function transfer(
  session: CallSession,
  to: string | undefined,
  overflowTrunk: string | undefined,
  request: OverflowRequest,
): Promise<"end" | undefined> {
  const { config } = session.ctx;
  const { why } = request;
  if (!to) return nobodyAnswers(session, `overflow transfer without a destination (${why})`);
  if (config.hotlines[to]) {
    if (request.visited.has(to)) return nobodyAnswers(session, `overflow to ${to} would loop (${why})`);
    return request.requeue(session, to, request.visited);
  }
  const specialist = config.specialists.find((s) => s.name === to);
  const number = specialist?.number ?? to;
  const trunk = specialist?.trunk ?? overflowTrunk ?? config.trunks[0]?.name;
  if (!trunk) return nobodyAnswers(session, `no trunk to overflow to ${number} (${why})`);

  await session.prompt("transfer");
  session.outcome = "overflowed";
  session.outcomeDetail = `overflowed to ${number} (${why})`;
  const leg = new OutboundLeg(session.ari, "overflow");
  let answered: boolean;
  try {
    answered = await Promise.race([
      leg.ring({
        endpoint: `PJSIP/${number}@${trunk}`,
        app: session.ctx.app,
        appArgs: `overflow,${session.id}`,
        timeoutSeconds: TRANSFER_RING_SECONDS,
        callerId: session.info.channel.caller?.number || undefined,
      }),
      session.whenGone(),
    ]);
  } catch (err) {
    await leg.hangup().catch(() => undefined); // the caller hung up while it rang
    throw err;
  }
  if (!answered)
    return nobodyAnswers(session, `overflow to ${number} not answered, cause ${leg.cause ?? "?"} (${why})`);
  const conversation = await Conversation.start(session.ari, session, leg, session.log);
  await conversation.ended;
  return "end";
}

/** All lines busy, nobody to hand the caller to: say so; the journey says goodbye. */
async function nobodyAnswers(session: CallSession, detail: string): Promise<undefined> {
  session.outcome = "no-answer";
  session.outcomeDetail = detail;
  await session.prompt("queue-full");
  return undefined;
}

/**
 * The hotline closed while the caller waited: "the hotline is closing now; to leave a message press
 * 1, to be called back press 2"; anything else, goodbye.
 */
export async function closingOffer(session: CallSession): Promise<undefined> {
  session.outcome = "closed";
  session.outcomeDetail = "the hotline closed while the caller waited";
  await session.prompt("closing");
  session.clearDigits();
  const key = await session.collectDigits({ prompt: [session.promptUri("closing-options")], max: 1, timeoutMs: 5000 });
  if (key === "1") await leaveVoicemail(session, "closing");
  else if (key === "2") await requestCallback(session, "closing");
  return undefined;
}
