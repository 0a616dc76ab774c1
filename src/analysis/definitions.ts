import type { AnalysisSettings } from "./settings.ts";

/** Each metric's definition, as printed in every report next to its number (docs/report.md says more). */
export function definitions(s: AnalysisSettings): Record<string, string> {
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
    afterHours: "Calls that came while the hotline was closed (outcome closed, or a schedule rule noted on the call).",
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
}
