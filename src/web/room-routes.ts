import type { FastifyInstance } from "fastify";
import { PAUSE_REASONS, type PauseReason } from "../acd/types.ts";
import { languageOf } from "./auth-routes.ts";
import type { ConsoleContext } from "./console.ts";
import type { DeskAction, MonitorMode } from "./types.ts";
import { bad, writeRoute } from "./write.ts";

const OPERATOR_ACTIONS: readonly DeskAction[] = ["logout", "pause", "resume"];
const MODES: readonly MonitorMode[] = ["listen", "whisper", "barge"];

/** The supervisor's actions on the room, the report and the exports. */
export function roomRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { actions } = ctx;

  writeRoute<{ operator: string; action: string }, { reason?: string }>(
    app,
    ctx,
    "/api/room/operators/:operator/:action",
    "supervisor",
    "operator-state",
    (p) => p.operator,
    (_user, { operator, action }, body) => {
      if (!OPERATOR_ACTIONS.includes(action as DeskAction)) return bad(`unknown action "${action}"`);
      if (!(operator in ctx.config().operators)) return { ok: false, status: 404, why: `no operator "${operator}"` };
      const reason = body.reason ?? "other";
      if (action === "pause" && !PAUSE_REASONS.includes(reason as PauseReason))
        return bad(`unknown reason "${reason}"`);
      return actions.operatorState(operator, action as DeskAction, reason as PauseReason);
    },
  );

  writeRoute<{ hotline: string }, { state?: string; until?: string; reason?: string }>(
    app,
    ctx,
    "/api/room/hotlines/:hotline/override",
    "supervisor",
    "override",
    (p) => p.hotline,
    (_user, { hotline }, body) => {
      if (hotline !== "*" && !(hotline in ctx.config().hotlines))
        return { ok: false, status: 404, why: `no hotline "${hotline}"` };
      if (body.state === "schedule") return actions.override(hotline, null);
      if (body.state !== "open" && body.state !== "closed") return bad("state is open, closed or schedule");
      let until: Date | undefined;
      if (body.until) {
        until = new Date(body.until);
        if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) return bad("until must be a time to come");
      }
      const reason = body.reason ? String(body.reason).slice(0, 200) : undefined;
      return actions.override(hotline, {
        state: body.state,
        ...(until ? { until } : {}),
        ...(reason ? { reason } : {}),
      });
    },
  );

  writeRoute<Record<string, never>, { operator?: string; mode?: string }>(
    app,
    ctx,
    "/api/room/monitor",
    "supervisor",
    "monitor",
    (_p, b) => b.operator,
    (user, _p, body) => {
      if (!body.operator || !MODES.includes(body.mode as MonitorMode)) return bad("operator and mode are needed");
      return actions.monitor(user, body.operator, body.mode as MonitorMode);
    },
  );

  writeRoute<{ id: string }, { operator?: string }>(
    app,
    ctx,
    "/api/room/callbacks/:id/reassign",
    "supervisor",
    "callback-reassign",
    (p) => p.id,
    (_user, { id }, body) => {
      if (!body.operator || !(body.operator in ctx.config().operators)) return bad("name an operator");
      return actions.makeCallbackNow(body.operator, id);
    },
  );

  app.get("/report", async (request, reply) => {
    const user = ctx.require(request, reply, "supervisor");
    if (!user) return;
    const html = await actions.report(languageOf(request, user.language));
    return reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .send(html);
  });

  for (const format of ["csv", "xlsx"] as const) {
    app.get<{ Querystring: { from?: string; to?: string } }>(`/export.${format}`, async (request, reply) => {
      const user = ctx.require(request, reply, "supervisor");
      if (!user) return;
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 7 * 86_400_000);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
        return reply.code(400).send({ error: "from and to are dates" });
      ctx.record(request, "export", "ok", format, { from: from.toISOString(), to: to.toISOString() });
      const body = await actions.exportCalls(format, { from, to });
      const type =
        format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      return reply.type(type).header("content-disposition", `attachment; filename="calls.${format}"`).send(body);
    });
  }
}
