/**
 * What the recorded calls would have cost on each telephone operator's offer, and which of them the
 * offer's channels would have refused: the same calls replayed on every offer, the contract in force
 * (the trunks' own prices) among them. Pure.
 */
import { connectedSeconds } from "../analysis/metrics/cost.ts";
import type { TrunkTariff } from "../analysis/settings.ts";
import type { CallRecord } from "../analysis/types.ts";
import type { TariffOfferSettings, TariffsSettings } from "../config/schema-tariffs.ts";
import { erlangB, linesFor } from "./erlang.ts";

const DAY_MS = 86_400_000;
/** An average month, for fees and allowances over a period that is not a calendar month. */
export const DAYS_PER_MONTH = 365 / 12;

export interface Offer extends TariffOfferSettings {
  name: string;
}

export interface ReplayPeriod {
  start: number;
  end: number;
  /** Hotline numbers the contract carries (fees per number). */
  numbers: number;
}

export interface TariffBill {
  offer: string;
  /** The trunk whose contract in force this is (absent for a candidate). */
  trunk?: string;
  currency: string;
  /** Calls replayed: connected ones are billed, refused ones (channels) counted apart. */
  calls: number;
  /** Calls the offer's channels would have refused (all of them taken). */
  blocked: number;
  /** Billed minutes by caller class, after rounding, before the allowance. */
  billedMinutes: Record<string, number>;
  /** Minutes the period's share of the included minutes covered. */
  includedMinutesUsed: number;
  minuteCharges: number;
  fees: number;
  discount: number;
  /** Everything for the period. */
  total: number;
  perWeek: number;
  perMonth: number;
  /** Over the whole term (null without one). */
  perTerm: number | null;
  /** total over the calls an operator answered (that the offer would have carried); null without any. */
  perAnsweredCall: number | null;
  /** Leaving half way through the term (null without a term). */
  leavingHalfWay: number | null;
}

/** A caller's class: the class of the longest matching prefix, else "other". */
export function callerClass(number: string | null, classes: TariffsSettings["callerClasses"]): string {
  let best = "other";
  let length = 0;
  if (!number) return best;
  for (const [cls, prefixes] of Object.entries(classes)) {
    for (const prefix of prefixes) {
      if (prefix.length > length && number.startsWith(prefix)) {
        best = cls;
        length = prefix.length;
      }
    }
  }
  return best;
}

/** Connected seconds as the offer bills them: at least the minimum, then whole increments. */
export function billedSecondsOn(connected: number, billing: Offer["billing"]): number {
  if (connected <= 0) return 0;
  const units = Math.ceil(connected / billing.incrementSeconds) * billing.incrementSeconds;
  return Math.max(billing.minimumSeconds, units);
}

/**
 * The calls an offer's channels would have refused, replayed in order of arrival: a call that finds
 * every channel taken is refused and holds none. Calls refused for real (busy) hold none either.
 */
export function blockedCalls(calls: readonly CallRecord[], channels: number | undefined): Set<string> {
  const blocked = new Set<string>();
  if (channels === undefined) return blocked;
  const ends: number[] = [];
  for (const c of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (c.outcome?.kind === "busy") continue;
    for (let i = ends.length - 1; i >= 0; i--) if ((ends[i] ?? 0) <= c.startedAt) ends.splice(i, 1);
    if (ends.length >= channels) {
      blocked.add(c.id);
      continue;
    }
    ends.push(c.endedAt ?? c.startedAt);
  }
  return blocked;
}

/** The period's calls billed on one offer. */
export function replayOffer(
  calls: readonly CallRecord[],
  offer: Offer,
  period: ReplayPeriod,
  classes: TariffsSettings["callerClasses"],
): TariffBill {
  const months = (period.end - period.start) / DAY_MS / DAYS_PER_MONTH;
  const blocked = blockedCalls(calls, offer.channels);
  const carried = [...calls].filter((c) => !blocked.has(c.id)).sort((a, b) => a.startedAt - b.startedAt);
  const billedMinutes: Record<string, number> = {};
  // The allowance covers the period's first billed minutes, in the order the calls came.
  let allowance = offer.includedMinutes * months;
  let includedMinutesUsed = 0;
  let minuteCharges = 0;
  for (const call of carried) {
    const minutes = billedSecondsOn(connectedSeconds(call), offer.billing) / 60;
    if (minutes === 0) continue;
    const cls = callerClass(call.callerNumber, classes);
    billedMinutes[cls] = (billedMinutes[cls] ?? 0) + minutes;
    const covered = Math.min(allowance, minutes);
    allowance -= covered;
    includedMinutesUsed += covered;
    minuteCharges += (minutes - covered) * priceOf(offer, cls);
  }
  const monthlyFees =
    offer.monthly.fixed + offer.monthly.perNumber * period.numbers + offer.monthly.perChannel * (offer.channels ?? 0);
  const fees = monthlyFees * months;
  const discount = (minuteCharges + fees) * (offer.term?.discount ?? 0);
  const total = minuteCharges + fees - discount;
  const perMonth = months > 0 ? total / months : 0;
  const answered = carried.filter((c) => c.answeredBy !== null).length;
  const term = offer.term;
  return {
    offer: offer.name,
    currency: offer.currency,
    calls: calls.length,
    blocked: blocked.size,
    billedMinutes,
    includedMinutesUsed,
    minuteCharges,
    fees,
    discount,
    total,
    perWeek: months > 0 ? (total / (months * DAYS_PER_MONTH)) * 7 : 0,
    perMonth,
    perTerm: term ? perMonth * term.months : null,
    perAnsweredCall: answered > 0 ? total / answered : null,
    leavingHalfWay: term
      ? perMonth * Math.floor(term.months / 2) +
        (offer.earlyTermination?.fee ?? 0) +
        (offer.earlyTermination?.perRemainingMonth ?? 0) * (term.months - Math.floor(term.months / 2))
      : null,
  };
}

function priceOf(offer: Offer, cls: string): number {
  if (typeof offer.perMinute === "number") return offer.perMinute;
  return offer.perMinute[cls] ?? offer.perMinute.other ?? 0;
}

/** The contract in force, as an offer: one trunk's prices (per-minute, its increment, its fee, its channels). */
export function trunkOffer(trunk: TrunkTariff): Offer {
  return {
    name: `${trunk.name} (current)`,
    currency: trunk.currency,
    perMinute: trunk.costPerMinute,
    billing: { minimumSeconds: 0, incrementSeconds: trunk.billingIncrement },
    monthly: { fixed: trunk.monthlyFee, perNumber: 0, perChannel: 0 },
    includedMinutes: 0,
    channels: trunk.channels,
  };
}

/** Busy-hour traffic and the channels it needs (Erlang B). */
export interface ChannelSizing {
  /** The hour with the most traffic offered (ISO instant of its start), null without calls. */
  busyHour: string | null;
  /** Erlangs offered in that hour: connected time, plus the calls refused at the limit at the mean call length. */
  erlangs: number;
  target: number;
  needed: number;
  /** Channels in force (the trunks' total) and their blocking at the busy hour's traffic. */
  current: number;
  currentBlocking: number;
}

/** The busiest clock hour of the period, and the channels that keep blocking under the target there. */
export function sizeChannels(
  calls: readonly CallRecord[],
  period: Pick<ReplayPeriod, "start" | "end">,
  current: number,
  target: number,
): ChannelSizing {
  const hourMs = 3_600_000;
  const held = new Map<number, number>();
  const refused = new Map<number, number>();
  let connected = 0;
  let count = 0;
  for (const c of calls) {
    const start = c.startedAt;
    if (c.outcome?.kind === "busy") {
      const h = Math.floor(start / hourMs);
      refused.set(h, (refused.get(h) ?? 0) + 1);
      continue;
    }
    const end = c.endedAt ?? start;
    connected += end - start;
    count++;
    // A channel is held from the call's arrival to its end; spread over the clock hours it spans.
    for (let h = Math.floor(start / hourMs); h * hourMs < end; h++) {
      const from = Math.max(start, h * hourMs, period.start);
      const to = Math.min(end, (h + 1) * hourMs, period.end);
      if (to > from) held.set(h, (held.get(h) ?? 0) + (to - from));
    }
  }
  const meanHold = count > 0 ? connected / count : 0;
  let busy: number | null = null;
  let erlangs = 0;
  for (const h of new Set([...held.keys(), ...refused.keys()])) {
    const offered = ((held.get(h) ?? 0) + (refused.get(h) ?? 0) * meanHold) / hourMs;
    if (offered > erlangs) {
      erlangs = offered;
      busy = h;
    }
  }
  return {
    busyHour: busy === null ? null : new Date(busy * hourMs).toISOString(),
    erlangs,
    target,
    needed: linesFor(erlangs, target),
    current,
    currentBlocking: erlangB(current, erlangs),
  };
}

export interface TariffComparison {
  /** The contract in force: each trunk's own calls on its own prices. */
  current: TariffBill[];
  /** The trunks' bills added up (null with one trunk, or trunks billed in different currencies). */
  currentTotal: TariffBill | null;
  /** Every candidate offer, carrying all the calls. */
  offers: TariffBill[];
  sizing: ChannelSizing;
}

/** The period's calls on the contract in force and on every candidate, and the channels they need. */
export function compareTariffs(
  calls: readonly CallRecord[],
  trunks: readonly TrunkTariff[],
  tariffs: TariffsSettings,
  period: ReplayPeriod,
): TariffComparison {
  const classes = tariffs.callerClasses;
  const current = trunks.map((t) => ({
    ...replayOffer(
      calls.filter((c) => c.trunk === t.name),
      trunkOffer(t),
      period,
      classes,
    ),
    trunk: t.name,
  }));
  const answered = calls.filter((c) => c.answeredBy !== null && trunks.some((t) => t.name === c.trunk)).length;
  return {
    current,
    currentTotal: addBills(current, answered),
    offers: Object.entries(tariffs.offers).map(([name, offer]) =>
      replayOffer(calls, { ...offer, name }, period, classes),
    ),
    sizing: sizeChannels(
      calls,
      period,
      trunks.reduce((s, t) => s + t.channels, 0),
      tariffs.blockingTarget,
    ),
  };
}

/** Several trunks' bills as one: the contract in force in all. */
function addBills(bills: readonly TariffBill[], answered: number): TariffBill | null {
  const first = bills[0];
  if (!first || bills.length < 2 || bills.some((b) => b.currency !== first.currency)) return null;
  const sum = (f: (b: TariffBill) => number) => bills.reduce((s, b) => s + f(b), 0);
  const billedMinutes: Record<string, number> = {};
  for (const b of bills)
    for (const [cls, m] of Object.entries(b.billedMinutes)) billedMinutes[cls] = (billedMinutes[cls] ?? 0) + m;
  const total = sum((b) => b.total);
  return {
    offer: "current, all trunks",
    currency: first.currency,
    calls: sum((b) => b.calls),
    blocked: sum((b) => b.blocked),
    billedMinutes,
    includedMinutesUsed: sum((b) => b.includedMinutesUsed),
    minuteCharges: sum((b) => b.minuteCharges),
    fees: sum((b) => b.fees),
    discount: sum((b) => b.discount),
    total,
    perWeek: sum((b) => b.perWeek),
    perMonth: sum((b) => b.perMonth),
    perTerm: null,
    perAnsweredCall: answered > 0 ? total / answered : null,
    leavingHalfWay: null,
  };
}
