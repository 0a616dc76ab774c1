import { snoopBridge } from "./snoop.ts";
import type { Attach } from "./types.ts";

/** Whisper (coaching): the supervisor hears both and speaks to the operator only; the caller hears nothing of it. */
export const whisper: Attach = (ctx, call, side, id) => snoopBridge(ctx, call, side, id, "out");
