/**
 * The planning part's findings: hours short of operators, contracts that would cost less, channels
 * that block or sit idle. Pure, in the report's language.
 */

import { gapText } from "../planning/text.ts";
import type { WeeklyAnalysis } from "./analyze.ts";
import type { Finding } from "./findings.ts";
import { count, duration, localInstant, money, pct, relative } from "./format.ts";
import { messages, type ReportLanguage } from "./messages.ts";
import { channelVerdict, contractAndCheapest } from "./planning.ts";
import { planningMessages } from "./planning-messages.ts";

/** At most this many runs of hours are named in one finding, the worst first. */
const MAX_RUNS = 3;
/** A candidate must save at least this share to be worth a finding. */
const SAVING = 0.05;

/** The model and the targets, as the staffing table's introduction and the findings' evidence say them. */
export function staffingModel(a: WeeklyAnalysis, language: ReportLanguage): { model: string; targets: string } {
  const P = planningMessages(language);
  const t = a.targets;
  const patience = a.planning.staffing.patienceSeconds;
  return {
    model: patience === null ? P.erlangC : P.erlangA(duration(patience)),
    targets:
      language === "es"
        ? `el ${pct(t.serviceLevelTarget)} atendido en ${t.serviceLevelSeconds} s, como mucho un ${pct(t.abandonRateTarget)} de abandonos y una ocupación de como mucho el ${pct(t.occupancyTarget)}`
        : `${pct(t.serviceLevelTarget)} answered within ${t.serviceLevelSeconds} s, at most ${pct(t.abandonRateTarget)} abandoned and an occupancy of at most ${pct(t.occupancyTarget)}`,
  };
}

export function planningFindings(a: WeeklyAnalysis, language: ReportLanguage): Finding[] {
  const m = messages(language);
  const P = planningMessages(language);
  const F = P.findings;
  const out: Finding[] = [];
  const { staffing, tariffs } = a.planning;
  const { model, targets } = staffingModel(a, language);
  const runs = (gaps: typeof staffing.short) =>
    gaps
      .slice(0, MAX_RUNS)
      .map((g) => gapText(g, m.weekdays, language))
      .join("; ") +
    (gaps.length > MAX_RUNS
      ? language === "es"
        ? `; y ${gaps.length - MAX_RUNS} más`
        : `; and ${gaps.length - MAX_RUNS} more`
      : "");
  if (staffing.short.length > 0)
    out.push({
      kind: "weakness",
      metric: "staffing",
      text: F.short(runs(staffing.short)),
      evidence: F.shortEvidence(model, targets),
    });
  if (staffing.spare.length > 0)
    out.push({
      kind: "note",
      metric: "staffing",
      text: F.spare(runs(staffing.spare)),
      evidence: F.shortEvidence(model, targets),
    });
  if (!tariffs) return out;

  const choice = contractAndCheapest(tariffs);
  const calls = a.summary.received;
  const evidence = F.cheaperEvidence(count(calls, m.locale), count(a.summary.answered, m.locale));
  if (choice) {
    const { current, cheapest: best } = choice;
    if (best && best.perMonth < current.perMonth * (1 - SAVING))
      out.push({
        kind: "note",
        metric: "tariffs",
        text: F.cheaper(
          best.offer,
          money(best.perMonth, best.currency),
          money(current.perMonth, current.currency),
          relative(best.perMonth / current.perMonth - 1),
        ),
        evidence,
      });
    else if (best && best.perMonth >= current.perMonth)
      out.push({ kind: "strength", metric: "tariffs", text: F.cheapest(String(tariffs.offers.length)), evidence });
  }
  const s = tariffs.sizing;
  const verdict = channelVerdict(s);
  if (s.busyHour !== null) {
    const hour = localInstant(s.busyHour, a.week.timezone, m);
    const sizingEvidence = F.blockingEvidence(hour, s.erlangs.toFixed(2));
    if (verdict === "add")
      out.push({
        kind: "weakness",
        metric: "channels",
        text: F.blocking(String(s.current), pct(s.currentBlocking, 1), String(s.needed), pct(s.target, 1)),
        evidence: sizingEvidence,
      });
    else if (verdict === "fewer")
      out.push({
        kind: "note",
        metric: "channels",
        text: F.tooManyChannels(String(s.current), String(s.needed), pct(s.target, 1)),
        evidence: sizingEvidence,
      });
  }
  return out;
}
