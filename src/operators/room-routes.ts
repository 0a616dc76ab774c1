/**
 * The control API's endpoints of the supervisors' room:
 *
 *   POST   /operators/:op/monitor {"mode":"listen|whisper|barge","to":"<endpoint>"} → the session (or ringing)
 *   GET    /monitor                        → sessions in progress
 *   DELETE /monitor/:id                    → { stopped }
 *   POST   /calls/:id/disposition {"code":"1"|"resolved","notes":"…"} → { callId, disposition }
 */
import type { DispositionOutcome } from "../calls/disposition/dispositions.ts";
import { MonitorError, type MonitorService } from "../calls/monitor/monitor-service.ts";
import { MONITOR_MODES, type MonitorMode } from "../calls/monitor/types.ts";
import { type ControlRoute, HttpError } from "./control-api.ts";

/** The control client gives up after 10 s; a desk phone may ring longer, so the answer says "ringing". */
const ANSWER_WAIT_MS = 8000;

const STATUS: Record<MonitorError["reason"], number> = {
  "unknown-operator": 404,
  "not-on-call": 409,
  "not-supervisor": 400,
  "no-answer": 504,
};

export interface RoomRouteServices {
  monitor: Pick<MonitorService, "monitor" | "list" | "stop">;
  dispositions: { disposeCall(callId: string, code: string, notes?: string): Promise<DispositionOutcome> };
}

export function roomRoutes(services: RoomRouteServices): ControlRoute[] {
  return [
    {
      method: "POST",
      path: /^\/operators\/([^/]+)\/monitor$/,
      handle: async ([operator = ""], body) => {
        const { mode, to } = (body ?? {}) as { mode?: unknown; to?: unknown };
        if (typeof mode !== "string" || !(MONITOR_MODES as readonly string[]).includes(mode))
          throw new HttpError(400, `give a mode: ${MONITOR_MODES.join(", ")}`);
        if (typeof to !== "string" || to === "") throw new HttpError(400, "give `to`: the supervisor's desk phone");
        const started = services.monitor.monitor(operator, { mode: mode as MonitorMode, to });
        started.catch(() => undefined); // answered after we replied "ringing": its failure is logged there
        let timer: NodeJS.Timeout | undefined;
        const ringing = new Promise<{ ringing: string }>((resolve) => {
          timer = setTimeout(() => resolve({ ringing: to }), ANSWER_WAIT_MS);
        });
        try {
          return await Promise.race([started, ringing]);
        } catch (err) {
          if (err instanceof MonitorError) throw new HttpError(STATUS[err.reason], err.message);
          throw err;
        } finally {
          clearTimeout(timer);
        }
      },
    },
    { method: "GET", path: /^\/monitor$/, handle: () => services.monitor.list() },
    {
      method: "DELETE",
      path: /^\/monitor\/([^/]+)$/,
      handle: ([id = ""]) => {
        if (!services.monitor.stop(id)) throw new HttpError(404, `no monitoring session ${id}`);
        return { stopped: id };
      },
    },
    {
      method: "POST",
      path: /^\/calls\/([^/]+)\/disposition$/,
      handle: async ([callId = ""], body) => {
        const { code, notes } = (body ?? {}) as { code?: unknown; notes?: unknown };
        if (typeof code !== "string" && typeof code !== "number")
          throw new HttpError(400, 'give a code, e.g. {"code":"1"} or {"code":"resolved"}');
        if (notes !== undefined && typeof notes !== "string") throw new HttpError(400, "notes must be text");
        const outcome = await services.dispositions.disposeCall(callId, String(code), notes);
        if (outcome.ok) return { callId: outcome.callId, disposition: outcome.disposition };
        if (outcome.reason === "unknown-call") throw new HttpError(404, `no call ${callId}`);
        throw new HttpError(400, `unknown disposition ${JSON.stringify(code)}`);
      },
    },
  ];
}
