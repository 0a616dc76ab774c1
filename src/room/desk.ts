/**
 * One operator's desk as one plain value: their state and roster today, the caller card of the call
 * ringing or in progress, and the topic's guidance rendered from Markdown. Pure; instants are ISO
 * 8601 strings. The caller's history, callbacks and messages come from records/read-room.ts.
 */
import type { OperatorStateName, OperatorStatus, PauseReason, PendingChange } from "../acd/types.ts";
import type { HotlineConfig } from "../config/schema.ts";
import { showText } from "../records/neutralise.ts";
import type { Row } from "../records/ops.ts";
import { addDays, localDate, localInstant, weekdayOf } from "../schedule/local-day.ts";
import { dayPlan, plannedSegments, shiftsOn } from "../schedule/roster.ts";
import { formatRange } from "../schedule/syntax.ts";
import { escapeHtml, renderMarkdown } from "./markdown.ts";

export interface DeskInput {
  config: HotlineConfig;
  now: Date;
  operator: string;
  status: OperatorStatus | undefined;
  /** The mirrored calls row (TodayCalls.row) of the call ringing or in progress. */
  callRow: Readonly<Row> | undefined;
  /** The page's language, for topic names; default the operator's first language. */
  language?: string;
}

export interface RosterToday {
  /** Shifts beginning today, "HH:MM-HH:MM" (a night shift ends "…+1"). */
  shiftsToday: string[];
  /** Lunch as the shifts today cover it. */
  lunch?: string;
  breaks: string[];
  /** The lunch or break in progress or next, within a day from now. */
  nextBreak?: { from: string; to: string; kind: "lunch" | "break" };
}

export interface DeskMe {
  operator: string;
  name: string;
  state: OperatorStateName;
  since: string | null;
  reason: PauseReason | null;
  pending: PendingChange | null;
  callsToday: number;
  roster: RosterToday;
}

export interface CallerCard {
  callId: string;
  /** Caller ID as received, made harmless to show (control and bidi characters escaped). */
  number: string | null;
  name: string | null;
  language: string | null;
  topic: string | null;
  topicName: string | null;
  menuPath: string | null;
  campaign: string | null;
  hotline: string | null;
  /** Queue entry → the operator's pick-up, or → now while ringing. */
  waitedSeconds: number | null;
  /** Since when the operator has had the call: picked up, else ringing since. */
  since: string | null;
  startedAt: string | null;
}

export interface DeskView {
  me: DeskMe;
  call: CallerCard | null;
  /** The topic's guidance, placeholders filled in, as safe HTML. */
  guidance: { topic: string; language: string; html: string } | null;
}

export function deskView(input: DeskInput): DeskView {
  const { config, now, operator, status } = input;
  const settings = config.operators[operator];
  const languages = settings?.languages ?? [];
  const pageLanguage = input.language ?? languages[0] ?? config.organization.defaultLanguage;
  const call = callerCard(input, pageLanguage);
  const name = settings?.name ?? operator;
  return {
    me: {
      operator,
      name,
      state: status?.state ?? "logged-out",
      since: status?.since.toISOString() ?? null,
      reason: status?.reason ?? null,
      pending: status?.pending ?? null,
      callsToday: status?.callsToday ?? 0,
      roster: rosterToday(config, operator, now),
    },
    call,
    guidance: call?.topic ? guidanceFor(config, call.topic, [call.language, ...languages], { operator: name }) : null,
  };
}

function callerCard(input: DeskInput, pageLanguage: string): CallerCard | null {
  const { config, now, status } = input;
  const row = input.callRow;
  const current = status?.call;
  if (!row && !current) return null;
  const text = (key: string) => (row?.[key] === null || row?.[key] === undefined ? null : String(row[key]));
  const time = (key: string) => {
    const v = text(key);
    const ms = v === null ? Number.NaN : Date.parse(v);
    return Number.isFinite(ms) ? ms : null;
  };
  const topic = text("topic");
  const names = topic ? config.topics[topic]?.name : undefined;
  const entered = time("queue_entered_at");
  const picked = time("operator_answered_at");
  const ringing = status?.call ? status.since.getTime() : null;
  const since = picked ?? ringing;
  return {
    callId: text("id") ?? (current?.callId as string),
    number: nullable(text("caller_number"), showText),
    name: nullable(text("caller_name"), showText),
    language: text("language"),
    topic,
    topicName: names ? (names[pageLanguage] ?? Object.values(names)[0] ?? topic) : topic,
    menuPath: text("menu_path"),
    campaign: text("campaign"),
    hotline: text("hotline") ?? current?.hotline ?? null,
    waitedSeconds: entered === null ? null : Math.max(0, Math.floor(((picked ?? now.getTime()) - entered) / 1000)),
    since: since === null ? null : new Date(since).toISOString(),
    startedAt: nullable(time("started_at"), (ms) => new Date(ms).toISOString()),
  };
}

function nullable<T, U>(v: T | null, f: (v: T) => U): U | null {
  return v === null ? null : f(v);
}

/**
 * A topic's guidance (topics.<t>.guidance: language → Markdown) in the first of `languages` it has,
 * else its first; {organization} and {operator} filled in. null when the topic has none.
 */
export function guidanceFor(
  config: Pick<HotlineConfig, "organization" | "topics">,
  topic: string,
  languages: readonly (string | null | undefined)[],
  names: { operator: string },
): DeskView["guidance"] {
  const texts = config.topics[topic]?.guidance;
  if (!texts) return null;
  const language = languages.find((l): l is string => typeof l === "string" && texts[l] !== undefined);
  const chosen = language ?? Object.keys(texts)[0];
  if (chosen === undefined) return null;
  // Rendered first, filled in after: a name can never be read as Markdown, and arrives escaped.
  const html = renderMarkdown(texts[chosen] as string)
    .replaceAll("{organization}", escapeHtml(config.organization.name))
    .replaceAll("{operator}", escapeHtml(names.operator));
  return { topic, language: chosen, html };
}

/** The operator's roster today in the organization's zone; empty for an operator without one. */
export function rosterToday(
  config: Pick<HotlineConfig, "organization" | "operators">,
  operator: string,
  now: Date,
): RosterToday {
  const roster = config.operators[operator]?.roster;
  if (!roster) return { shiftsToday: [], breaks: [] };
  const zone = config.organization.timezone;
  const weekday = weekdayOf(localDate(now.getTime(), zone));
  const plan = dayPlan(roster, weekday);
  const lunch = plan.find((s) => s.state === "lunch");
  const t = now.getTime();
  const next = plannedSegments(roster, {
    start: localInstant(localDate(t, zone), 0, zone),
    end: localInstant(addDays(localDate(t, zone), 2), 0, zone),
    timezone: zone,
  }).find((s) => s.state !== "on-shift" && s.end > t && s.start < t + 24 * 3_600_000);
  return {
    shiftsToday: shiftsOn(roster, weekday).map(formatRange),
    ...(lunch ? { lunch: formatRange(lunch) } : {}),
    breaks: plan.filter((s) => s.state === "break").map(formatRange),
    ...(next && next.state !== "on-shift"
      ? {
          nextBreak: {
            from: new Date(next.start).toISOString(),
            to: new Date(next.end).toISOString(),
            kind: next.state,
          },
        }
      : {}),
  };
}

/** The topics an operator can take (they have the competence): their worklist's topics. */
export function topicsOf(config: Pick<HotlineConfig, "operators" | "topics">, operator: string): string[] {
  const competences = config.operators[operator]?.competences ?? {};
  return Object.entries(config.topics)
    .filter(([, t]) => (competences[t.competence] ?? 0) >= 1)
    .map(([name]) => name);
}
