/** How numbers read in the report's text (findings, HTML, Markdown). JSON keeps the raw numbers. */
import { DateTime } from "luxon";
import type { Messages } from "./messages.ts";

export function pct(value: number | null, decimals = 0): string {
  if (value === null) return "–";
  return `${(value * 100).toFixed(decimals)} %`;
}

/** Seconds as "45 s", "2 min 05 s", "1 h 12 min". */
export function duration(totalSeconds: number | null): string {
  if (totalSeconds === null) return "–";
  const s = Math.round(totalSeconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

export function hours(totalSeconds: number): string {
  return `${(totalSeconds / 3600).toFixed(1)} h`;
}

export function count(n: number, locale = "en-GB"): string {
  return n.toLocaleString(locale);
}

export function money(value: number | null, currency: string): string {
  if (value === null) return "–";
  return `${value.toFixed(2)} ${currency}`;
}

export function num(value: number | null, decimals = 1): string {
  return value === null ? "–" : value.toFixed(decimals);
}

/** Signed change in percentage points: "+4 pts" ("+4 p. p." in Spanish). */
export function points(delta: number | null, m?: Messages): string {
  if (delta === null) return "–";
  const p = Math.round(delta * 100);
  return `${p > 0 ? "+" : ""}${p} ${m?.tables.points ?? "pts"}`;
}

/** An ISO instant as the hotline's wall-clock time: "Tue 2026-11-17 10:42" (weekday in the report's language). */
export function localInstant(iso: string, zone: string, m: Messages): string {
  const t = DateTime.fromISO(iso, { zone: "utc" }).setZone(zone);
  if (!t.isValid) return iso;
  return `${(m.weekdays[t.weekday - 1] ?? "").slice(0, 3)} ${t.toFormat("yyyy-MM-dd HH:mm")}`;
}

/** Signed relative change: "+12 %". */
export function relative(value: number | null): string {
  if (value === null) return "–";
  const p = Math.round(value * 100);
  return `${p > 0 ? "+" : ""}${p} %`;
}
