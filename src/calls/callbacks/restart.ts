import { isGone } from "../../asterisk/ari/errors.ts";
import { bestEffort } from "../../logger.ts";
import type { AcdParts } from "../queue/queue-state.ts";
import { CALLBACK_BRIDGE_PREFIX } from "./talk.ts";

/**
 * Callback legs and bridges of the last run died with it: its callers are hung up (a reached one is
 * never made again; one being dialled is made again), its bridges destroyed. The operators' legs
 * in them are hung up by the ACD's own restore (they are in no `talk-` bridge).
 */
export async function hangUpLastRun(parts: AcdParts): Promise<void> {
  const { ari, log } = parts;
  const channels = await ari.channels.list().catch(() => []);
  for (const channel of channels) {
    if (!channel.id.startsWith("callback-")) continue;
    await bestEffort(
      ari.channels.hangup(channel.id).catch((err) => {
        if (!isGone(err)) throw err;
      }),
      log,
      "hang up a callback of the last run",
    );
  }
  const bridges = await ari.bridges.list().catch(() => []);
  for (const bridge of bridges)
    if (bridge.id.startsWith(CALLBACK_BRIDGE_PREFIX))
      await bestEffort(
        ari.bridges.destroy(bridge.id).catch(() => undefined),
        log,
        "destroy a callback bridge",
      );
}
