import type { Outcome, PauseReason } from "../acd/types.ts";
import { loadWeek } from "../analysis/load.ts";
import { renderHtml } from "../analysis/render/html.ts";
import { buildReport } from "../analysis/report.ts";
import { settingsFromConfig } from "../analysis/settings.ts";
import { lastCompleteWeek } from "../analysis/week.ts";
import type { Dispositions } from "../calls/disposition/dispositions.ts";
import type { MonitorService } from "../calls/monitor/monitor-service.ts";
import type { LiveCalls } from "../calls/queue/live-calls.ts";
import { TransferError } from "../calls/transfer/parts.ts";
import type { Transfers } from "../calls/transfer/transfers.ts";
import type { HotlineConfig } from "../config/index.ts";
import { OverrideStore } from "../config/override-store.ts";
import { searchDirectory } from "../directory/search.ts";
import type { CommandSource, OperatorCommands } from "../operators/commands.ts";
import type { Knex } from "../records/db.ts";
import { callsCsv } from "../records/export/csv.ts";
import { callsXlsx } from "../records/export/xlsx.ts";
import { readCalls } from "../records/read.ts";
import { worklist } from "../records/read-room.ts";
import type { ActionResult, ConsoleActions, ConsoleUser, DeskAction, MonitorMode, TransferStep } from "../web/types.ts";
import { topicsOf } from "./desk.ts";
import type { RoomFeed } from "./feed.ts";

export interface RoomActionsDeps {
  commands: OperatorCommands;
  callbacks: { makeNow(id: string, operator: string): string };
  live: LiveCalls;
  transfers: Transfers;
  dispositions: Dispositions;
  monitor: MonitorService;
  feed: RoomFeed;
  db: Knex;
  config: () => HotlineConfig;
  readRecording: (name: string) => Promise<Buffer>;
  now: () => Date;
}

const SOURCE: CommandSource = "web";
const refused = (status: number, why: string): ActionResult => ({ ok: false, status, why });

/** What the console's buttons do, carried out by the same services as the desk phone and the CLI. */
export class RoomActions implements ConsoleActions {
  constructor(private readonly deps: RoomActionsDeps) {}

  operatorState(operator: string, action: DeskAction, reason?: PauseReason): ActionResult {
    const { commands } = this.deps;
    let outcome: Outcome;
    try {
      outcome =
        action === "pause" ? commands.pause(operator, reason ?? "other", SOURCE) : commands[action](operator, SOURCE);
    } catch (err) {
      return refused(409, (err as Error).message);
    }
    return { ok: true, detail: { outcome } };
  }

  directory(query: string): unknown[] {
    const config = this.deps.config();
    const found = new Set(searchDirectory(config.directory, query).map(([key]) => key));
    return this.deps.transfers.directory().filter((d) => found.has(d.key));
  }

  async transfer(operator: string, to: string, kind: "blind" | "attended"): Promise<ActionResult> {
    const call = this.deps.live.ofOperator(operator);
    if (!call) return refused(409, "you are not on a call");
    return this.transferring(async () => ({
      ok: true,
      detail: await this.deps.transfers.transfer(call.callId, { to, kind }),
    }));
  }

  async transferStep(operator: string, step: TransferStep): Promise<ActionResult> {
    const call = this.deps.live.ofOperator(operator);
    if (!call) return refused(409, "you are not on a call");
    const { transfers } = this.deps;
    return this.transferring(async () => {
      if (step === "swap") return { ok: true, detail: { talkingTo: await transfers.swap(call.callId) } };
      await (step === "complete" ? transfers.complete(call.callId) : transfers.cancel(call.callId));
      return { ok: true };
    });
  }

  private async transferring(run: () => Promise<ActionResult>): Promise<ActionResult> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof TransferError) return refused(err.status, err.message);
      throw err;
    }
  }

  async dispose(operator: string, callId: string, code: string, notes: string | undefined): Promise<ActionResult> {
    // An operator gives the outcome of their own calls only.
    const live = this.deps.live.ofCall(callId);
    const row = this.deps.feed.callRow(callId);
    const theirs = live ? live.operator === operator : row?.answered_by === operator;
    if (!theirs) return refused(403, "not your call");
    const outcome = await this.deps.dispositions.disposeCall(callId, code, notes);
    return outcome.ok ? { ok: true, detail: outcome } : refused(400, outcome.reason);
  }

  async worklist(operator: string): Promise<unknown[]> {
    return worklist(this.deps.db, { topics: topicsOf(this.deps.config(), operator) });
  }

  makeCallbackNow(operator: string, id: string): ActionResult {
    const result = this.deps.callbacks.makeNow(id, operator);
    if (result === "started") return { ok: true };
    const why: Record<string, [number, string]> = {
      unknown: [404, "no such callback in line"],
      busy: [409, "that callback is being made now"],
      "operator-not-free": [409, `${operator} is not free now`],
      off: [409, "callbacks are off (no callbacks: section)"],
    };
    const [status, text] = why[result] ?? [500, result];
    return refused(status, text);
  }

  async voicemailDone(operator: string, id: string): Promise<ActionResult> {
    const row = await this.voicemail(id);
    if (!row || !this.mayHear(operator, row.topic)) return refused(404, "no such voicemail for you");
    await this.deps
      .db("voicemails")
      .where({ id })
      .whereNull("heard_at")
      .update({ heard_at: this.deps.now().toISOString() });
    this.deps.feed.changed();
    return { ok: true };
  }

  async voicemailAudio(user: ConsoleUser, id: string): Promise<Buffer | undefined> {
    const row = await this.voicemail(id);
    if (!row) return undefined;
    if (user.role !== "supervisor" && !this.mayHear(user.operator ?? user.name, row.topic)) return undefined;
    return this.deps.readRecording(row.recording);
  }

  async override(
    hotline: string,
    change: { state: "open" | "closed"; until?: Date; reason?: string } | null,
  ): Promise<ActionResult> {
    const store = new OverrideStore(this.deps.config().state.dir);
    const target = hotline === "*" ? undefined : hotline;
    if (change) await store.set(target, change, this.deps.now());
    else await store.clear(target, this.deps.now());
    await this.deps.feed.refreshOverrides();
    return { ok: true };
  }

  async monitor(user: ConsoleUser, operator: string, mode: MonitorMode): Promise<ActionResult> {
    const config = this.deps.config();
    const supervisor = user.supervisor ? config.supervisors[user.supervisor] : undefined;
    if (!supervisor) return refused(409, "your user names no supervisor with a desk phone (users.<you>.supervisor)");
    if (!this.deps.live.ofOperator(operator)) return refused(409, `${operator} is not on a call`);
    // The supervisor's phone rings now; the session starts when it is answered.
    void this.deps.monitor.monitor(operator, { mode, to: supervisor.endpoint }).catch(() => undefined);
    return { ok: true, detail: { ringing: supervisor.endpoint } };
  }

  /** In the page's language (the report speaks English and Spanish). */
  async report(language: string): Promise<string> {
    const config = this.deps.config();
    const week = lastCompleteWeek(this.deps.now(), config.organization.timezone);
    const data = await loadWeek(this.deps.db, week);
    const lang = language === "es" ? "es" : "en";
    return renderHtml(buildReport(data, settingsFromConfig(config), config.organization.name, this.deps.now(), lang));
  }

  async exportCalls(format: "csv" | "xlsx", range: { from: Date; to: Date }): Promise<Buffer> {
    const calls = await readCalls(this.deps.db, range);
    const zone = this.deps.config().organization.timezone;
    return format === "csv" ? Buffer.from(callsCsv(calls, zone)) : callsXlsx(calls, zone);
  }

  private mayHear(operator: string, topic: string | null): boolean {
    return topic === null || topicsOf(this.deps.config(), operator).includes(topic);
  }

  private async voicemail(id: string): Promise<{ recording: string; topic: string | null } | undefined> {
    return (await this.deps.db("voicemails").where({ id }).first("recording", "topic")) as
      | { recording: string; topic: string | null }
      | undefined;
  }
}
