/**
 * Strengths and weaknesses of the week in plain words, each with its evidence: thresholds from the
 * configuration and week-over-week change. Pure and deterministic — the same analysis always gives
 * the same list in the same order (weaknesses, then notes, then strengths; rule order within each).
 */
import type { WeeklyAnalysis } from "./analyze.ts";
import { count, duration, hours, money, pct, points, relative } from "./format.ts";
import { WEEKDAY_NAMES } from "./metrics/volume.ts";

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

export function findings(a: WeeklyAnalysis): Finding[] {
  const out: Finding[] = [];
  const add = (kind: FindingKind, metric: string, text: string, evidence: string) =>
    out.push({ kind, metric, text, evidence });
  const s = a.summary;
  const t = a.targets;
  const prev = a.previous;

  // Service level, with where and why it fell short.
  if (s.serviceLevel !== null && s.answered >= 1) {
    const evidence = `${count(s.answeredWithinTarget)} of ${count(s.answered)} answered calls within ${t.serviceLevelSeconds} s${
      prev?.serviceLevel != null ? `; last week ${pct(prev.serviceLevel)}` : ""
    }; counting abandons after ${t.serviceLevelSeconds} s: ${pct(s.serviceLevelWithAbandons)}`;
    if (s.serviceLevel < t.serviceLevelTarget) {
      const verb = prev?.serviceLevel != null && prev.serviceLevel > s.serviceLevel ? "fell to" : "was";
      const g = a.serviceGap;
      const gap = g
        ? `; the gap is ${g.weekday} ${g.fromHour}–${g.toHour} (${pct(g.serviceLevel)})${
            g.rostered.length > 0
              ? `, when ${g.onBreak.length} of ${g.rostered.length} operators ${g.onBreak.length === 1 ? "was" : "were"} on break`
              : ", when no operator was rostered"
          }`
        : "";
      add(
        "weakness",
        "serviceLevel",
        `Service level ${verb} ${pct(s.serviceLevel)} (target ${pct(t.serviceLevelTarget)})${gap}`,
        evidence,
      );
    } else {
      add(
        "strength",
        "serviceLevel",
        `Service level ${pct(s.serviceLevel)} met the target of ${pct(t.serviceLevelTarget)}`,
        evidence,
      );
    }
  }

  // Abandoned calls.
  if (s.abandonRate !== null && s.offered >= 1) {
    const evidence = `${count(s.abandoned)} of ${count(s.offered - s.shortAbandons)} queued callers hung up after ${t.shortAbandonSeconds} s or more; ${count(s.shortAbandons)} more within ${t.shortAbandonSeconds} s (not counted); longest wait ${duration(s.longestWait)}`;
    if (s.abandonRate > t.abandonRateTarget) {
      add(
        "weakness",
        "abandonRate",
        `${pct(s.abandonRate, 1)} of callers abandoned the queue (target at most ${pct(t.abandonRateTarget)})`,
        evidence,
      );
    } else {
      add(
        "strength",
        "abandonRate",
        `Only ${pct(s.abandonRate, 1)} of callers abandoned the queue (target at most ${pct(t.abandonRateTarget)})`,
        evidence,
      );
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
      `Callers waited longer for an operator: ${duration(asa.current)} on average, up from ${duration(asa.previous)}`,
      `average speed of answer ${relative(asa.relative)} week over week; longest wait ${duration(s.longestWait)}`,
    );
  }

  // Callers still waiting when the hotline closed.
  if (a.waitingAtClosing.calls > 0) {
    const where = a.waitingAtClosing.byHotline.map((h) => `${h.hotline} ${h.calls}`).join(", ");
    add(
      "weakness",
      "waitingAtClosing",
      `${count(a.waitingAtClosing.calls)} caller${a.waitingAtClosing.calls === 1 ? " was" : "s were"} still waiting when the hotline closed`,
      `by hotline: ${where}; the longest had waited ${duration(a.waitingAtClosing.longestWait)}`,
    );
  }

  // Overflow.
  if (a.overflow.share !== null && a.overflow.share > OVERFLOW_SHARE && s.offered >= MIN_CALLS) {
    add(
      "weakness",
      "overflow",
      `${pct(a.overflow.share)} of queued calls overflowed (${count(a.overflow.toOutside)} to the outside centre)`,
      a.overflow.byTarget.map((o) => `${o.target}: ${o.calls}`).join(", "),
    );
  }

  // Operators: occupancy and adherence.
  for (const o of a.operators) {
    if (o.occupancy !== null && o.occupancy > t.occupancyTarget) {
      add(
        "weakness",
        "occupancy",
        `${o.name}'s occupancy was ${pct(o.occupancy)} (target at most ${pct(t.occupancyTarget)}): too little time between calls`,
        `${count(o.callsAnswered)} calls, ${hours(o.handleSeconds)} of talk and wrap-up in ${hours(o.loggedInSeconds - o.pausedSeconds)} available`,
      );
    }
    if (o.adherence !== null && o.plannedSeconds > 0 && o.adherence < t.adherenceTarget) {
      add(
        "weakness",
        "adherence",
        `${o.name} kept to the roster ${pct(o.adherence)} of planned time (target ${pct(t.adherenceTarget)})`,
        `planned ${hours(o.plannedSeconds)}, logged in and not paused during ${hours(o.adheringSeconds)} of it`,
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
      `Operators spent ${pct(teamHandle / teamAvailable)} of their available time on calls`,
      `${hours(teamHandle)} of talk and wrap-up in ${hours(teamAvailable)} logged in and not paused`,
    );
  }

  // After-hours demand, per campaign: which opening hours to extend.
  for (const c of a.byCampaign) {
    if (c.received < MIN_CALLS || c.afterHoursShare === null || c.afterHoursShare < AFTER_HOURS_SHARE) continue;
    const day = c.afterHoursByDay.indexOf(Math.max(...c.afterHoursByDay));
    const hour = c.afterHoursByHour.indexOf(Math.max(...c.afterHoursByHour));
    const name = c.campaign === "main" ? "the main number" : `the ${c.campaign} campaign`;
    add(
      "weakness",
      "afterHours",
      `${pct(c.afterHoursShare)} of calls from ${name} arrived after hours: consider extending ${WEEKDAY_NAMES[day]} hours`,
      `${count(c.afterHours)} of ${count(c.received)} calls, most at ${hour}–${hour + 1} h; by day: ${c.afterHoursByDay
        .map((n, i) => (n > 0 ? `${WEEKDAY_NAMES[i]?.slice(0, 3)} ${n}` : ""))
        .filter(Boolean)
        .join(", ")}`,
    );
  }

  // Topics that often need someone from the directory.
  for (const t of a.transfers.byTopic) {
    const share = t.answered > 0 ? t.mostlyToCalls / t.answered : 0;
    if (share < TRANSFER_SHARE || t.answered < MIN_TOPIC_CALLS || !t.mostlyTo) continue;
    add(
      "note",
      "transfers",
      `${pct(share)} of ${t.topic} calls went to ${t.mostlyTo}: the topic often needs that specialist`,
      `${count(t.mostlyToCalls)} of ${count(t.answered)} answered ${t.topic} calls transferred there; ${count(t.transferred)} transferred in all`,
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
      `${pct(a.repeatCallers.share)} of calls came from numbers that had called in the previous day: first calls may not resolve the question`,
      `${count(a.repeatCallers.repeatCalls)} repeat calls from ${count(a.repeatCallers.repeatCallers)} numbers, of ${count(a.repeatCallers.identifiedCalls)} calls with a number`,
    );
  }

  // Menu drop-off (a hang-up after a prepared answer may be a satisfied caller: not a weakness).
  for (const d of a.menuDropoff) {
    if (d.step === "prepared-answer" || d.step === "queue" || d.rate === null || d.reached < MIN_CALLS) continue;
    if (d.rate >= DROPOFF_RATE) {
      add(
        "weakness",
        "menuDropoff",
        `${pct(d.rate)} of callers hung up in the ${d.step === "menu" ? "menu" : "greeting or language choice"}`,
        `${count(d.hungUp)} of ${count(d.reached)} callers who reached it`,
      );
    }
  }

  // Trunks: refused calls and peaks near the limit.
  for (const tr of a.byTrunk) {
    if (tr.refusedBusy > 0) {
      add(
        "weakness",
        "byTrunk",
        `${count(tr.refusedBusy)} call${tr.refusedBusy === 1 ? " was" : "s were"} refused busy on ${tr.trunk} (${tr.channels ?? "?"} channels)`,
        "callers heard busy without being answered",
      );
    }
  }
  for (const p of a.concurrency) {
    if (p.usage !== null && p.usage >= TRUNK_USAGE) {
      add(
        "weakness",
        "concurrency",
        `${p.trunk} peaked at ${p.peak} of ${p.channels} channels`,
        `${pct(p.usage)} of the contract at ${p.at ?? "–"}; more callers would be refused busy`,
      );
    }
  }

  // Week-over-week volume.
  const rec = a.change.received;
  if (rec.relative !== null && (rec.previous ?? 0) >= MIN_CALLS && Math.abs(rec.relative) >= VOLUME_CHANGE) {
    add(
      "note",
      "received",
      `Calls ${rec.relative > 0 ? "rose" : "fell"} ${relative(Math.abs(rec.relative)).replace("+", "")} on last week`,
      `${count(rec.current ?? 0)} this week, ${count(rec.previous ?? 0)} the week before; service level ${points(a.change.serviceLevel.delta)}`,
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
    add(
      "note",
      "byCampaign",
      `The ${c.campaign === "main" ? "main number" : `${c.campaign} campaign`} costs the most per answered call: ${money(c.costPerAnsweredCall, a.currency)}`,
      `${money(c.cost, a.currency)} in call charges for ${count(c.answered)} answered calls`,
    );
  }

  // Survey.
  if (a.survey.mean !== null && a.survey.responses >= MIN_SURVEY) {
    const evidence = `${count(a.survey.responses)} answers (${pct(a.survey.responseRate)} of answered calls); scores 1–5: ${a.survey.distribution.join(" / ")}`;
    if (a.survey.mean >= 4)
      add("strength", "survey", `Callers rated the service ${a.survey.mean.toFixed(1)} of 5`, evidence);
    else if (a.survey.mean < 3)
      add("weakness", "survey", `Callers rated the service only ${a.survey.mean.toFixed(1)} of 5`, evidence);
  }

  // Trunks with room to spare.
  for (const p of a.concurrency) {
    if (p.usage !== null && p.peak > 0 && p.usage < 0.5) {
      add(
        "strength",
        "concurrency",
        `${p.trunk} has room to spare: at most ${p.peak} of ${p.channels} channels in use`,
        `peak ${pct(p.usage)} of the contract`,
      );
    }
  }

  const order: Record<FindingKind, number> = { weakness: 0, note: 1, strength: 2 };
  return out
    .map((f, i) => ({ f, i }))
    .sort((x, y) => order[x.f.kind] - order[y.f.kind] || x.i - y.i)
    .map((x) => x.f);
}
