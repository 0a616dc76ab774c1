import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ConsoleContext } from "./console.ts";
import type { ActionResult, ConsoleUser } from "./types.ts";

/** A request the action cannot take as it is. */
export const bad = (why: string): ActionResult => ({ ok: false, status: 400, why });

type Handler<P, B> = (
  user: ConsoleUser,
  params: P,
  body: B,
  request: FastifyRequest,
) => Promise<ActionResult> | ActionResult;

/**
 * A write route: a signed-in user of `role`, a valid CSRF token (header `x-csrf-token` or `_csrf`),
 * then the action, whose result is audited (ok, refused or failed) and answered as JSON.
 */
export function writeRoute<P = Record<string, string>, B = Record<string, unknown>>(
  app: FastifyInstance,
  ctx: ConsoleContext,
  path: string,
  role: ConsoleUser["role"],
  action: string,
  target: (params: P, body: B, user: ConsoleUser) => string | undefined,
  handler: Handler<P, B>,
): void {
  app.post<{ Params: P; Body: B }>(
    path,
    {
      preHandler: (request, reply, done) => {
        if (!ctx.require(request, reply, role)) return;
        app.csrfProtection(request, reply, done);
      },
    },
    async (request, reply) => {
      const user = ctx.userOf(request) as ConsoleUser;
      const params = request.params as P;
      const body = (request.body ?? {}) as B;
      let result: ActionResult;
      try {
        result = await handler(user, params, body, request);
      } catch (err) {
        result = { ok: false, status: 500, why: (err as Error).message };
      }
      ctx.record(
        request,
        action,
        result.ok ? "ok" : result.status >= 500 ? "failed" : "refused",
        target(params, body, user),
        {
          ...(body && typeof body === "object" ? stripSecrets(body as object) : {}),
          ...(result.ok ? {} : { why: result.why }),
        },
      );
      if (result.ok) return reply.send({ ok: true, ...(result.detail !== undefined ? { detail: result.detail } : {}) });
      return reply.code(result.status).send({ ok: false, error: result.why });
    },
  );
}

function stripSecrets(body: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== "_csrf" && k !== "password") out[k] = v;
  return out;
}
