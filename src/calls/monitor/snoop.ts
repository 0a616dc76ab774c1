import { setTimeout as sleep } from "node:timers/promises";
import { bestEffort } from "../../logger.ts";
import type { LiveCall } from "../queue/live-calls.ts";
import type { Detach, MonitorContext, SupervisorSide } from "./types.ts";

/** How long the snoop channel may take to enter our app before we bridge it. */
const SNOOP_ENTER_MS = 3000;

/**
 * A snoop channel on the operator's leg, spying on both directions (the supervisor hears operator and
 * caller) and whispering `whisper` (out: only the operator hears the supervisor), mixed with the
 * supervisor's channel in a bridge of its own. The conversation's bridge is not touched.
 */
export async function snoopBridge(
  ctx: MonitorContext,
  call: LiveCall,
  side: SupervisorSide,
  id: string,
  whisper: "none" | "out",
): Promise<Detach> {
  const snoopId = `snoop-${id}`;
  const bridgeId = `monitor-${id}`;
  const snoop = ctx.hub.channel(snoopId, { inStasis: false });
  const entered = new Promise<void>((resolve) => {
    const off = snoop.on((e) => {
      if (e.type === "StasisStart") {
        off();
        resolve();
      }
    });
  });
  const detach: Detach = async () => {
    await bestEffort(snoop.hangup(), ctx.log, "hang up the snoop channel");
    await ctx.ari.bridges.destroy(bridgeId).catch(() => undefined);
  };
  try {
    await ctx.ari.channels.snoop(call.conversation.leg.id, snoopId, {
      spy: "both",
      whisper,
      app: ctx.app,
      appArgs: "snoop",
    });
    await Promise.race([entered, sleep(SNOOP_ENTER_MS)]);
    await ctx.ari.bridges.create(bridgeId, "mixing", `monitor ${call.callId}`, snoopId);
    await ctx.ari.bridges.addChannel(bridgeId, [side.id, snoopId]);
  } catch (err) {
    await detach();
    if (!snoop.entered) ctx.hub.forget(snoopId);
    throw err;
  }
  return detach;
}
