import type { Attach } from "./types.ts";

/** Barge: the supervisor joins the conversation's bridge; all three talk. */
export const barge: Attach = async (ctx, call, side) => {
  const bridgeId = call.conversation.bridgeId;
  await ctx.ari.bridges.addChannel(bridgeId, side.id);
  return async () => {
    // Gone with the conversation's bridge, or by hanging up: either way there is nothing to undo then.
    await ctx.ari.bridges.removeChannel(bridgeId, side.id).catch(() => undefined);
  };
};
