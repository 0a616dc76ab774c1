import type { PauseReason } from "../acd/types.ts";
import type { UserRole } from "../config/schema-web.ts";
import type { MonitorMode } from "../records/room-records.ts";

/** Who is signed in, as the configuration's `users:` says. */
export interface ConsoleUser {
  name: string;
  role: UserRole;
  /** The operator this user is (role operator). */
  operator?: string;
  /** The supervisor this user is (role supervisor), for monitoring from their desk phone. */
  supervisor?: string;
  language?: string;
}

/** What the pages show, pushed to them whenever the room changes (the console only serves it). */
export interface RoomViews {
  desk(operator: string, language: string): Promise<unknown>;
  wallboard(language: string): Promise<unknown>;
  /** Told when anything the views show may have changed; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** The outcome of an action as the pages show it. */
export type ActionResult = { ok: true; detail?: unknown } | { ok: false; status: number; why: string };

export type DeskAction = "login" | "logout" | "pause" | "resume";
export type TransferStep = "complete" | "swap" | "cancel";
export type { MonitorMode } from "../records/room-records.ts";

/** Everything the console can do, carried out by the app's services (src/room/actions.ts). */
export interface ConsoleActions {
  operatorState(operator: string, action: DeskAction, reason?: PauseReason): ActionResult;
  directory(query: string, language: string): unknown[];
  transfer(operator: string, to: string, kind: "blind" | "attended"): Promise<ActionResult>;
  transferStep(operator: string, step: TransferStep): Promise<ActionResult>;
  dispose(operator: string, callId: string, code: string, notes: string | undefined): Promise<ActionResult>;
  worklist(operator: string): Promise<unknown[]>;
  /** Make a callback in line now, with this operator (their own choice, or a supervisor's). */
  makeCallbackNow(operator: string, id: string): ActionResult;
  /** A voicemail heard and dealt with: it leaves the worklists. */
  voicemailDone(operator: string, id: string): Promise<ActionResult>;
  /** The voicemail's audio (WAV), when this user may hear it (an operator: their topics' messages). */
  voicemailAudio(user: ConsoleUser, id: string): Promise<Buffer | undefined>;
  override(
    hotline: string,
    change: { state: "open" | "closed"; until?: Date; reason?: string } | null,
  ): Promise<ActionResult>;
  monitor(user: ConsoleUser, operator: string, mode: MonitorMode): Promise<ActionResult>;
  /** The latest weekly report as HTML, made now from the records. */
  report(language: string): Promise<string>;
  /** Today's calls (or a range) as CSV or xlsx. */
  exportCalls(format: "csv" | "xlsx", range: { from: Date; to: Date }): Promise<Buffer>;
}
