import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { PACKAGE_ROOT } from "../package-root.ts";

/** The pages' scripts and styles: plain files in web/assets, shipped with the package (no build, no CDN). */
const ASSETS: Record<string, string> = {
  "console.css": "text/css; charset=utf-8",
  "common.js": "text/javascript; charset=utf-8",
  "desk.js": "text/javascript; charset=utf-8",
  "wallboard.js": "text/javascript; charset=utf-8",
};

export const ASSET_DIR = join(PACKAGE_ROOT, "web", "assets");

export function assetRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  // Browsers ask for it on every page; there is none.
  app.get("/favicon.ico", (_request, reply) => reply.code(204).send());
  app.get<{ Params: { file: string } }>("/assets/:file", async (request, reply) => {
    const type = ASSETS[request.params.file];
    if (!type) return reply.code(404).send({ error: "no such file" });
    let body = cache.get(request.params.file);
    if (!body) {
      body = await readFile(join(ASSET_DIR, request.params.file));
      cache.set(request.params.file, body);
    }
    return reply.type(type).header("cache-control", "no-cache").send(body);
  });
}
