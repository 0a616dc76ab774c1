import { randomUUID } from "node:crypto";
import { notInBridge } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import { bestEffort, type Logger } from "../../logger.ts";
import type { OutboundLeg } from "./outbound-leg.ts";
import type { QueueCaller } from "./queues.ts";

/** A conversation bridge on its way: awaited by Conversation.start, or discarded if the connect fails first. */
export interface PreparedBridge {
  id: string;
  created: Promise<unknown>;
  discard(): Promise<void>;
}

/** Who ended a conversation: the far end (operator, outside number), the caller, or a transfer (the operator left, the caller stays). */
export type EndedBy = "operator" | "caller" | "transferred";

/** What became of a caller an operator passed on (src/calls/transfer/): talked with the target, or a queue to wait in. */
export type HandoverEnd =
  | { kind: "talked"; operator: string; to: string; transfer: "blind" | "attended"; endedBy: "operator" | "caller" }
  | { kind: "queue"; hotline: string; topic?: string; arrivedAt?: Date }
  /** The caller hung up before anyone took them. */
  | { kind: "gone" };

/**
 * The caller and an answered leg talking in a mixing bridge. When the far end hangs up the caller
 * is taken out (the journey goes on: survey, goodbye); when the caller hangs up the leg is hung up.
 * Either way the bridge is destroyed before `ended` settles.
 */
export class Conversation {
  readonly ended: Promise<EndedBy>;
  /** Set by handOver: what becomes of the caller after the transfer. */
  handover: Promise<HandoverEnd> | undefined;
  /**
   * Asked when the operator's leg goes: a transfer that can take the caller on from here (a consult
   * the target answered) returns what becomes of them, and the operator's hang-up completes it.
   */
  onOperatorGone: (() => Promise<HandoverEnd> | undefined) | undefined;
  private transferred!: () => void;

  private constructor(
    private readonly ari: AriResources,
    readonly bridgeId: string,
    private readonly session: QueueCaller,
    readonly leg: OutboundLeg,
    private readonly log: Logger,
  ) {
    const handedOver = new Promise<EndedBy>((resolve) => {
      this.transferred = () => resolve("transferred");
    });
    const who = Promise.race([
      handedOver,
      leg.gone.then((): EndedBy => {
        const next = this.onOperatorGone?.();
        if (!next) return "operator";
        this.handover = next;
        return "transferred";
      }),
      session.whenGone().catch((): EndedBy => "caller"),
    ]);
    this.ended = who.then(async (endedBy) => {
      await this.release(endedBy);
      return endedBy;
    });
  }

  /**
   * The conversation's bridge, created while the caller still leaves the holding bridge and the
   * whisper plays: bridging then takes one request.
   */
  static prepare(ari: AriResources, session: QueueCaller): PreparedBridge {
    const id = `talk-${randomUUID()}`;
    // dtmf_events: the operator's keys (transfers) reach the app as events instead of passing to the caller.
    const created = ari.bridges.create(id, "mixing,dtmf_events", `call ${session.id}`, session.id);
    created.catch(() => undefined); // awaited by start(), or destroyed unused
    return { id, created, discard: () => created.then(() => ari.bridges.destroy(id)).catch(() => undefined) };
  }

  /** Bridge the caller (already out of any other bridge) with the answered leg. */
  static async start(
    ari: AriResources,
    session: QueueCaller,
    leg: OutboundLeg,
    log: Logger,
    prepared = Conversation.prepare(ari, session),
  ): Promise<Conversation> {
    const bridgeId = prepared.id;
    await prepared.created;
    try {
      // The operator's keys are commands (transfers), not for the caller's ears.
      await ari.bridges.addChannel(bridgeId, [session.id, leg.id], { absorbDTMF: true });
    } catch (err) {
      await bestEffort(leg.hangup(), log, "hang up the far end");
      await bestEffort(ari.bridges.destroy(bridgeId), log, "destroy the conversation bridge");
      throw err;
    }
    return new Conversation(ari, bridgeId, session, leg, log);
  }

  /** A conversation of the last run, still bridged in Asterisk (the app restarted meanwhile). */
  static adopt(ari: AriResources, bridgeId: string, session: QueueCaller, leg: OutboundLeg, log: Logger): Conversation {
    return new Conversation(ari, bridgeId, session, leg, log);
  }

  /**
   * A transfer: the operator's leg is hung up (`ended` settles "transferred", so the operator goes to
   * wrap-up as after any call) while the caller is left where they are, in this bridge, which the
   * transfer now owns; `next` settles with what became of the caller.
   */
  async handOver(next: Promise<HandoverEnd>): Promise<void> {
    this.handover = next;
    this.transferred();
    await this.ended.catch(() => undefined);
  }

  /** End it from our side (app shutdown): the far end is hung up and `ended` settles. */
  async close(): Promise<void> {
    await bestEffort(this.leg.hangup(), this.log, "hang up the far end");
    await this.ended.catch(() => undefined);
  }

  private async release(endedBy: EndedBy): Promise<void> {
    const quiet = (what: string) => (err: unknown) => {
      if (!notInBridge(err)) this.log.warn({ err, bridge: this.bridgeId }, what);
    };
    if (endedBy === "transferred") {
      await this.leg.hangup().catch(quiet("could not hang up the operator"));
      return;
    }
    if (endedBy === "caller") await this.leg.hangup().catch(quiet("could not hang up the far end"));
    else await this.ari.bridges.removeChannel(this.bridgeId, this.session.id).catch(quiet("could not free the caller"));
    await this.ari.bridges.destroy(this.bridgeId).catch(quiet("could not destroy the conversation bridge"));
  }
}
