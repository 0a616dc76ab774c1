import { snoopBridge } from "./snoop.ts";
import type { Attach } from "./types.ts";

/** Listen: the supervisor hears operator and caller; nobody hears the supervisor. */
export const listen: Attach = (ctx, call, side, id) => snoopBridge(ctx, call, side, id, "none");
