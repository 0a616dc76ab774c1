/**
 * The first week's "what to change": the three decisions the organization makes from its own
 * traffic — how many operators when, which contract and how many channels, which hours to open and
 * print. Pure, in the report's language.
 */

import { gapText } from "../planning/text.ts";
import type { WeeklyAnalysis } from "./analyze.ts";
import { count, money, pct, relative } from "./format.ts";
import { messages, type ReportLanguage } from "./messages.ts";
import { channelVerdict, contractAndCheapest } from "./planning.ts";
import { planningMessages } from "./planning-messages.ts";

export function whatToChange(a: WeeklyAnalysis, language: ReportLanguage): string[] {
  const m = messages(language);
  const W = planningMessages(language).firstWeek;
  const { staffing, tariffs, channels } = a.planning;
  const runs = (gaps: typeof staffing.short) =>
    gaps
      .slice(0, 3)
      .map((g) => gapText(g, m.weekdays, language))
      .join("; ");

  const operators =
    staffing.short.length > 0
      ? W.staffShort(runs(staffing.short))
      : staffing.spare.length > 0
        ? W.staffSpare(runs(staffing.spare))
        : W.staffFine;

  let contract = W.noOffers;
  const choice = tariffs ? contractAndCheapest(tariffs) : null;
  if (tariffs && choice) {
    const { current, cheapest: best } = choice;
    contract =
      best && best.perMonth < current.perMonth
        ? W.switchTo(
            best.offer,
            money(best.perMonth, best.currency),
            money(current.perMonth, current.currency),
            relative(best.perMonth / current.perMonth - 1),
          ) + (best.leavingHalfWay !== null ? W.leaving(money(best.leavingHalfWay, best.currency)) : "")
        : W.keep(String(tariffs.offers.length));
  }
  const target = pct(channels.target, 1);
  const verdict = channelVerdict(channels);
  if (verdict === "add") contract += W.addChannels(String(channels.current), String(channels.needed), target);
  else if (verdict === "fewer") contract += W.fewerChannels(String(channels.current), String(channels.needed), target);
  else if (verdict === "fine") contract += W.channelsFine(String(channels.current));

  const after = a.afterHours;
  const top = (xs: readonly number[]) => xs.reduce((best, x, i) => (x > (xs[best] ?? 0) ? i : best), 0);
  const hours =
    after.calls > 0
      ? W.closedCalls(
          count(after.calls, m.locale),
          pct(after.share),
          m.weekdays[top(after.byDay)] ?? "",
          `${String(top(after.byHour)).padStart(2, "0")}:00`,
        )
      : W.noClosedCalls;
  return [operators, contract, hours];
}
