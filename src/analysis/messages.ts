/**
 * Every word of the weekly report, per language: headings, labels, definitions and findings. Both
 * tables have the same keys (the type says so, and a unit test checks it at run time); numbers come
 * in already formatted (format.ts), so a message only places them in a sentence.
 */
import type { AnalysisSettings } from "./settings.ts";

export const REPORT_LANGUAGES = ["en", "es"] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The report's language when the configuration names none: the organization's first one, if we have it. */
export function reportLanguage(
  configured: string | undefined,
  organizationLanguages: readonly string[],
): ReportLanguage {
  const wanted = configured ?? organizationLanguages[0];
  return (REPORT_LANGUAGES as readonly string[]).includes(wanted ?? "") ? (wanted as ReportLanguage) : "en";
}

type Text = (...parts: string[]) => string;

export interface Messages {
  /** BCP 47 tag for `<html lang>`. */
  lang: string;
  /** Number formatting (thousands separators). */
  locale: string;
  weekdays: readonly [string, string, string, string, string, string, string];
  kinds: { weakness: string; note: string; strength: string };
  page: {
    heading: Text;
    title: Text;
    titleSynthetic: string;
    sub: Text;
    synthetic: string;
    findings: string;
    noFindings: string;
    charts: string;
    theWeek: string;
    heatmap: string;
    operators: string;
    demand: string;
    breakdowns: string;
    outcomes: string;
    definitions: string;
    waitingAndRepeats: Text;
    footer: Text;
    footerSynthetic: string;
    none: string;
    markdownIntro: Text;
    markdownSummary: Text;
    markdownFooter: Text;
    workbookSynthetic: string;
    mailSubject: Text;
  };
  cards: {
    received: string;
    receivedChange: Text;
    answered: string;
    answeredChange: Text;
    serviceLevel: string;
    serviceLevelChange: Text;
    abandonRate: string;
    abandonRateChange: Text;
    asa: string;
    asaChange: Text;
    aht: string;
    ahtChange: Text;
    afterHours: string;
    afterHoursChange: Text;
    survey: string;
    surveyChange: Text;
  };
  charts: {
    heatmap: string;
    calls: string;
    callsMax: Text;
    onShift: string;
    perDay: string;
    answered: string;
    abandoned: string;
    otherQueued: string;
    afterHours: string;
    serviceLevel: Text;
    serviceLevelSeries: string;
    target: Text;
    outcomes: string;
  };
  tables: {
    summary: string;
    summaryColumns: [string, string, string, string];
    summaryRows: {
      received: string;
      offered: string;
      answered: string;
      abandoned: string;
      shortAbandons: string;
      abandonRate: string;
      serviceLevel: string;
      serviceLevelWithAbandons: string;
      asa: string;
      longestWait: string;
      aht: string;
      afterHours: string;
      overflowed: string;
      waitingAtClosing: string;
      repeatCallShare: string;
      surveyMean: string;
    };
    points: string;
    findings: string;
    findingsColumns: [string, string, string];
    days: string;
    daysColumns: [string, string, string, string, string, string, string, string];
    hours: string;
    hoursColumns: [string, string, string, string, string];
    heatmap: string;
    day: string;
    outcomes: string;
    outcomesColumns: [string, string, string];
    operators: string;
    operatorsColumns: [string, string, string, string, string, string, string, string];
    pauses: string;
    pausesColumns: [string, string, string, string, string];
    afterHours: string;
    afterHoursColumns: [string, string];
    journey: string;
    journeyColumns: [string, string, string, string];
    overflow: string;
    overflowColumns: [string, string];
    transfers: string;
    transfersColumns: [string, string, string, string, string, string];
    callbacks: string;
    callbacksColumns: [string, string];
    callbacksRows: [string, string, string, string, string, string, string, string, string, string];
    yes: string;
    no: string;
    notApplicable: string;
    queueColumns: [string, string, string, string, string, string];
    topics: string;
    topic: string;
    languages: string;
    language: string;
    hotlines: string;
    hotline: string;
    campaigns: string;
    campaignsColumns: [string, string, string, string, string, string, string, Text, Text];
    trunks: string;
    trunksColumns: [string, string, string, string, string, string, string, string, string, string, string];
    survey: string;
    surveyColumns: [string, string];
    dispositions: string;
    dispositionsColumns: [string, string, string, string];
    allTopics: string;
  };
  /** Values the analysis keeps as keys (outcomes, journey steps, pause reasons) as the tables show them. */
  values: Record<ValueKey, string>;
  /** Human headings of the definitions, by the analysis' key. */
  definitionTitles: Record<DefinitionKey, string>;
  definitions(s: DefinitionSettings): Record<DefinitionKey, string>;
  findings: {
    serviceLevelEvidence: Text;
    serviceLevelLastWeek: Text;
    serviceLevelWithAbandons: Text;
    serviceLevelLow: Text;
    serviceLevelFell: Text;
    serviceGap: Text;
    serviceGapBreak: Text;
    serviceGapNobody: string;
    serviceLevelMet: Text;
    hourDip: Text;
    hourDipEvidence: Text;
    abandonEvidence: Text;
    abandonHigh: Text;
    abandonLow: Text;
    asaUp: Text;
    asaEvidence: Text;
    waitingAtClosing: Text;
    waitingAtClosingEvidence: Text;
    overflow: Text;
    occupancyHigh: Text;
    occupancyEvidence: Text;
    adherenceLow: Text;
    adherenceEvidence: Text;
    occupancyLow: Text;
    occupancyLowEvidence: Text;
    mainNumber: string;
    campaign: Text;
    afterHours: Text;
    afterHoursEvidence: Text;
    transfers: Text;
    transfersEvidence: Text;
    repeatCallers: Text;
    repeatCallersEvidence: Text;
    dropoffMenu: Text;
    dropoffGreeting: Text;
    dropoffEvidence: Text;
    refusedBusy: Text;
    refusedBusyEvidence: string;
    trunkPeak: Text;
    trunkPeakEvidence: Text;
    volumeRose: Text;
    volumeFell: Text;
    volumeEvidence: Text;
    costliest: Text;
    costliestEvidence: Text;
    surveyEvidence: Text;
    surveyGood: Text;
    surveyBad: Text;
    trunkRoom: Text;
    trunkRoomEvidence: Text;
  };
}

export type DefinitionSettings = Pick<
  AnalysisSettings,
  "serviceLevelSeconds" | "shortAbandonSeconds" | "repeatWindowHours"
>;

export type ValueKey =
  | "abandoned"
  | "answered"
  | "busy"
  | "callback"
  | "caller-hangup"
  | "closed"
  | "completed"
  | "error"
  | "lost"
  | "no-answer"
  | "overflowed"
  | "transferred"
  | "voicemail"
  | "in progress"
  | "greeting-language"
  | "menu"
  | "prepared-answer"
  | "queue"
  | "lunch"
  | "break"
  | "training"
  | "other"
  | "missed-calls";

/** A value in the report's language; one it does not know (a disposition, a topic) as it is. */
export function valueIn(m: Messages, value: string): string {
  return Object.hasOwn(m.values, value) ? m.values[value as ValueKey] : value;
}

export type DefinitionKey =
  | "received"
  | "offered"
  | "answered"
  | "abandoned"
  | "shortAbandons"
  | "abandonRate"
  | "serviceLevel"
  | "serviceLevelWithAbandons"
  | "asa"
  | "longestWait"
  | "aht"
  | "occupancy"
  | "adherence"
  | "pauses"
  | "heatmap"
  | "afterHours"
  | "waitingAtClosing"
  | "overflow"
  | "transfers"
  | "repeatCallers"
  | "menuDropoff"
  | "byCampaign"
  | "byTrunk"
  | "concurrency"
  | "survey"
  | "dispositions";

const plural = (n: string, one: string, many: string) => (n === "1" ? one : many);

const en: Messages = {
  lang: "en",
  locale: "en-GB",
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  kinds: { weakness: "weakness", note: "note", strength: "strength" },
  page: {
    heading: (org) => `${org} — weekly hotline report`,
    title: (org, week) => `${org} — hotline report ${week}`,
    titleSynthetic: " (synthetic data)",
    sub: (week, from, to, zone, hours, previous) =>
      `Week ${week}: ${from} to ${to} (${zone}, ${hours} hours) · compared with ${previous}`,
    synthetic: "Synthetic data: this week was generated by hotline seed, not recorded from real calls.",
    findings: "Findings",
    noFindings: "No findings: too few calls this week.",
    charts: "Charts",
    theWeek: "The week",
    heatmap: "Calls by hour of the week",
    operators: "Operators",
    demand: "Demand and the journey",
    breakdowns: "Breakdowns",
    outcomes: "Call outcomes",
    definitions: "Definitions",
    waitingAndRepeats: (waiting, repeats, share, numbers) =>
      `Waiting at closing time: ${waiting} callers. Repeat calls: ${repeats} (${share}) from ${numbers} numbers.`,
    footer: (at) => `Generated ${at} by hotline`,
    footerSynthetic: " from synthetic data",
    none: "none this week",
    markdownIntro: (from, to, zone, previous) => `${from} to ${to} (${zone}), compared with ${previous}.`,
    markdownSummary: (received, answered, offered, sl, target, abandon, asa, aht) =>
      `**${received}** calls received, **${answered}** answered by operators of ${offered} queued; ` +
      `service level **${sl}** (target ${target}), abandon rate **${abandon}**, ASA ${asa}, AHT ${aht}.`,
    markdownFooter: (at) => `Generated ${at}. The full report with charts is attached as HTML.`,
    workbookSynthetic: "Synthetic data (hotline seed), not real calls",
    mailSubject: (org, week, synthetic, sl) =>
      `${org}: hotline report ${week}${synthetic ? " (synthetic data)" : ""}, service level ${sl}`,
  },
  cards: {
    received: "Calls received",
    receivedChange: (rel) => `${rel} on last week`,
    answered: "Answered by operators",
    answeredChange: (offered) => `of ${offered} queued`,
    serviceLevel: "Service level",
    serviceLevelChange: (target, pts) => `target ${target} · ${pts}`,
    abandonRate: "Abandon rate",
    abandonRateChange: (target, short) => `target ≤ ${target} · ${short} short apart`,
    asa: "ASA",
    asaChange: (longest) => `longest wait ${longest}`,
    aht: "AHT",
    ahtChange: (talk) => `talk ${talk} + wrap-up`,
    afterHours: "After hours",
    afterHoursChange: (share) => `${share} of calls`,
    survey: "Survey",
    surveyChange: (n) => `${n} answers`,
  },
  charts: {
    heatmap: "Calls by hour of the week (number: operators planned on shift)",
    calls: "calls",
    callsMax: (n) => `${n} calls`,
    onShift: "operators on shift",
    perDay: "Calls per day",
    answered: "answered",
    abandoned: "abandoned",
    otherQueued: "other in queue",
    afterHours: "after hours",
    serviceLevel: (s) => `Service level by hour (answered within ${s} s)`,
    serviceLevelSeries: "service level",
    target: (t) => `target ${t} %`,
    outcomes: "Outcomes",
  },
  tables: {
    summary: "Headline numbers",
    summaryColumns: ["metric", "this week", "last week", "change"],
    summaryRows: {
      received: "Calls received",
      offered: "Offered to the queue",
      answered: "Answered by an operator",
      abandoned: "Abandoned",
      shortAbandons: "Short abandons",
      abandonRate: "Abandon rate",
      serviceLevel: "Service level",
      serviceLevelWithAbandons: "Service level counting abandons",
      asa: "ASA (s)",
      longestWait: "Longest wait (s)",
      aht: "AHT (s)",
      afterHours: "After-hours calls",
      overflowed: "Overflowed",
      waitingAtClosing: "Waiting at closing",
      repeatCallShare: "Repeat-call share",
      surveyMean: "Survey mean (1–5)",
    },
    points: "pts",
    findings: "Strengths and weaknesses",
    findingsColumns: ["kind", "finding", "evidence"],
    days: "Calls per day",
    daysColumns: ["date", "day", "received", "offered", "answered", "abandoned", "after hours", "service level"],
    hours: "Service level by hour of day",
    hoursColumns: ["hour", "offered", "answered", "within target", "service level"],
    heatmap: "Calls by weekday and hour (operators on shift in brackets)",
    day: "day",
    outcomes: "Outcomes",
    outcomesColumns: ["outcome", "calls", "share"],
    operators: "Operators",
    operatorsColumns: [
      "operator",
      "calls",
      "handle (h)",
      "logged in (h)",
      "paused (h)",
      "planned (h)",
      "occupancy",
      "adherence",
    ],
    pauses: "Pauses by reason",
    pausesColumns: ["reason", "pauses", "planned", "unplanned", "minutes"],
    afterHours: "After-hours calls by hour",
    afterHoursColumns: ["hour", "calls"],
    journey: "Where callers hung up",
    journeyColumns: ["step", "reached", "hung up", "rate"],
    overflow: "Overflow by destination",
    overflowColumns: ["destination", "calls"],
    transfers: "Transfers by topic",
    transfersColumns: ["topic", "answered", "transferred", "share", "mostly to", "calls"],
    callbacks: "Callbacks that keep the caller's place",
    callbacksColumns: ["metric", "value"],
    callbacksRows: [
      "Requested",
      "Made (dialled at least once)",
      "Reached",
      "Given up",
      "Still to make",
      "Time to callback, mean (s)",
      "Time to callback, median (s)",
      "Arrival to reached, mean (s)",
      "Wait of callers answered live, mean (s)",
      "Beat the waiting time",
    ],
    yes: "yes",
    no: "no",
    notApplicable: "n/a",
    queueColumns: ["received", "offered", "answered", "abandoned", "service level", "ASA (s)"],
    topics: "By topic",
    topic: "topic",
    languages: "By language",
    language: "language",
    hotlines: "By hotline",
    hotline: "hotline",
    campaigns: "By campaign (number dialled)",
    campaignsColumns: [
      "campaign",
      "numbers",
      "received",
      "after hours",
      "answered",
      "abandoned",
      "service level",
      (cur) => `cost (${cur})`,
      (cur) => `per answered call (${cur})`,
    ],
    trunks: "By trunk",
    trunksColumns: [
      "trunk",
      "channels",
      "calls",
      "refused busy",
      "minutes",
      "billed minutes",
      "call cost",
      "fee",
      "cost",
      "peak calls",
      "peak at",
    ],
    survey: "Survey answers",
    surveyColumns: ["score", "answers"],
    dispositions: "Call outcomes by topic (dispositions) and first-contact resolution",
    dispositionsColumns: ["topic", "answered", "with outcome", "FCR"],
    allTopics: "all topics",
  },
  values: {
    abandoned: "abandoned",
    answered: "answered",
    busy: "busy",
    callback: "callback",
    "caller-hangup": "caller hung up",
    closed: "closed",
    completed: "completed",
    error: "error",
    lost: "lost",
    "no-answer": "no answer",
    overflowed: "overflowed",
    transferred: "transferred",
    voicemail: "voicemail",
    "in progress": "in progress",
    "greeting-language": "greeting and language",
    menu: "menu",
    "prepared-answer": "prepared answer",
    queue: "queue",
    lunch: "lunch",
    break: "break",
    training: "training",
    other: "other",
    "missed-calls": "missed calls",
  },
  definitionTitles: {
    received: "Calls received",
    offered: "Offered",
    answered: "Answered",
    abandoned: "Abandoned",
    shortAbandons: "Short abandons",
    abandonRate: "Abandon rate",
    serviceLevel: "Service level",
    serviceLevelWithAbandons: "Service level counting abandons",
    asa: "ASA (average speed of answer)",
    longestWait: "Longest wait",
    aht: "AHT (average handling time)",
    occupancy: "Occupancy",
    adherence: "Adherence",
    pauses: "Pauses",
    heatmap: "Calls by hour of the week",
    afterHours: "After-hours calls",
    waitingAtClosing: "Waiting at closing",
    overflow: "Overflow",
    transfers: "Transfers",
    repeatCallers: "Repeat callers",
    menuDropoff: "Where callers hung up",
    byCampaign: "By campaign",
    byTrunk: "By trunk",
    concurrency: "Peak calls at once",
    survey: "Survey",
    dispositions: "Dispositions and first-contact resolution",
  },
  definitions: (s) => {
    const T = s.serviceLevelSeconds;
    return {
      received: "Every call that reached the hotline and started in the week (local time), whatever happened to it.",
      offered: "Calls that entered an operator queue.",
      answered: "Queued calls an operator picked up, also after a transfer between our hotlines.",
      abandoned: `Queued callers who hung up after waiting ${s.shortAbandonSeconds} s or more without an operator.`,
      shortAbandons: `Queued callers who hung up within ${s.shortAbandonSeconds} s: reported apart, not counted as abandoned.`,
      abandonRate: "Abandoned / (offered − short abandons).",
      serviceLevel: `Answered within ${T} s / answered.`,
      serviceLevelWithAbandons: `Answered within ${T} s / (answered + abandoned after ${T} s): callers who gave up count against it.`,
      asa: "Average speed of answer: mean wait of answered calls, from entering the first queue to the operator's pick-up.",
      longestWait: "The longest any queued caller waited (answered or not).",
      aht: "Average handling time: mean talk (operator pick-up → end of call) plus wrap-up (as measured by the ACD; else each hotline's queue.wrapUp).",
      occupancy: "Per operator: talk + wrap-up / (logged-in time − paused time).",
      adherence:
        "Per operator: planned time (roster shifts minus lunch and breaks) during which the operator was logged in and not paused / planned time.",
      pauses: "Pauses that began in the week, by reason: count, planned or not, total time.",
      heatmap:
        "Calls by local weekday and hour they started, against the mean number of operators planned on shift in that hour (roster minus lunch and breaks). In a week with a daylight-saving change an hour cell may hold two hours or none.",
      afterHours:
        "Calls that came while the hotline was closed (outcome closed, or a schedule rule noted on the call).",
      waitingAtClosing: "Callers still waiting in the queue when the hotline closed.",
      overflow:
        "Queued calls sent to the overflow action (outside call centre, voicemail, callback) and not answered here.",
      transfers:
        "Answered calls an operator passed on (blind or attended) to a directory entry or another queue, which took them; by the call's topic and where they went.",
      repeatCallers: `Calls from a number that had called within the previous ${s.repeatWindowHours} h (last week's calls count); anonymous calls excluded.`,
      menuDropoff:
        "Calls the hotline answered while open, as a funnel: callers reaching each step and hanging up in it (greeting/language before any key, menu after a key, the prepared answer, the queue).",
      byCampaign:
        "Calls per advertising campaign of the number dialled; cost = call charges by trunk tariff (billed per increment), cost per answered call = cost / answered.",
      byTrunk:
        "Calls, connected minutes, billed minutes and cost per trunk; the fee is the week's share of the monthly fee (× 12 / 52).",
      concurrency: "Most calls up at once on each trunk during the week, against its channels.",
      survey: "Post-call survey answers (1–5): mean, distribution, and responses / answered calls.",
      dispositions: `Outcomes operators gave their answered calls (*5<digit>), by topic. First-contact resolution (FCR) = calls marked with a resolved disposition whose number did not call again within ${s.repeatWindowHours} h / calls given a disposition.`,
    };
  },
  findings: {
    serviceLevelEvidence: (within, answered, seconds) => `${within} of ${answered} answered calls within ${seconds} s`,
    serviceLevelLastWeek: (sl) => `; last week ${sl}`,
    serviceLevelWithAbandons: (seconds, sl) => `; counting abandons after ${seconds} s: ${sl}`,
    serviceLevelLow: (sl, target) => `Service level was ${sl} (target ${target})`,
    serviceLevelFell: (sl, target) => `Service level fell to ${sl} (target ${target})`,
    serviceGap: (weekday, from, to, sl) => `; the gap is ${weekday} ${from}–${to} (${sl})`,
    serviceGapBreak: (onBreak, rostered) =>
      `, when ${onBreak} of ${rostered} operators ${plural(onBreak, "was", "were")} on break`,
    serviceGapNobody: ", when no operator was rostered",
    serviceLevelMet: (sl, target) => `Service level ${sl} met the target of ${target}`,
    hourDip: (sl, from, to, week) => `Service level dipped to ${sl} between ${from} and ${to} (the week: ${week})`,
    hourDipEvidence: (within, answered, seconds, target) =>
      `${within} of ${answered} answered calls in that hour, all days together, within ${seconds} s; target ${target}`,
    abandonEvidence: (abandoned, counted, seconds, short, longest) =>
      `${abandoned} of ${counted} queued callers hung up after ${seconds} s or more; ${short} more within ${seconds} s (not counted); longest wait ${longest}`,
    abandonHigh: (rate, target) => `${rate} of callers abandoned the queue (target at most ${target})`,
    abandonLow: (rate, target) => `Only ${rate} of callers abandoned the queue (target at most ${target})`,
    asaUp: (now, before) => `Callers waited longer for an operator: ${now} on average, up from ${before}`,
    asaEvidence: (rel, longest) => `average speed of answer ${rel} week over week; longest wait ${longest}`,
    waitingAtClosing: (n) => `${n} caller${plural(n, " was", "s were")} still waiting when the hotline closed`,
    waitingAtClosingEvidence: (where, longest) => `by hotline: ${where}; the longest had waited ${longest}`,
    overflow: (share, outside) => `${share} of queued calls overflowed (${outside} to the outside centre)`,
    occupancyHigh: (name, occ, target) =>
      `${name}'s occupancy was ${occ} (target at most ${target}): too little time between calls`,
    occupancyEvidence: (calls, handle, available) =>
      `${calls} calls, ${handle} of talk and wrap-up in ${available} available`,
    adherenceLow: (name, adh, target) => `${name} kept to the roster ${adh} of planned time (target ${target})`,
    adherenceEvidence: (planned, adhering) => `planned ${planned}, logged in and not paused during ${adhering} of it`,
    occupancyLow: (share) => `Operators spent ${share} of their available time on calls`,
    occupancyLowEvidence: (handle, available) =>
      `${handle} of talk and wrap-up in ${available} logged in and not paused`,
    mainNumber: "the main number",
    campaign: (name) => `the ${name} campaign`,
    afterHours: (share, name, day) =>
      `${share} of calls from ${name} arrived after hours: consider extending ${day} hours`,
    afterHoursEvidence: (n, received, from, to, byDay) =>
      `${n} of ${received} calls, most at ${from}–${to} h; by day: ${byDay}`,
    transfers: (share, topic, to) => `${share} of ${topic} calls went to ${to}: the topic often needs that specialist`,
    transfersEvidence: (n, answered, topic, transferred) =>
      `${n} of ${answered} answered ${topic} calls transferred there; ${transferred} transferred in all`,
    repeatCallers: (share) =>
      `${share} of calls came from numbers that had called in the previous day: first calls may not resolve the question`,
    repeatCallersEvidence: (repeats, numbers, identified) =>
      `${repeats} repeat calls from ${numbers} numbers, of ${identified} calls with a number`,
    dropoffMenu: (rate) => `${rate} of callers hung up in the menu`,
    dropoffGreeting: (rate) => `${rate} of callers hung up in the greeting or language choice`,
    dropoffEvidence: (n, reached) => `${n} of ${reached} callers who reached it`,
    refusedBusy: (n, trunk, channels) =>
      `${n} call${plural(n, " was", "s were")} refused busy on ${trunk} (${channels} channels)`,
    refusedBusyEvidence: "callers heard busy without being answered",
    trunkPeak: (trunk, peak, channels) => `${trunk} peaked at ${peak} of ${channels} channels`,
    trunkPeakEvidence: (usage, at) => `${usage} of the contract at ${at}; more callers would be refused busy`,
    volumeRose: (rel) => `Calls rose ${rel} on last week`,
    volumeFell: (rel) => `Calls fell ${rel} on last week`,
    volumeEvidence: (now, before, pts) => `${now} this week, ${before} the week before; service level ${pts}`,
    costliest: (name, cost) => `${name} costs the most per answered call: ${cost}`,
    costliestEvidence: (cost, answered) => `${cost} in call charges for ${answered} answered calls`,
    surveyEvidence: (n, rate, scores) => `${n} answers (${rate} of answered calls); scores 1–5: ${scores}`,
    surveyGood: (mean) => `Callers rated the service ${mean} of 5`,
    surveyBad: (mean) => `Callers rated the service only ${mean} of 5`,
    trunkRoom: (trunk, peak, channels) => `${trunk} has room to spare: at most ${peak} of ${channels} channels in use`,
    trunkRoomEvidence: (usage) => `peak ${usage} of the contract`,
  },
};

const es: Messages = {
  lang: "es",
  locale: "es-ES",
  weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
  kinds: { weakness: "debilidad", note: "nota", strength: "fortaleza" },
  page: {
    heading: (org) => `${org} — informe semanal de la línea de atención`,
    title: (org, week) => `${org} — informe de la línea ${week}`,
    titleSynthetic: " (datos sintéticos)",
    sub: (week, from, to, zone, hours, previous) =>
      `Semana ${week}: del ${from} al ${to} (${zone}, ${hours} horas) · comparada con ${previous}`,
    synthetic: "Datos sintéticos: esta semana la generó hotline seed; no son llamadas reales.",
    findings: "Conclusiones",
    noFindings: "Sin conclusiones: muy pocas llamadas esta semana.",
    charts: "Gráficos",
    theWeek: "La semana",
    heatmap: "Llamadas por hora de la semana",
    operators: "Operadores",
    demand: "Demanda y recorrido de la llamada",
    breakdowns: "Desgloses",
    outcomes: "Resultados de las llamadas",
    definitions: "Definiciones",
    waitingAndRepeats: (waiting, repeats, share, numbers) =>
      `Esperando al cierre: ${waiting} llamantes. Llamadas repetidas: ${repeats} (${share}) desde ${numbers} números.`,
    footer: (at) => `Generado el ${at} por hotline`,
    footerSynthetic: " a partir de datos sintéticos",
    none: "ninguno esta semana",
    markdownIntro: (from, to, zone, previous) => `Del ${from} al ${to} (${zone}), comparada con ${previous}.`,
    markdownSummary: (received, answered, offered, sl, target, abandon, asa, aht) =>
      `**${received}** llamadas recibidas, **${answered}** atendidas por operadores de ${offered} en cola; ` +
      `nivel de servicio **${sl}** (objetivo ${target}), tasa de abandono **${abandon}**, ASA ${asa}, AHT ${aht}.`,
    markdownFooter: (at) => `Generado el ${at}. El informe completo con gráficos va adjunto en HTML.`,
    workbookSynthetic: "Datos sintéticos (hotline seed), no son llamadas reales",
    mailSubject: (org, week, synthetic, sl) =>
      `${org}: informe de la línea ${week}${synthetic ? " (datos sintéticos)" : ""}, nivel de servicio ${sl}`,
  },
  cards: {
    received: "Llamadas recibidas",
    receivedChange: (rel) => `${rel} respecto a la semana pasada`,
    answered: "Atendidas por operadores",
    answeredChange: (offered) => `de ${offered} en cola`,
    serviceLevel: "Nivel de servicio",
    serviceLevelChange: (target, pts) => `objetivo ${target} · ${pts}`,
    abandonRate: "Tasa de abandono",
    abandonRateChange: (target, short) => `objetivo ≤ ${target} · ${short} cortos aparte`,
    asa: "ASA",
    asaChange: (longest) => `espera máxima ${longest}`,
    aht: "AHT",
    ahtChange: (talk) => `conversación ${talk} + cierre`,
    afterHours: "Fuera de horario",
    afterHoursChange: (share) => `${share} de las llamadas`,
    survey: "Encuesta",
    surveyChange: (n) => `${n} respuestas`,
  },
  charts: {
    heatmap: "Llamadas por hora de la semana (número: operadores previstos en turno)",
    calls: "llamadas",
    callsMax: (n) => `${n} llamadas`,
    onShift: "operadores en turno",
    perDay: "Llamadas por día",
    answered: "atendidas",
    abandoned: "abandonadas",
    otherQueued: "otras en cola",
    afterHours: "fuera de horario",
    serviceLevel: (s) => `Nivel de servicio por hora (atendidas en ${s} s)`,
    serviceLevelSeries: "nivel de servicio",
    target: (t) => `objetivo ${t} %`,
    outcomes: "Resultados",
  },
  tables: {
    summary: "Cifras principales",
    summaryColumns: ["métrica", "esta semana", "semana pasada", "cambio"],
    summaryRows: {
      received: "Llamadas recibidas",
      offered: "Ofrecidas a la cola",
      answered: "Atendidas por un operador",
      abandoned: "Abandonadas",
      shortAbandons: "Abandonos cortos",
      abandonRate: "Tasa de abandono",
      serviceLevel: "Nivel de servicio",
      serviceLevelWithAbandons: "Nivel de servicio contando abandonos",
      asa: "ASA (s)",
      longestWait: "Espera máxima (s)",
      aht: "AHT (s)",
      afterHours: "Llamadas fuera de horario",
      overflowed: "Desbordadas",
      waitingAtClosing: "Esperando al cierre",
      repeatCallShare: "Proporción de llamadas repetidas",
      surveyMean: "Media de la encuesta (1–5)",
    },
    points: "p. p.",
    findings: "Fortalezas y debilidades",
    findingsColumns: ["tipo", "conclusión", "datos"],
    days: "Llamadas por día",
    daysColumns: [
      "fecha",
      "día",
      "recibidas",
      "ofrecidas",
      "atendidas",
      "abandonadas",
      "fuera de horario",
      "nivel de servicio",
    ],
    hours: "Nivel de servicio por hora del día",
    hoursColumns: ["hora", "ofrecidas", "atendidas", "dentro del objetivo", "nivel de servicio"],
    heatmap: "Llamadas por día de la semana y hora (operadores en turno entre paréntesis)",
    day: "día",
    outcomes: "Resultados",
    outcomesColumns: ["resultado", "llamadas", "proporción"],
    operators: "Operadores",
    operatorsColumns: [
      "operador",
      "llamadas",
      "gestión (h)",
      "conectado (h)",
      "en pausa (h)",
      "previsto (h)",
      "ocupación",
      "adherencia",
    ],
    pauses: "Pausas por motivo",
    pausesColumns: ["motivo", "pausas", "previstas", "imprevistas", "minutos"],
    afterHours: "Llamadas fuera de horario por hora",
    afterHoursColumns: ["hora", "llamadas"],
    journey: "Dónde colgaron los llamantes",
    journeyColumns: ["paso", "llegaron", "colgaron", "tasa"],
    overflow: "Desbordamiento por destino",
    overflowColumns: ["destino", "llamadas"],
    transfers: "Transferencias por tema",
    transfersColumns: ["tema", "atendidas", "transferidas", "proporción", "sobre todo a", "llamadas"],
    callbacks: "Devoluciones de llamada que conservan el turno",
    callbacksColumns: ["métrica", "valor"],
    callbacksRows: [
      "Solicitadas",
      "Hechas (marcadas al menos una vez)",
      "Contactadas",
      "Abandonadas",
      "Pendientes",
      "Tiempo hasta la devolución, media (s)",
      "Tiempo hasta la devolución, mediana (s)",
      "De la llegada al contacto, media (s)",
      "Espera de los atendidos en directo, media (s)",
      "Mejor que esperar",
    ],
    yes: "sí",
    no: "no",
    notApplicable: "n. d.",
    queueColumns: ["recibidas", "ofrecidas", "atendidas", "abandonadas", "nivel de servicio", "ASA (s)"],
    topics: "Por tema",
    topic: "tema",
    languages: "Por idioma",
    language: "idioma",
    hotlines: "Por línea",
    hotline: "línea",
    campaigns: "Por campaña (número marcado)",
    campaignsColumns: [
      "campaña",
      "números",
      "recibidas",
      "fuera de horario",
      "atendidas",
      "abandonadas",
      "nivel de servicio",
      (cur) => `coste (${cur})`,
      (cur) => `por llamada atendida (${cur})`,
    ],
    trunks: "Por troncal",
    trunksColumns: [
      "troncal",
      "canales",
      "llamadas",
      "rechazadas por ocupado",
      "minutos",
      "minutos facturados",
      "coste de llamadas",
      "cuota",
      "coste",
      "pico de llamadas",
      "pico a las",
    ],
    survey: "Respuestas de la encuesta",
    surveyColumns: ["puntuación", "respuestas"],
    dispositions: "Resultados de las llamadas por tema (tipificaciones) y resolución en el primer contacto",
    dispositionsColumns: ["tema", "atendidas", "con resultado", "FCR"],
    allTopics: "todos los temas",
  },
  values: {
    abandoned: "abandonada",
    answered: "atendida",
    busy: "ocupado",
    callback: "devolución de llamada",
    "caller-hangup": "colgó el llamante",
    closed: "cerrado",
    completed: "completada",
    error: "error",
    lost: "perdida",
    "no-answer": "sin respuesta",
    overflowed: "desbordada",
    transferred: "transferida",
    voicemail: "buzón de voz",
    "in progress": "en curso",
    "greeting-language": "saludo e idioma",
    menu: "menú",
    "prepared-answer": "respuesta preparada",
    queue: "cola",
    lunch: "comida",
    break: "descanso",
    training: "formación",
    other: "otro",
    "missed-calls": "llamadas perdidas",
  },
  definitionTitles: {
    received: "Llamadas recibidas",
    offered: "Ofrecidas",
    answered: "Atendidas",
    abandoned: "Abandonadas",
    shortAbandons: "Abandonos cortos",
    abandonRate: "Tasa de abandono",
    serviceLevel: "Nivel de servicio",
    serviceLevelWithAbandons: "Nivel de servicio contando abandonos",
    asa: "ASA (velocidad media de respuesta)",
    longestWait: "Espera máxima",
    aht: "AHT (tiempo medio de gestión)",
    occupancy: "Ocupación",
    adherence: "Adherencia",
    pauses: "Pausas",
    heatmap: "Llamadas por hora de la semana",
    afterHours: "Llamadas fuera de horario",
    waitingAtClosing: "Esperando al cierre",
    overflow: "Desbordamiento",
    transfers: "Transferencias",
    repeatCallers: "Llamantes repetidos",
    menuDropoff: "Dónde colgaron los llamantes",
    byCampaign: "Por campaña",
    byTrunk: "Por troncal",
    concurrency: "Pico de llamadas simultáneas",
    survey: "Encuesta",
    dispositions: "Tipificaciones y resolución en el primer contacto",
  },
  definitions: (s) => {
    const T = s.serviceLevelSeconds;
    return {
      received: "Toda llamada que llegó a la línea y empezó en la semana (hora local), pasara lo que pasara con ella.",
      offered: "Llamadas que entraron en una cola de operadores.",
      answered: "Llamadas en cola que atendió un operador, también tras una transferencia entre nuestras líneas.",
      abandoned: `Llamantes en cola que colgaron tras esperar ${s.shortAbandonSeconds} s o más sin operador.`,
      shortAbandons: `Llamantes en cola que colgaron en menos de ${s.shortAbandonSeconds} s: se informan aparte, no cuentan como abandonos.`,
      abandonRate: "Abandonadas / (ofrecidas − abandonos cortos).",
      serviceLevel: `Atendidas en ${T} s / atendidas.`,
      serviceLevelWithAbandons: `Atendidas en ${T} s / (atendidas + abandonadas tras ${T} s): quien se rindió cuenta en contra.`,
      asa: "Velocidad media de respuesta: espera media de las llamadas atendidas, desde que entran en la primera cola hasta que el operador descuelga.",
      longestWait: "La espera más larga de un llamante en cola (atendido o no).",
      aht: "Tiempo medio de gestión: conversación media (del descuelgue del operador al final de la llamada) más el cierre (medido por el ACD; si no, queue.wrapUp de cada línea).",
      occupancy: "Por operador: conversación + cierre / (tiempo conectado − tiempo en pausa).",
      adherence:
        "Por operador: tiempo previsto (turnos del cuadrante menos comida y descansos) en que el operador estuvo conectado y sin pausa / tiempo previsto.",
      pauses: "Pausas que empezaron en la semana, por motivo: número, previstas o no, tiempo total.",
      heatmap:
        "Llamadas por día de la semana y hora local en que empezaron, frente al número medio de operadores previstos en turno en esa hora (cuadrante menos comida y descansos). En una semana con cambio de hora una celda puede reunir dos horas o ninguna.",
      afterHours:
        "Llamadas que llegaron con la línea cerrada (resultado cerrado, o una regla del horario anotada en la llamada).",
      waitingAtClosing: "Llamantes que seguían en cola cuando cerró la línea.",
      overflow:
        "Llamadas en cola enviadas a la acción de desbordamiento (centro externo, buzón de voz, devolución de llamada) y no atendidas aquí.",
      transfers:
        "Llamadas atendidas que un operador pasó (a ciegas o con consulta) a una entrada del directorio o a otra cola, que las tomó; por tema de la llamada y destino.",
      repeatCallers: `Llamadas de un número que había llamado en las ${s.repeatWindowHours} h anteriores (cuentan las de la semana pasada); sin las anónimas.`,
      menuDropoff:
        "Llamadas que la línea contestó estando abierta, como embudo: llamantes que llegan a cada paso y cuelgan en él (saludo/idioma antes de pulsar, menú tras pulsar, la respuesta preparada, la cola).",
      byCampaign:
        "Llamadas por campaña publicitaria del número marcado; coste = cargos de llamada según la tarifa de la troncal (por incrementos), coste por llamada atendida = coste / atendidas.",
      byTrunk:
        "Llamadas, minutos conectados, minutos facturados y coste por troncal; la cuota es la parte de la semana de la cuota mensual (× 12 / 52).",
      concurrency: "Máximo de llamadas simultáneas en cada troncal durante la semana, frente a sus canales.",
      survey: "Respuestas a la encuesta tras la llamada (1–5): media, distribución y respuestas / llamadas atendidas.",
      dispositions: `Resultados que los operadores dieron a sus llamadas atendidas (*5<dígito>), por tema. Resolución en el primer contacto (FCR) = llamadas con un resultado resuelto cuyo número no volvió a llamar en ${s.repeatWindowHours} h / llamadas con resultado.`,
    };
  },
  findings: {
    serviceLevelEvidence: (within, answered, seconds) => `${within} de ${answered} llamadas atendidas en ${seconds} s`,
    serviceLevelLastWeek: (sl) => `; la semana pasada ${sl}`,
    serviceLevelWithAbandons: (seconds, sl) => `; contando los abandonos tras ${seconds} s: ${sl}`,
    serviceLevelLow: (sl, target) => `El nivel de servicio fue del ${sl} (objetivo ${target})`,
    serviceLevelFell: (sl, target) => `El nivel de servicio bajó al ${sl} (objetivo ${target})`,
    serviceGap: (weekday, from, to, sl) => `; el hueco es el ${weekday} de ${from} a ${to} (${sl})`,
    serviceGapBreak: (onBreak, rostered) =>
      `, cuando ${onBreak} de ${rostered} operadores ${plural(onBreak, "estaba", "estaban")} en descanso`,
    serviceGapNobody: ", cuando no había ningún operador en el cuadrante",
    serviceLevelMet: (sl, target) => `El nivel de servicio del ${sl} cumplió el objetivo del ${target}`,
    hourDip: (sl, from, to, week) =>
      `El nivel de servicio cayó al ${sl} entre las ${from} y las ${to} (la semana: ${week})`,
    hourDipEvidence: (within, answered, seconds, target) =>
      `${within} de ${answered} llamadas atendidas en esa hora, todos los días juntos, en ${seconds} s; objetivo ${target}`,
    abandonEvidence: (abandoned, counted, seconds, short, longest) =>
      `${abandoned} de ${counted} llamantes en cola colgaron tras ${seconds} s o más; ${short} más en menos de ${seconds} s (no cuentan); espera máxima ${longest}`,
    abandonHigh: (rate, target) => `El ${rate} de los llamantes abandonó la cola (objetivo como máximo ${target})`,
    abandonLow: (rate, target) => `Solo el ${rate} de los llamantes abandonó la cola (objetivo como máximo ${target})`,
    asaUp: (now, before) => `Los llamantes esperaron más a un operador: ${now} de media, frente a ${before}`,
    asaEvidence: (rel, longest) =>
      `velocidad media de respuesta ${rel} respecto a la semana pasada; espera máxima ${longest}`,
    waitingAtClosing: (n) =>
      `${n} ${plural(n, "llamante seguía", "llamantes seguían")} esperando cuando cerró la línea`,
    waitingAtClosingEvidence: (where, longest) => `por línea: ${where}; el que más, había esperado ${longest}`,
    overflow: (share, outside) => `El ${share} de las llamadas en cola se desbordó (${outside} al centro externo)`,
    occupancyHigh: (name, occ, target) =>
      `La ocupación de ${name} fue del ${occ} (objetivo como máximo ${target}): poco tiempo entre llamadas`,
    occupancyEvidence: (calls, handle, available) =>
      `${calls} llamadas, ${handle} de conversación y cierre en ${available} disponibles`,
    adherenceLow: (name, adh, target) =>
      `${name} se ajustó al cuadrante el ${adh} del tiempo previsto (objetivo ${target})`,
    adherenceEvidence: (planned, adhering) => `previsto ${planned}, conectado y sin pausa durante ${adhering}`,
    occupancyLow: (share) => `Los operadores dedicaron a llamadas el ${share} de su tiempo disponible`,
    occupancyLowEvidence: (handle, available) =>
      `${handle} de conversación y cierre en ${available} conectados y sin pausa`,
    mainNumber: "el número principal",
    campaign: (name) => `la campaña ${name}`,
    afterHours: (share, name, day) =>
      `El ${share} de las llamadas de ${name} llegó fuera de horario: conviene ampliar el horario del ${day}`,
    afterHoursEvidence: (n, received, from, to, byDay) =>
      `${n} de ${received} llamadas, la mayoría de ${from} a ${to} h; por día: ${byDay}`,
    transfers: (share, topic, to) =>
      `El ${share} de las llamadas de ${topic} fue a ${to}: el tema suele necesitar ese especialista`,
    transfersEvidence: (n, answered, topic, transferred) =>
      `${n} de ${answered} llamadas atendidas de ${topic} transferidas allí; ${transferred} transferidas en total`,
    repeatCallers: (share) =>
      `El ${share} de las llamadas vino de números que habían llamado el día anterior: puede que la primera llamada no resuelva la duda`,
    repeatCallersEvidence: (repeats, numbers, identified) =>
      `${repeats} llamadas repetidas desde ${numbers} números, de ${identified} llamadas con número`,
    dropoffMenu: (rate) => `El ${rate} de los llamantes colgó en el menú`,
    dropoffGreeting: (rate) => `El ${rate} de los llamantes colgó en el saludo o la elección de idioma`,
    dropoffEvidence: (n, reached) => `${n} de ${reached} llamantes que llegaron a ese paso`,
    refusedBusy: (n, trunk, channels) =>
      `${n} ${plural(n, "llamada fue rechazada", "llamadas fueron rechazadas")} por ocupado en ${trunk} (${channels} canales)`,
    refusedBusyEvidence: "los llamantes oyeron ocupado sin ser atendidos",
    trunkPeak: (trunk, peak, channels) => `${trunk} llegó a ${peak} de ${channels} canales`,
    trunkPeakEvidence: (usage, at) => `el ${usage} del contrato el ${at}; más llamantes oirían ocupado`,
    volumeRose: (rel) => `Las llamadas subieron un ${rel} respecto a la semana pasada`,
    volumeFell: (rel) => `Las llamadas bajaron un ${rel} respecto a la semana pasada`,
    volumeEvidence: (now, before, pts) => `${now} esta semana, ${before} la semana anterior; nivel de servicio ${pts}`,
    costliest: (name, cost) => `${name} es lo que más cuesta por llamada atendida: ${cost}`,
    costliestEvidence: (cost, answered) => `${cost} en cargos de llamada para ${answered} llamadas atendidas`,
    surveyEvidence: (n, rate, scores) =>
      `${n} respuestas (${rate} de las llamadas atendidas); puntuaciones 1–5: ${scores}`,
    surveyGood: (mean) => `Los llamantes valoraron el servicio con un ${mean} de 5`,
    surveyBad: (mean) => `Los llamantes valoraron el servicio con solo un ${mean} de 5`,
    trunkRoom: (trunk, peak, channels) => `${trunk} tiene margen: como mucho ${peak} de ${channels} canales en uso`,
    trunkRoomEvidence: (usage) => `pico del ${usage} del contrato`,
  },
};

const TABLES: Record<ReportLanguage, Messages> = { en, es };

/** The table of a language; English for anything else (a report made before reports had a language). */
export function messages(language: ReportLanguage | undefined): Messages {
  return TABLES[language ?? "en"] ?? en;
}
