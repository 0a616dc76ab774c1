import type { FastifyInstance } from "fastify";
import { PAUSE_REASONS, type PauseReason } from "../acd/types.ts";
import { languageOf } from "./auth-routes.ts";
import type { ConsoleContext } from "./console.ts";
import type { ConsoleUser, DeskAction, TransferStep } from "./types.ts";
import { bad, writeRoute } from "./write.ts";

const DESK_ACTIONS: readonly DeskAction[] = ["login", "logout", "pause", "resume"];
const STEPS: readonly TransferStep[] = ["complete", "swap", "cancel"];
const me = (user: ConsoleUser) => user.operator ?? user.name;

/** The operator's desk: their own state, transfers of their own call, its notes, their worklist. */
export function deskRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { actions } = ctx;

  writeRoute<{ action: string }, { reason?: string }>(
    app,
    ctx,
    "/api/desk/:action",
    "operator",
    "desk-state",
    (_p, _b, user) => me(user),
    (user, { action }, body) => {
      if (!DESK_ACTIONS.includes(action as DeskAction)) return bad(`unknown action "${action}"`);
      const reason = body.reason ?? "other";
      if (action === "pause" && !PAUSE_REASONS.includes(reason as PauseReason))
        return bad(`unknown reason "${reason}"`);
      return actions.operatorState(me(user), action as DeskAction, reason as PauseReason);
    },
  );

  app.get<{ Querystring: { q?: string } }>("/api/directory", async (request, reply) => {
    const user = ctx.require(request, reply);
    if (!user) return;
    return actions.directory(String(request.query.q ?? "").slice(0, 100), languageOf(request, user.language));
  });

  writeRoute<Record<string, never>, { to?: string; kind?: string }>(
    app,
    ctx,
    "/api/transfer",
    "operator",
    "transfer",
    (_p, b) => b.to,
    (user, _p, body) => {
      if (!body.to) return bad("say whom to transfer to");
      if (body.kind !== "blind" && body.kind !== "attended") return bad("kind is blind or attended");
      return actions.transfer(me(user), body.to, body.kind);
    },
  );

  writeRoute<{ step: string }>(
    app,
    ctx,
    "/api/transfer/:step",
    "operator",
    "transfer-step",
    (p) => p.step,
    (user, { step }) => {
      if (!STEPS.includes(step as TransferStep)) return bad(`unknown step "${step}"`);
      return actions.transferStep(me(user), step as TransferStep);
    },
  );

  writeRoute<Record<string, never>, { callId?: string; code?: string; notes?: string }>(
    app,
    ctx,
    "/api/disposition",
    "operator",
    "disposition",
    (_p, b) => b.callId,
    (user, _p, body) => {
      if (!body.callId || !body.code) return bad("callId and code are needed");
      const notes = body.notes === undefined ? undefined : String(body.notes).slice(0, 4000);
      return actions.dispose(me(user), body.callId, body.code, notes);
    },
  );

  app.get("/api/worklist", async (request, reply) => {
    const user = ctx.require(request, reply, "operator");
    if (!user) return;
    return actions.worklist(me(user));
  });

  writeRoute<{ id: string }>(
    app,
    ctx,
    "/api/callbacks/:id/call",
    "operator",
    "call-back-now",
    (p) => p.id,
    (user, { id }) => actions.makeCallbackNow(me(user), id),
  );

  writeRoute<{ id: string }>(
    app,
    ctx,
    "/api/voicemails/:id/done",
    "operator",
    "voicemail-done",
    (p) => p.id,
    (user, { id }) => actions.voicemailDone(me(user), id),
  );

  app.get<{ Params: { id: string } }>("/api/voicemails/:id/audio", async (request, reply) => {
    const user = ctx.require(request, reply);
    if (!user) return;
    const audio = await actions.voicemailAudio(user, request.params.id);
    if (!audio) return reply.code(404).send({ error: "no such voicemail for you" });
    ctx.record(request, "voicemail-play", "ok", request.params.id);
    return reply.type("audio/wav").header("cache-control", "private, no-store").send(audio);
  });
}
