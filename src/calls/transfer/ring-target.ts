import type { DirectoryTarget } from "../../directory/reachable.ts";
import { bestEffort } from "../../logger.ts";
import type { TransferResult } from "../../records/transfer-records.ts";
import { callerLanguageFile, topicNameFile, transferFromFile } from "../../sounds/catalog.ts";
import { soundUri } from "../../sounds/prompts.ts";
import { Announcer } from "../queue/announcer.ts";
import type { LiveCall } from "../queue/live-calls.ts";
import type { OutboundLeg } from "../queue/outbound-leg.ts";
import { attemptResult } from "../queue/ring-result.ts";
import type { ResolvedTarget, TransferParts } from "./parts.ts";

/** The introduction never holds the caller up longer than this. */
const INTRODUCTION_MS = 8000;

export type Rung =
  | { answered: true; leg: OutboundLeg }
  | { answered: false; result: Exclude<TransferResult, "completed">; cause?: string | number };

type Dialled = Exclude<DirectoryTarget, { kind: "queue" }>;

/**
 * Ring a transfer's target (a desk phone, or an outside number within its trunk's channels) on
 * `leg`; answered, busy, refused, not answered, or cancelled when the caller hangs up meanwhile.
 */
export async function ringTarget(
  parts: TransferParts,
  live: LiveCall,
  to: ResolvedTarget & { target: Dialled },
  leg: OutboundLeg,
): Promise<Rung> {
  const { target } = to;
  const { session } = live;
  if (target.kind === "number") {
    const limit = parts.config().trunks.find((t) => t.name === target.trunk)?.channels ?? 0;
    if (parts.channelsInUse(target.trunk) >= limit) return { answered: false, result: "busy", cause: "trunk-full" };
    parts.outsideLegs.set(leg.id, target.trunk);
    void leg.gone.then(() => parts.outsideLegs.delete(leg.id));
  }
  let answered: boolean;
  try {
    answered = await Promise.race([
      leg.ring({
        endpoint: target.dial,
        app: parts.app,
        appArgs: `transfer,${session.id}`,
        near: session.id,
        timeoutSeconds: to.entry?.ringTimeout ?? 20,
        callerId: session.info.channel.caller?.number || undefined,
      }),
      session.whenGone(),
    ]);
  } catch (err) {
    await bestEffort(leg.hangup(), session.log, "stop ringing the transfer's target");
    if (session.isGone) return { answered: false, result: "cancelled", cause: "caller hung up" };
    return { answered: false, result: "failed", cause: err instanceof Error ? err.message.slice(0, 64) : "failed" };
  }
  if (answered) return { answered: true, leg };
  if (session.isGone) return { answered: false, result: "cancelled", cause: "caller hung up" };
  const result = attemptResult(leg.cause);
  const known = result === "busy" || result === "rejected" || result === "no-answer";
  return {
    answered: false,
    result: known ? result : "failed",
    ...(leg.cause !== undefined ? { cause: leg.cause } : {}),
  };
}

/**
 * What the target hears before the caller: who put the call through, the topic, the caller's
 * language — in the target's first language.
 */
export async function introduceCaller(parts: TransferParts, live: LiveCall, to: ResolvedTarget, leg: OutboundLeg) {
  const config = parts.config();
  const language = to.entry?.languages?.[0] ?? config.organization.defaultLanguage;
  const media = [
    soundUri(transferFromFile(live.operator)),
    ...(live.topic ? [soundUri(topicNameFile(live.topic))] : []),
    soundUri(callerLanguageFile(live.language)),
  ];
  const announcer = new Announcer(leg.channel, language);
  const timer = setTimeout(() => void announcer.stop(), INTRODUCTION_MS);
  try {
    await announcer.play(media);
  } finally {
    clearTimeout(timer);
  }
}
