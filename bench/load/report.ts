import type { StepResult } from "./step.ts";

export interface Header {
  date: string;
  machine: { cpu: string; cores: number; node: string; kernel: string };
  asterisk: string;
  settings: string;
  notes: string[];
}

const ms = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : "–");
const fixed = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits));

function markdown(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** One row per step, native and hotline alternating, in the order they ran. */
export function stepTable(steps: StepResult[]): string {
  const head = [
    "operators",
    "side",
    "calls/s",
    "calls ok/failed",
    "INVITE→200 p50/p99 ms",
    "answer→bridged p50/p99 ms",
    "CPU s Asterisk",
    "CPU s node",
    "CPU ms/call Ast+node",
    "node RSS KB/live call (peak live)",
    "records = calls",
  ];
  const rows = steps.map((s) => [
    String(s.operators),
    s.side,
    String(s.rate),
    `${s.ok}/${s.failed}`,
    `${ms(s.inviteTo200.p50)}/${ms(s.inviteTo200.p99)}`,
    `${ms(s.answerToBridged.p50)}/${ms(s.answerToBridged.p99)}`,
    fixed(s.cpu.asterisk, 2),
    fixed(s.cpu.node, 2),
    fixed(((s.cpu.asterisk + (s.cpu.node ?? 0)) * 1000) / Math.max(1, s.calls), 0),
    s.side === "hotline" ? `${fixed(s.rssPerLiveCallKb, 0)} (${s.peakLive})` : `– (${s.peakLive})`,
    s.records === undefined ? "–" : s.records === s.calls ? "yes" : `no (${s.records}/${s.calls})`,
  ]);
  return markdown(head, rows);
}

export interface Verdict {
  operators: number;
  nativeRate: number;
  hotlineRate: number;
  /** The highest rate both passed, where the ratios below are taken (else the lowest both ran). */
  commonRate: number | undefined;
  /** Both sides passed at commonRate. */
  commonPassed: boolean;
  inviteP99Ratio: number | undefined;
  bridgedP99: number | undefined;
  nodeToAsterisk: number | undefined;
  kbPerLiveCall: number | undefined;
}

/** The targets, as ratios to native in the same run, per operator count. */
export function verdicts(steps: StepResult[]): Verdict[] {
  const counts = [...new Set(steps.map((s) => s.operators))];
  return counts.map((operators) => {
    const mine = steps.filter((s) => s.operators === operators);
    const best = (side: string) =>
      Math.max(0, ...mine.filter((s) => s.side === side && s.failed === 0).map((s) => s.rate));
    const nativeRate = best("native");
    const hotlineRate = best("hotline");
    const bothRan = mine
      .filter((s) => s.side === "native")
      .map((s) => s.rate)
      .filter((r) => mine.some((s) => s.side === "hotline" && s.rate === r));
    const commonPassed = nativeRate > 0 && hotlineRate > 0;
    const commonRate = commonPassed ? Math.min(nativeRate, hotlineRate) : bothRan.sort((a, b) => a - b)[0];
    const at = (side: string) => mine.find((s) => s.side === side && s.rate === commonRate);
    const n = at("native");
    const h = at("hotline");
    return {
      operators,
      nativeRate,
      hotlineRate,
      commonRate,
      commonPassed,
      inviteP99Ratio: n && h ? h.inviteTo200.p99 / Math.max(1, n.inviteTo200.p99) : undefined,
      bridgedP99: h?.answerToBridged.p99,
      nodeToAsterisk: h?.cpu.node !== undefined ? h.cpu.node / h.cpu.asterisk : undefined,
      kbPerLiveCall: h?.rssPerLiveCallKb,
    };
  });
}

export function verdictTable(list: Verdict[]): string {
  const mark = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? " ✓" : " ✗");
  const rows = list.map((v) => {
    const rateRatio = v.nativeRate > 0 ? v.hotlineRate / v.nativeRate : undefined;
    return [
      String(v.operators),
      `${v.nativeRate} / ${v.hotlineRate} = ${fixed(rateRatio, 2)}×${mark(rateRatio === undefined ? undefined : rateRatio >= 1)}`,
      `${fixed(v.inviteP99Ratio, 2)}×${mark(v.inviteP99Ratio === undefined ? undefined : v.inviteP99Ratio <= 1.2)}`,
      `${ms(v.bridgedP99 ?? NaN)} ms${mark(v.bridgedP99 === undefined ? undefined : v.bridgedP99 <= 20)}`,
      `${fixed(v.nodeToAsterisk, 2)}×${mark(v.nodeToAsterisk === undefined ? undefined : v.nodeToAsterisk <= 0.5)}${v.nodeToAsterisk !== undefined && v.nodeToAsterisk <= 0.25 ? " (stretch ✓)" : ""}`,
      `${fixed(v.kbPerLiveCall, 0)} KB${mark(v.kbPerLiveCall === undefined ? undefined : v.kbPerLiveCall <= 100)}`,
      v.commonRate === undefined ? "–" : `${v.commonRate}${v.commonPassed ? "" : " (with failures)"}`,
    ];
  });
  return markdown(
    [
      "operators",
      "calls/s with 0 failures native / hotline (≥ 1.0×)",
      "INVITE→200 p99 hotline ÷ native (≤ 1.2×)",
      "answer→bridged p99 hotline (≤ 20 ms)",
      "node CPU ÷ Asterisk CPU (≤ 0.5×, stretch 0.25×)",
      "node RSS per live call (≤ 100 KB)",
      "taken at calls/s",
    ],
    rows,
  );
}

export function headerLines(h: Header): string {
  return [
    `Load bench, ${h.date}: ${h.machine.cpu}, ${h.machine.cores} cores, Node ${h.machine.node}, Linux ${h.machine.kernel}, ${h.asterisk}`,
    h.settings,
    ...h.notes.map((n) => `Note: ${n}`),
  ].join("\n");
}
