import { type ControlRoute, HttpError } from "../../operators/control-api.ts";
import { TransferError } from "./parts.ts";
import type { Transfers } from "./transfers.ts";

/**
 * The control API's transfer endpoints: GET /directory, POST /calls/<id>/transfer {to, kind},
 * POST /calls/<id>/transfer/complete|swap|cancel.
 */
export function transferRoutes(transfers: Transfers): ControlRoute[] {
  const guarded =
    (handle: (params: readonly string[], body: unknown) => unknown | Promise<unknown>) =>
    async (params: readonly string[], body: unknown) => {
      try {
        return await handle(params, body);
      } catch (err) {
        if (err instanceof TransferError) throw new HttpError(err.status, err.message);
        throw err;
      }
    };
  return [
    { method: "GET", path: /^\/directory$/, handle: () => transfers.directory() },
    {
      method: "POST",
      path: /^\/calls\/([^/]+)\/transfer$/,
      handle: guarded(([callId = ""], body) => transfers.transfer(callId, transferRequest(body))),
    },
    {
      method: "POST",
      path: /^\/calls\/([^/]+)\/transfer\/(complete|swap|cancel)$/,
      handle: guarded(async ([callId = "", verb]) => {
        const id = callId;
        if (verb === "swap") return { talkingTo: await transfers.swap(id) };
        await (verb === "complete" ? transfers.complete(id) : transfers.cancel(id));
        return { done: verb };
      }),
    },
  ];
}

function transferRequest(body: unknown): { to: string; kind: "blind" | "attended" } {
  const { to, kind = "blind" } = (body ?? {}) as { to?: unknown; kind?: unknown };
  if (typeof to !== "string" || to === "")
    throw new HttpError(400, 'give the target, e.g. {"to":"dr-ruiz","kind":"blind"}');
  if (kind !== "blind" && kind !== "attended")
    throw new HttpError(400, `kind is blind or attended, not ${JSON.stringify(kind)}`);
  return { to, kind };
}
