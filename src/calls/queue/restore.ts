import { type AcdSnapshot, SNAPSHOT_VERSION } from "../../acd/snapshot.ts";
import { isGone } from "../../asterisk/ari/errors.ts";
import { bestEffort } from "../../logger.ts";
import type { OperatorStateRow } from "../../records/rows.ts";
import type { Connect, Connected } from "./connect.ts";
import { Conversation } from "./conversation.ts";
import type { OperatorsDesk } from "./operators-desk.ts";
import { OutboundLeg } from "./outbound-leg.ts";
import type { AcdParts } from "./queue-state.ts";
import type { QueueCaller } from "./queues.ts";
import type { TalkMark } from "./waiting-mark.ts";

/** After a restart, how long callers still waiting in Asterisk get to be adopted before anyone is served. */
export const SETTLE_MS = 3000;

/** The saved operator states as an engine snapshot; a row that cannot be read is left out (logged out). */
export function snapshotFrom(rows: readonly OperatorStateRow[], unreadable: (operator: string) => void): AcdSnapshot {
  const snapshot: AcdSnapshot = { version: SNAPSHOT_VERSION, operators: {}, lastRung: {} };
  for (const row of rows) {
    if (!row.snapshot) continue;
    try {
      snapshot.operators[row.operator] = JSON.parse(row.snapshot);
    } catch {
      unreadable(row.operator);
    }
  }
  return snapshot;
}

/**
 * Picking up where the last run stopped: operators from the database, the parts of calls that
 * Asterisk still has (conversations, waiting callers in their holding bridges), rings that died
 * with the old app hung up.
 */
export class Restore {
  constructor(
    private readonly parts: AcdParts,
    private readonly desk: OperatorsDesk,
    private readonly connect: Connect,
  ) {}

  async start(rows: readonly OperatorStateRow[], openAttempts: readonly string[] = []): Promise<void> {
    const { ari, state, story, log, now } = this.parts;
    const snapshot = snapshotFrom(rows, (operator) =>
      log.warn({ operator }, "unreadable saved operator state; starting logged out"),
    );
    try {
      // Operators no longer configured are left out by the engine itself.
      state.engine.restore(snapshot, now());
      this.desk.continueActivity(rows);
    } catch (err) {
      log.warn({ err }, "could not restore the operators' states; everyone starts logged out");
    }
    this.desk.know(rows);
    // What Asterisk has now decides: a conversation goes on only where its bridge still holds it.
    const talking = await this.talkingChannels();
    for (const status of state.engine.statuses()) {
      if (status.state !== "on-call" || !status.call) continue;
      // Whispering or answering at the stop, or the caller hung up meanwhile: free again.
      if (!talking.has(status.call.callId)) state.engine.callEnded(status.operator, status.call.callId, now());
    }
    // Desk-phone legs of the last run that are not in a conversation (ringing, whispering) died with it.
    const channels = await ari.channels.list().catch(() => []);
    for (const channel of channels) {
      if (!channel.id.startsWith("operator-") || talking.has(channel.id)) continue;
      await bestEffort(
        ari.channels.hangup(channel.id).catch((err) => {
          if (!isGone(err)) throw err; // it rang out meanwhile
        }),
        log,
        "hang up a ring of the last run",
      );
    }
    // Every ring the last run left open gets its end; those of conversations still up end with them.
    for (const attempt of openAttempts) if (!talking.has(attempt)) story.ringEnded(attempt, "interrupted");
    const held = await state.holding.adopt().catch((err) => {
      log.warn({ err }, "could not look for holding bridges");
      return 0;
    });
    // Callers who waited before the restart come back one by one: serve none until all are back in line.
    if (held > 0) state.settleUntil = now().getTime() + SETTLE_MS;
  }

  /** Channels in a conversation bridge with someone else: callers and operator legs still talking. */
  private async talkingChannels(): Promise<Set<string>> {
    const bridges = await this.parts.ari.bridges.list().catch((err) => {
      this.parts.log.warn({ err }, "could not look for conversations of the last run");
      return [];
    });
    const talking = new Set<string>();
    for (const bridge of bridges)
      if (bridge.id.startsWith("talk-") && bridge.channels.length >= 2)
        for (const id of bridge.channels) talking.add(id);
    return talking;
  }

  /** A conversation of the last run, still bridged in Asterisk: the operator stays on it until it ends. */
  async rejoin(session: QueueCaller, talk: TalkMark): Promise<Connected> {
    const { ari, hub, state } = this.parts;
    const leg = await OutboundLeg.adopt(hub, talk.legId);
    state.ourLegs.add(leg.id);
    session.log.info({ operator: talk.operator, bridge: talk.bridgeId }, "conversation adopted after a restart");
    const conversation = Conversation.adopt(ari, talk.bridgeId, session, leg, session.log);
    return this.connect.follow(session, conversation, talk, this.parts.now());
  }
}
