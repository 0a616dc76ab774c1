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
        // Refused all the same: whatever failed, the caller is not served.
        if (!(err instanceof ChannelGone)) session.log.error({ err }, "could not refuse the call cleanly");
      }
      return end(busy);
    },
  };
}
