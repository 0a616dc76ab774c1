/**
 * Strengths and weaknesses of the week in plain words, each with its evidence: thresholds from the
 * configuration and week-over-week change. Pure and deterministic — the same analysis always gives
 * the same list in the same order (weaknesses, then notes, then strengths; rule order within each).
 */
import type { WeeklyAnalysis } from "./analyze.ts";
import { count, duration, hours, localInstant, money, pct, points, relative } from "./format.ts";
import { type Messages, messages, type ReportLanguage } from "./messages.ts";
import type { HourServiceLevel } from "./metrics/hourly.ts";
import { WEEKDAY_NAMES } from "./metrics/volume.ts";
import { planningFindings } from "./planning-findings.ts";

export type FindingKind = "weakness" | "note" | "strength";

export interface Finding {
  kind: FindingKind;
  /** The metric it is about (a key of the analysis). */
  metric: string;
  text: string;
  evidence: string;
}

/** Below these counts a share says more about chance than about the hotline. */
const MIN_CALLS = 20;
const MIN_SURVEY = 10;
const AFTER_HOURS_SHARE = 0.25;
const OVERFLOW_SHARE = 0.1;
const REPEAT_SHARE = 0.15;
const DROPOFF_RATE = 0.1;
const TRUNK_USAGE = 0.8;
const VOLUME_CHANGE = 0.2;
const LOW_OCCUPANCY = 0.5;
/** A topic whose answered calls go on to a specialist this often needs that specialist, or training. */
const TRANSFER_SHARE = 0.25;
const MIN_TOPIC_CALLS = 10;
/** An hour of the day is a dip when it has this many answered calls and its service level is this far below the week's. */
const MIN_HOUR_ANSWERED = 20;
const HOUR_DIP = 0.1;
/** At most this many dipping hours are named, the worst first. */
const MAX_HOUR_DIPS = 3;

/**
 * Hours of the day (all days together) whose service level is clearly below the week's: enough answered
 * calls to mean something, at least HOUR_DIP below the week and below the target. Worst first.
 */
export function serviceLevelDips(
  hoursOfDay: readonly HourServiceLevel[],
  week: number | null,
  target: number,
): HourServiceLevel[] {
  if (week === null) return [];
  return hoursOfDay
    .filter(
      (h) =>
        h.serviceLevel !== null &&
        h.answered >= MIN_HOUR_ANSWERED &&
        h.serviceLevel < target &&
        h.serviceLevel <= week - HOUR_DIP,
    )
    .sort((x, y) => (x.serviceLevel ?? 0) - (y.serviceLevel ?? 0) || x.hour - y.hour)
    .slice(0, MAX_HOUR_DIPS);
}

const hh = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00`;

/** An English weekday name of the analysis in the report's language. */
export function weekdayIn(m: Messages, name: string): string {
  const i = (WEEKDAY_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? name : (m.weekdays[i] as string);
}

export function findings(a: WeeklyAnalysis, language: ReportLanguage = "en"): Finding[] {
  const m = messages(language);
  const f = m.findings;
  const n = (x: number) => count(x, m.locale);
  const out: Finding[] = [];
  const add = (kind: FindingKind, metric: string, text: string, evidence: string) =>
    out.push({ kind, metric, text, evidence });
  const s = a.summary;
  const t = a.targets;
  const prev = a.previous;
  const zone = a.week.timezone;

  // Service level, with where and why it fell short.
  if (s.serviceLevel !== null && s.answered >= 1) {
    const evidence =
      f.serviceLevelEvidence(n(s.answeredWithinTarget), n(s.answered), String(t.serviceLevelSeconds)) +
      (prev?.serviceLevel != null ? f.serviceLevelLastWeek(pct(prev.serviceLevel)) : "") +
      f.serviceLevelWithAbandons(String(t.serviceLevelSeconds), pct(s.serviceLevelWithAbandons));
    if (s.serviceLevel < t.serviceLevelTarget) {
      const fell = prev?.serviceLevel != null && prev.serviceLevel > s.serviceLevel;
      const g = a.serviceGap;
      const gap = g
        ? f.serviceGap(weekdayIn(m, g.weekday), String(g.fromHour), String(g.toHour), pct(g.serviceLevel)) +
          (g.rostered.length > 0
            ? f.serviceGapBreak(String(g.onBreak.length), String(g.rostered.length))
            : f.serviceGapNobody)
        : "";
      const text = (fell ? f.serviceLevelFell : f.serviceLevelLow)(pct(s.serviceLevel), pct(t.serviceLevelTarget));
      add("weakness", "serviceLevel", `${text}${gap}`, evidence);
    } else {
      add("strength", "serviceLevel", f.serviceLevelMet(pct(s.serviceLevel), pct(t.serviceLevelTarget)), evidence);
    }
  }

  // An hour of the day that falls clearly below the rest of the week, even when the week meets its target.
  for (const h of serviceLevelDips(a.serviceLevelByHour, s.serviceLevel, t.serviceLevelTarget)) {
    add(
      "weakness",
      "serviceLevelByHour",
      f.hourDip(pct(h.serviceLevel), hh(h.hour), hh(h.hour + 1), pct(s.serviceLevel)),
      f.hourDipEvidence(
        n(h.answeredWithinTarget),
        n(h.answered),
        String(t.serviceLevelSeconds),
        pct(t.serviceLevelTarget),
      ),
    );
  }

  // Abandoned calls.
  if (s.abandonRate !== null && s.offered >= 1) {
    const evidence = f.abandonEvidence(
      n(s.abandoned),
      n(s.offered - s.shortAbandons),
      String(t.shortAbandonSeconds),
      n(s.shortAbandons),
      duration(s.longestWait),
    );
    const rate = pct(s.abandonRate, 1);
    if (s.abandonRate > t.abandonRateTarget) {
      add("weakness", "abandonRate", f.abandonHigh(rate, pct(t.abandonRateTarget)), evidence);
    } else {
      add("strength", "abandonRate", f.abandonLow(rate, pct(t.abandonRateTarget)), evidence);
    }
  }

  // Average speed of answer getting much worse.
  const asa = a.change.asa;
  if (
    asa.current !== null &&
    asa.previous !== null &&
    asa.delta !== null &&
    asa.delta >= 10 &&
    (asa.relative ?? 0) >= 0.5
  ) {
    add(
      "weakness",
      "asa",
      f.asaUp(duration(asa.current), duration(asa.previous)),
      f.asaEvidence(relative(asa.relative), duration(s.longestWait)),
    );
  }

  // Callers still waiting when the hotline closed.
  if (a.waitingAtClosing.calls > 0) {
    const where = a.waitingAtClosing.byHotline.map((h) => `${h.hotline} ${h.calls}`).join(", ");
    add(
      "weakness",
      "waitingAtClosing",
      f.waitingAtClosing(n(a.waitingAtClosing.calls)),
      f.waitingAtClosingEvidence(where, duration(a.waitingAtClosing.longestWait)),
    );
  }

  // Overflow.
  if (a.overflow.share !== null && a.overflow.share > OVERFLOW_SHARE && s.offered >= MIN_CALLS) {
    add(
      "weakness",
      "overflow",
      f.overflow(pct(a.overflow.share), n(a.overflow.toOutside)),
      a.overflow.byTarget.map((o) => `${o.target}: ${o.calls}`).join(", "),
    );
  }

  // Operators: occupancy and adherence.
  for (const o of a.operators) {
    if (o.occupancy !== null && o.occupancy > t.occupancyTarget) {
      add(
        "weakness",
        "occupancy",
        f.occupancyHigh(o.name, pct(o.occupancy), pct(t.occupancyTarget)),
        f.occupancyEvidence(n(o.callsAnswered), hours(o.handleSeconds), hours(o.loggedInSeconds - o.pausedSeconds)),
      );
    }
    if (o.adherence !== null && o.plannedSeconds > 0 && o.adherence < t.adherenceTarget) {
      add(
        "weakness",
        "adherence",
        f.adherenceLow(o.name, pct(o.adherence), pct(t.adherenceTarget)),
        f.adherenceEvidence(hours(o.plannedSeconds), hours(o.adheringSeconds)),
      );
    }
  }
  const team = a.operators.filter((o) => o.occupancy !== null);
  const teamHandle = team.reduce((x, o) => x + o.handleSeconds, 0);
  const teamAvailable = team.reduce((x, o) => x + o.loggedInSeconds - o.pausedSeconds, 0);
  if (teamAvailable > 0 && teamHandle / teamAvailable < LOW_OCCUPANCY && s.offered >= MIN_CALLS) {
    add(
      "note",
      "occupancy",
      f.occupancyLow(pct(teamHandle / teamAvailable)),
      f.occupancyLowEvidence(hours(teamHandle), hours(teamAvailable)),
    );
  }

  // After-hours demand, per campaign: which opening hours to extend.
  for (const c of a.byCampaign) {
    if (c.received < MIN_CALLS || c.afterHoursShare === null || c.afterHoursShare < AFTER_HOURS_SHARE) continue;
    const day = c.afterHoursByDay.indexOf(Math.max(...c.afterHoursByDay));
    const hour = c.afterHoursByHour.indexOf(Math.max(...c.afterHoursByHour));
    const name = c.campaign === "main" ? f.mainNumber : f.campaign(c.campaign);
    add(
      "weakness",
      "afterHours",
      f.afterHours(pct(c.afterHoursShare), name, m.weekdays[day] ?? ""),
      f.afterHoursEvidence(
        n(c.afterHours),
        n(c.received),
        String(hour),
        String(hour + 1),
        c.afterHoursByDay
          .map((x, i) => (x > 0 ? `${m.weekdays[i]?.slice(0, 3)} ${x}` : ""))
          .filter(Boolean)
          .join(", "),
      ),
    );
  }

  // Topics that often need someone from the directory.
  for (const x of a.transfers.byTopic) {
    const share = x.answered > 0 ? x.mostlyToCalls / x.answered : 0;
    if (share < TRANSFER_SHARE || x.answered < MIN_TOPIC_CALLS || !x.mostlyTo) continue;
    add(
      "note",
      "transfers",
      f.transfers(pct(share), x.topic, x.mostlyTo),
      f.transfersEvidence(n(x.mostlyToCalls), n(x.answered), x.topic, n(x.transferred)),
    );
  }

  // Repeat callers.
  if (
    a.repeatCallers.share !== null &&
    a.repeatCallers.share > REPEAT_SHARE &&
    a.repeatCallers.identifiedCalls >= MIN_CALLS
  ) {
    add(
      "weakness",
      "repeatCallers",
      f.repeatCallers(pct(a.repeatCallers.share)),
      f.repeatCallersEvidence(
        n(a.repeatCallers.repeatCalls),
        n(a.repeatCallers.repeatCallers),
        n(a.repeatCallers.identifiedCalls),
      ),
    );
  }

  // Menu drop-off (a hang-up after a prepared answer may be a satisfied caller: not a weakness).
  for (const d of a.menuDropoff) {
    if (d.step === "prepared-answer" || d.step === "queue" || d.rate === null || d.reached < MIN_CALLS) continue;
    if (d.rate >= DROPOFF_RATE) {
      add(
        "weakness",
        "menuDropoff",
        (d.step === "menu" ? f.dropoffMenu : f.dropoffGreeting)(pct(d.rate)),
        f.dropoffEvidence(n(d.hungUp), n(d.reached)),
      );
    }
  }

  // Trunks: refused calls and peaks near the limit.
  for (const tr of a.byTrunk) {
    if (tr.refusedBusy > 0) {
      add(
        "weakness",
        "byTrunk",
        f.refusedBusy(n(tr.refusedBusy), tr.trunk, tr.channels === null ? "?" : String(tr.channels)),
        f.refusedBusyEvidence,
      );
    }
  }
  for (const p of a.concurrency) {
    if (p.usage !== null && p.usage >= TRUNK_USAGE) {
      add(
        "weakness",
        "concurrency",
        f.trunkPeak(p.trunk, String(p.peak), String(p.channels)),
        f.trunkPeakEvidence(pct(p.usage), p.at ? localInstant(p.at, zone, m) : "–"),
      );
    }
  }

  // Week-over-week volume.
  const rec = a.change.received;
  if (rec.relative !== null && (rec.previous ?? 0) >= MIN_CALLS && Math.abs(rec.relative) >= VOLUME_CHANGE) {
    const by = relative(Math.abs(rec.relative)).replace("+", "");
    add(
      "note",
      "received",
      (rec.relative > 0 ? f.volumeRose : f.volumeFell)(by),
      f.volumeEvidence(n(rec.current ?? 0), n(rec.previous ?? 0), points(a.change.serviceLevel.delta, m)),
    );
  }

  // The most expensive campaign per answered call.
  const costly = [...a.byCampaign]
    .filter((c) => c.costPerAnsweredCall !== null && c.answered >= MIN_CALLS / 2)
    .sort(
      (x, y) => (y.costPerAnsweredCall ?? 0) - (x.costPerAnsweredCall ?? 0) || x.campaign.localeCompare(y.campaign),
    );
  if (costly.length > 1 && costly[0]) {
    const c = costly[0];
    const name = c.campaign === "main" ? f.mainNumber : f.campaign(c.campaign);
    add(
      "note",
      "byCampaign",
      f.costliest(name.charAt(0).toUpperCase() + name.slice(1), money(c.costPerAnsweredCall, a.currency)),
      f.costliestEvidence(money(c.cost, a.currency), n(c.answered)),
    );
  }

  // Survey.
  if (a.survey.mean !== null && a.survey.responses >= MIN_SURVEY) {
    const evidence = f.surveyEvidence(
      n(a.survey.responses),
      pct(a.survey.responseRate),
      a.survey.distribution.join(" / "),
    );
    const mean = a.survey.mean.toFixed(1);
    if (a.survey.mean >= 4) add("strength", "survey", f.surveyGood(mean), evidence);
    else if (a.survey.mean < 3) add("weakness", "survey", f.surveyBad(mean), evidence);
  }

  // Trunks with room to spare.
  for (const p of a.concurrency) {
    if (p.usage !== null && p.peak > 0 && p.usage < 0.5) {
      add(
        "strength",
        "concurrency",
        f.trunkRoom(p.trunk, String(p.peak), String(p.channels)),
        f.trunkRoomEvidence(pct(p.usage)),
      );
    }
  }

  // Operators needed against planned, contracts and channels (src/planning).
  out.push(...planningFindings(a, language));

  const order: Record<FindingKind, number> = { weakness: 0, note: 1, strength: 2 };
  return out
    .map((f, i) => ({ f, i }))
    .sort((x, y) => order[x.f.kind] - order[y.f.kind] || x.i - y.i)
    .map((x) => x.f);
}
