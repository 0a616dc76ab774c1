import { randomUUID } from "node:crypto";
import { notInBridge } from "../../asterisk/ari/errors.ts";
import { bestEffort } from "../../logger.ts";
import { operatorLanguage } from "../../operators/language.ts";
import type { TransferResult } from "../../records/transfer-records.ts";
import { soundUri } from "../../sounds/prompts.ts";
import { Announcer } from "../queue/announcer.ts";
import { Conversation, type HandoverEnd } from "../queue/conversation.ts";
import type { LiveCall } from "../queue/live-calls.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import { asParty } from "./blind.ts";
import { type ResolvedTarget, TransferError, type TransferParts } from "./parts.ts";
import { ringTarget } from "./ring-target.ts";

/** The operator's keys stay commands in every bridge they move into. */
const KEYS_STAY = { absorbDTMF: true };

type Dialled = ResolvedTarget & { target: { kind: "endpoint" | "number"; dial: string } };

/**
 * An attended transfer (a consult): the caller is held with music in the conversation's bridge
 * while the operator, in a consult bridge of their own, rings and talks with the target. Then
 * complete (caller and target bridged, the operator leaves to wrap-up), swap (the operator talks to
 * the caller or the target in turn, the other on hold) or cancel (the target hung up, back to the
 * caller). A target that is busy, does not answer or refuses: the operator is back with the caller.
 */
export class Consult {
  /** ringing → consulting (operator with the target) ⇄ with-caller (swap) → done */
  private state: "ringing" | "consulting" | "with-caller" | "done" = "ringing";
  private readonly bridgeId = `consult-${randomUUID()}`;
  private readonly leg: OutboundLeg;
  private readonly finished: () => void;

  constructor(
    private readonly parts: TransferParts,
    private readonly live: LiveCall,
    private readonly to: Dialled,
    readonly id: string,
    onDone: () => void,
  ) {
    this.leg = new OutboundLeg(parts.hub, "consult");
    this.finished = onDone;
  }

  private get talkBridge(): string {
    return this.live.conversation.bridgeId;
  }

  private get operatorLeg(): string {
    return this.live.conversation.leg.id;
  }

  /** The caller on hold, the operator into the consult bridge, the target ringing. */
  async start(): Promise<void> {
    const { ari } = this.parts;
    await ari.bridges.create(this.bridgeId, "mixing,dtmf_events", `consult ${this.live.callId}`, this.operatorLeg);
    await ari.bridges.addChannel(this.bridgeId, this.operatorLeg, KEYS_STAY);
    await this.moh(this.talkBridge, true);
    // The operator hangs up once the target answered: as on any PBX, that completes the transfer.
    this.live.conversation.onOperatorGone = () =>
      this.state === "consulting" || this.state === "with-caller" ? this.takeOver() : undefined;
    // The caller hung up (or the operator before the target answered): the consult is over.
    void this.live.conversation.ended.then((endedBy) => {
      if (endedBy !== "transferred") void this.abandon(`${endedBy} hung up`);
    });
    void this.ring();
  }

  private async ring(): Promise<void> {
    const { records, now, log } = this.parts;
    const rung = await ringTarget(this.parts, this.live, this.to, this.leg).catch((err) => ({
      answered: false as const,
      result: "failed" as const,
      cause: err instanceof Error ? err.message.slice(0, 64) : "failed",
    }));
    if (this.state !== "ringing") {
      await bestEffort(this.leg.hangup(), log, "hang up the consult");
      return;
    }
    if (!rung.answered) {
      await this.back(rung.result, rung.cause, true);
      return;
    }
    try {
      await this.parts.ari.bridges.addChannel(this.bridgeId, this.leg.id);
    } catch (err) {
      await this.back("failed", "could not bridge the consult", true);
      log.warn({ err }, "could not bridge the consult");
      return;
    }
    this.state = "consulting";
    records.answered(this.id, now());
    void this.leg.gone.then(() => {
      if (this.state === "consulting" || this.state === "with-caller")
        void this.back("rejected", "target hung up", false);
    });
  }

  /** Caller and target bridged; the operator leaves (wrap-up). */
  async complete(): Promise<void> {
    if (this.state !== "consulting" && this.state !== "with-caller")
      throw new TransferError(
        409,
        this.state === "ringing" ? "the target has not answered yet" : "the consult is over",
      );
    await this.live.conversation.handOver(this.takeOver());
  }

  /** From here the caller is the target's: bridged with them once the operator's part has ended. */
  private takeOver(): Promise<HandoverEnd> {
    this.state = "done";
    const { ari, records, now } = this.parts;
    const { session } = this.live;
    const next = async (): Promise<HandoverEnd> => {
      await this.live.conversation.ended;
      const talk = await Conversation.start(ari, session, this.leg, session.log);
      records.ended(this.id, { at: now(), result: "completed" });
      await this.drop(this.talkBridge);
      await this.drop(this.bridgeId);
      this.finished();
      session.log.info({ transfer: this.id, to: this.to.key }, "transferred (attended)");
      const endedBy = await talk.ended;
      return {
        kind: "talked",
        operator: this.live.operator,
        to: this.to.key,
        transfer: "attended",
        endedBy: asParty(endedBy),
      };
    };
    return next().catch((err): HandoverEnd => {
      session.log.error({ err, transfer: this.id }, "completing the transfer failed");
      records.ended(this.id, { at: now(), result: "failed", cause: "could not bridge" });
      this.finished();
      return { kind: "gone" };
    });
  }

  /** Talk to the other one: the caller or the target waits with music meanwhile. */
  async swap(): Promise<"caller" | "target"> {
    const { ari } = this.parts;
    if (this.state === "consulting") {
      this.state = "with-caller";
      await ari.bridges.addChannel(this.talkBridge, this.operatorLeg, KEYS_STAY);
      await this.moh(this.talkBridge, false);
      await this.moh(this.bridgeId, true);
      return "caller";
    }
    if (this.state === "with-caller") {
      this.state = "consulting";
      await ari.bridges.addChannel(this.bridgeId, this.operatorLeg, KEYS_STAY);
      await this.moh(this.bridgeId, false);
      await this.moh(this.talkBridge, true);
      return "target";
    }
    throw new TransferError(409, this.state === "ringing" ? "the target has not answered yet" : "the consult is over");
  }

  /** The target hung up (or stops ringing); the operator is back with the caller. */
  async cancel(): Promise<void> {
    if (this.state === "done") throw new TransferError(409, "the consult is over");
    await this.back("cancelled", "operator cancelled", false);
  }

  /** The operator back in the conversation, the caller off hold, the consult gone; the record says why. */
  private async back(result: Exclude<TransferResult, "completed">, cause: string | number | undefined, tell: boolean) {
    if (this.state === "done") return;
    this.state = "done";
    const { ari, records, now, log } = this.parts;
    records.ended(this.id, { at: now(), result, cause });
    await bestEffort(this.leg.hangup(), log, "hang up the consult");
    if (tell) {
      const { config } = this.live.session.ctx;
      const operator = config.operators[this.live.operator];
      const language = operator ? operatorLanguage(config, operator) : this.live.language;
      await new Announcer(this.live.conversation.leg.channel, language).play([soundUri("transfer-failed")]);
    }
    await bestEffort(ari.bridges.addChannel(this.talkBridge, this.operatorLeg, KEYS_STAY), log, "back to the caller");
    await this.moh(this.talkBridge, false);
    await this.drop(this.bridgeId);
    this.finished();
  }

  /** The conversation ended under the consult (caller or operator hung up). */
  private async abandon(cause: string): Promise<void> {
    if (this.state === "done") return;
    this.state = "done";
    this.parts.records.ended(this.id, { at: this.parts.now(), result: "cancelled", cause });
    await bestEffort(this.leg.hangup(), this.parts.log, "hang up the consult");
    await this.drop(this.bridgeId);
    this.finished();
  }

  private async moh(bridge: string, on: boolean): Promise<void> {
    const { ari, log } = this.parts;
    await (on ? ari.bridges.startMoh(bridge) : ari.bridges.stopMoh(bridge)).catch((err) => {
      if (!notInBridge(err))
        log.warn({ err, bridge }, on ? "could not start music on hold" : "could not stop music on hold");
    });
  }

  private async drop(bridge: string): Promise<void> {
    await this.parts.ari.bridges.destroy(bridge).catch((err) => {
      if (!notInBridge(err)) this.parts.log.warn({ err, bridge }, "could not destroy a transfer's bridge");
    });
  }
}
