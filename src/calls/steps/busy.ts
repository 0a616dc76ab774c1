import { ChannelGone } from "../../asterisk/channels/types.ts";
import type { CallOutcome } from "../../records/outcome.ts";
import { end, type Step } from "../step.ts";

/**
 * Beyond the trunk's contracted channels: busy, without answering (the carrier plays its own busy
 * tone and bills nothing); an early-media message first when the carrier passes it.
 */
export function refuseBusy(trunk: string, channels: number): Step {
  return {
    name: "busy",
    async run(session) {
      const busy: CallOutcome = { kind: "busy", trunk, channels };
      session.log.warn({ trunk, channels }, "call refused: busy");
      try {
        await session.channel.ring();
        // Only as long as the carrier lets early media through before the busy signal.
        await session.channel.announce([session.promptUri("trunk-busy")], session.language).started;
        await session.hangup("busy");
      } catch (err) {
        // Refused all the same, and still as busy (not the normal clearing the call's close would send):
        // the carrier's busy tone and the caller's redial depend on it.
        if (err instanceof ChannelGone) return end(busy);
        session.log.error({ err }, "could not refuse the call cleanly");
        await session.hangup("busy").catch(() => undefined);
      }
      return end(busy);
    },
  };
}
