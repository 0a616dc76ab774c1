import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { DateTime } from "luxon";
import type { HotlineConfig } from "../../config/index.ts";
import type { Knex } from "../../records/db.ts";
import { showText } from "../../records/neutralise.ts";
import { PRIVATE_FILE } from "../../records/private-files.ts";
import type { CallbackRow } from "../../records/read-callbacks.ts";
import { DB_OPTION } from "../database.ts";
import { UsageError } from "../errors.ts";
import { print, printTable } from "../table.ts";

interface Common {
  config?: string;
  db?: string;
  json?: boolean;
  all?: boolean;
}

interface VoicemailRow {
  id: string;
  call_id: string;
  hotline: string | null;
  language: string | null;
  caller_number: string | null;
  topic: string | null;
  reason: string | null;
  recording: string;
  duration_seconds: number | null;
  created_at: string;
  heard_at: string | null;
}

interface CallbackListRow extends CallbackRow {
  /** The number the request came from (the call's caller ID), for the operator's judgement. */
  caller_number: string | null;
}

/**
 * `hotline voicemail list|play` and `hotline callbacks list|done`: what callers left for the
 * operators. Reads and marks the records database; the recordings come from the sandbox's spool
 * folder, or over ARI from an external Asterisk.
 */
export function registerMessageCommands(program: Command): void {
  const voicemail = program.command("voicemail").description("messages callers left (closed, overflow, closing)");

  voicemail
    .command("list")
    .description("messages not yet heard, newest first (--all: heard ones too)")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .option("--all", "include messages already heard")
    .option("--json", "machine-readable output")
    .action(async (opts: Common) => {
      await withDatabase(opts, async (db, config) => {
        const query = db<VoicemailRow>("voicemails").orderBy("created_at", "desc");
        if (!opts.all) query.whereNull("heard_at");
        const rows = await query;
        if (opts.json) return print(JSON.stringify(rows, null, 2));
        if (rows.length === 0) return print(opts.all ? "no messages" : "no new messages (--all lists heard ones)");
        const zone = config.organization.timezone;
        printTable(
          ["id", "when", "hotline", "caller", "lang", "topic", "reason", "length", "heard"],
          rows.map((r) => [
            r.id,
            local(r.created_at, zone),
            r.hotline ?? "",
            r.caller_number ?? "withheld",
            r.language ?? "",
            r.topic ?? "",
            r.reason ?? "",
            `${Math.round(r.duration_seconds ?? 0)} s`,
            r.heard_at ? local(r.heard_at, zone) : "no",
          ]),
        );
      });
    });

  voicemail
    .command("play <id>")
    .description("save a message's audio to a WAV file and mark it heard")
    .requiredOption("-o, --out <file>", "where to write the WAV file")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .action(async (id: string, opts: { out: string; config?: string; db?: string }) => {
      await withDatabase(opts, async (db, config) => {
        const row = await db<VoicemailRow>("voicemails").where({ id }).first();
        if (!row) throw new UsageError(`no message with id ${id} (hotline voicemail list --all shows them)`);
        const out = resolve(opts.out);
        await mkdir(dirname(out), { recursive: true });
        const from = await saveRecording(config, row.recording, out);
        // A caller's message: the owner's only, like the spool it came from.
        await chmod(out, PRIVATE_FILE);
        if (!row.heard_at) await db("voicemails").where({ id }).update({ heard_at: new Date().toISOString() });
        print(`${out} (${Math.round(row.duration_seconds ?? 0)} s, from ${from})`);
      });
    });

  const callbacks = program.command("callbacks").description("callers who asked to be called back");

  callbacks
    .command("list")
    .description("requests not yet done, in their place order, with status and attempts (--all: done ones too)")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .option("--all", "include requests already done")
    .option("--json", "machine-readable output")
    .action(async (opts: Common) => {
      await withDatabase(opts, async (db, config) => {
        const query = db("callbacks")
          .leftJoin("calls", "calls.id", "callbacks.call_id")
          .select<CallbackListRow[]>("callbacks.*", "calls.caller_number as caller_number")
          .orderBy([{ column: "callbacks.place_at" }, { column: "callbacks.requested_at" }]);
        if (!opts.all) query.whereNull("callbacks.done_at");
        const rows = await query;
        if (opts.json) return print(JSON.stringify(rows, null, 2));
        if (rows.length === 0) return print(opts.all ? "no callback requests" : "nobody is waiting for a callback");
        const zone = config.organization.timezone;
        printTable(
          [
            "id",
            "asked",
            "hotline",
            "call back on",
            "called from",
            "lang",
            "topic",
            "reason",
            "status",
            "attempts",
            "done",
          ],
          rows.map((r) => [
            r.id,
            local(r.requested_at, zone),
            r.hotline ?? "",
            r.number,
            r.caller_number ?? "withheld",
            r.language ?? "",
            r.topic ?? "",
            r.reason ?? "",
            callbackStatus(r, zone),
            String(r.attempts ?? 0),
            r.done_at ? local(r.done_at, zone) : "no",
          ]),
        );
      });
    });

  callbacks
    .command("done <id>")
    .description("mark a callback request as done (the caller was called back)")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .action(async (id: string, opts: { config?: string; db?: string }) => {
      await withDatabase(opts, async (db, config) => {
        const row = await db<CallbackListRow>("callbacks").where({ id }).first();
        if (!row) throw new UsageError(`no callback request with id ${id} (hotline callbacks list --all shows them)`);
        if (row.done_at) return print(`${id} was already done at ${local(row.done_at, config.organization.timezone)}`);
        // Done by hand: the app never makes it (again).
        await db("callbacks").where({ id }).update({ done_at: new Date().toISOString(), status: "done" });
        print(`${id} done (${showText(row.number)})`);
      });
    });
}

async function withDatabase(
  opts: { config?: string | undefined; db?: string | undefined },
  work: (db: Knex, config: HotlineConfig) => Promise<void>,
): Promise<void> {
  const { loadConfigForCli } = await import("../load-config.ts");
  const { openExistingDatabase } = await import("../database.ts");
  const config = await loadConfigForCli(opts.config);
  const db = await openExistingDatabase(config, opts.db);
  try {
    await work(db, config);
  } finally {
    await db.destroy();
  }
}

/**
 * The sandbox keeps recordings in its spool folder, readable whether or not Asterisk runs; an
 * external Asterisk's are fetched over ARI (GET /recordings/stored/{name}/file). Returns the source.
 */
async function saveRecording(config: HotlineConfig, recording: string, out: string): Promise<string> {
  if (config.asterisk.mode === "sandbox") {
    const { sandboxDir } = await import("../../asterisk/sandbox/from-config.ts");
    const file = join(sandboxDir(config), "spool", "recording", `${recording}.wav`);
    if (!existsSync(file)) throw new Error(`recording ${recording}: ${file} is missing`);
    await copyFile(file, out);
    return file;
  }
  const ari = config.asterisk.ari;
  if (!ari) throw new Error("asterisk.ari is required when asterisk.mode is external");
  const url = `${ari.url.replace(/\/+$/, "")}/ari/recordings/stored/${encodeURIComponent(recording)}/file`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString("base64")}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new Error(
      `recording ${recording}: Asterisk's ARI at ${ari.url} is not reachable (${(err as Error).message})`,
    );
  }
  if (!response.ok) throw new Error(`recording ${recording}: ARI answered ${response.status} ${response.statusText}`);
  await writeFile(out, Buffer.from(await response.arrayBuffer()));
  return url;
}

function local(at: string | Date, zone: string): string {
  const time = at instanceof Date ? DateTime.fromJSDate(at, { zone }) : DateTime.fromISO(at, { zone });
  return time.toFormat("yyyy-LL-dd HH:mm");
}

/** "failed, next 10:42" for a callback tried again later; otherwise its status. */
function callbackStatus(r: CallbackRow, zone: string): string {
  if (r.status === "failed" && r.next_attempt_at) return `failed, next ${local(r.next_attempt_at, zone)}`;
  return r.status;
}
