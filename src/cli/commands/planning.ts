import { type Command, Option } from "commander";
import { DB_OPTION } from "../database.ts";
import { positiveInt, weekOption } from "./report.ts";

interface Common {
  config?: string;
  db?: string;
  week?: string;
  weeks: number;
  format: "text" | "json";
}

const FORMAT = new Option("--format <format>", "text (tables) or json").choices(["text", "json"]).default("text");

/**
 * `hotline staffing` and `hotline tariffs compare`: the organization's decisions (how many operators
 * when; which telephone contract) answered from its own recorded calls.
 */
export function registerPlanningCommands(program: Command): void {
  program
    .command("staffing")
    .description(
      "operators needed per hour of week (Erlang C, or Erlang A where callers give up) from the recorded traffic, against the rosters",
    )
    .option("-c, --config <file>", "hotline configuration")
    .option("--week <week>", "the last ISO week to measure, e.g. 2026-W47 (default: the last complete week)")
    .option("--weeks <n>", "how many weeks to measure, ending with --week", (v) => positiveInt(v), 1)
    .option("--propose", "propose shift moves that cover more of the short hours, keeping every lunch and break")
    .option(...DB_OPTION)
    .addOption(FORMAT)
    .action(async (opts: Common & { propose?: boolean }) => {
      const { proposeRosterMoves } = await import("../../planning/rosters.ts");
      const { classifyCalls } = await import("../../analysis/classify.ts");
      const { settingsFromConfig } = await import("../../analysis/settings.ts");
      const staffing = await import("../../planning/staffing.ts");
      const text = await import("../../planning/text.ts");
      const { printTable, print } = await import("../table.ts");
      await withWeeks(opts, async ({ config, weeks, calls, queueEvents }) => {
        const settings = settingsFromConfig(config);
        const traffic = staffing.measureTraffic(classifyCalls(calls, settings, queueEvents), weeks.length);
        const rosters = settings.operators.flatMap((o) => (o.roster ? [o.roster] : []));
        const targets = settings;
        const rows = staffing.staffingTable(traffic, staffing.plannedByHour(rosters), targets);
        const gaps = staffing.staffingGaps(rows);
        const offered = Math.round(traffic.slots.reduce((s, x) => s + x.offered, 0) * traffic.weeks);
        const rostered = settings.operators.flatMap((o) =>
          o.roster ? [{ id: o.id, name: o.name, roster: o.roster }] : [],
        );
        const proposal = opts.propose
          ? proposeRosterMoves(
              rostered,
              rows.map((r) => r.needed),
            )
          : undefined;
        if (opts.format === "json") {
          print(JSON.stringify({ weeks: weeks.map((w) => w.label), traffic, rows, gaps, proposal }, null, 2));
          return;
        }
        print(`${span(weeks)}: ${text.trafficLine(traffic, targets, offered)}`);
        if (rosters.length < settings.operators.length)
          print(`(operators without a roster count as not planned: ${settings.operators.length - rosters.length})`);
        print("");
        const table = text.staffingTableText(rows);
        if (table.rows.length === 0) print("No calls and no rosters in these weeks.");
        else printTable(table.header, table.rows);
        const lines = text.staffingGapLines(gaps);
        if (lines.length > 0) {
          print("");
          for (const line of lines) print(line);
        }
        if (proposal) {
          print("");
          for (const line of text.proposalLines(proposal)) print(line);
        }
      });
    });

  const tariffs = program.command("tariffs").description("telephone operators' offers, replayed on the recorded calls");
  tariffs
    .command("compare")
    .description(
      "what the recorded calls would have cost on each offer in `tariffs`, the contract in force among them, and the channels they need (Erlang B)",
    )
    .option("-c, --config <file>", "hotline configuration")
    .option("--week <week>", "the last ISO week to replay, e.g. 2026-W47 (default: the last complete week)")
    .option("--weeks <n>", "how many weeks to replay, ending with --week", (v) => positiveInt(v), 4)
    .option(...DB_OPTION)
    .addOption(FORMAT)
    .action(async (opts: Common) => {
      const { settingsFromConfig } = await import("../../analysis/settings.ts");
      const { localInstant } = await import("../../analysis/format.ts");
      const { messages } = await import("../../analysis/messages.ts");
      const { compareTariffs } = await import("../../planning/tariffs.ts");
      const text = await import("../../planning/text.ts");
      const { printTable, print } = await import("../table.ts");
      await withWeeks(opts, async ({ config, weeks, calls }) => {
        const settings = settingsFromConfig(config);
        const first = weeks[0];
        const last = weeks[weeks.length - 1];
        if (!first || !last) return;
        const comparison = compareTariffs(
          calls,
          settings.trunks,
          config.tariffs ?? { blockingTarget: 0.01, callerClasses: {}, offers: {} },
          { start: first.start, end: last.end, numbers: config.numbers.length },
        );
        if (opts.format === "json") {
          print(JSON.stringify({ weeks: weeks.map((w) => w.label), ...comparison }, null, 2));
          return;
        }
        const answered = calls.filter((c) => c.answeredBy !== null).length;
        print(`${span(weeks)}: ${calls.length} calls, ${answered} answered by an operator`);
        if (!config.tariffs || Object.keys(config.tariffs.offers).length === 0)
          print("(no offers in `tariffs`: only the contract in force; see docs/planning.md)");
        print("");
        const table = text.tariffTableText(comparison);
        printTable(table.header, table.rows);
        print("");
        const m = messages("en");
        for (const line of text.tariffLines(comparison, (iso) => localInstant(iso, config.organization.timezone, m)))
          print(line);
      });
    });
}

/** The configuration, and the weeks' calls from the records database (which must exist). */
async function withWeeks(
  opts: Common,
  work: (loaded: {
    config: Awaited<ReturnType<typeof import("../load-config.ts").loadConfigForCli>>;
    weeks: import("../../analysis/types.ts").IsoWeek[];
    calls: import("../../analysis/types.ts").CallRecord[];
    queueEvents: import("../../analysis/types.ts").QueueEvent[];
  }) => Promise<void>,
): Promise<void> {
  const { loadConfigForCli } = await import("../load-config.ts");
  const { openExistingDatabase } = await import("../database.ts");
  const { lastCompleteWeek } = await import("../../analysis/week.ts");
  const { loadWeeks } = await import("../../analysis/load.ts");
  const config = await loadConfigForCli(opts.config);
  const zone = config.organization.timezone;
  const last = opts.week ? weekOption(opts.week, zone) : lastCompleteWeek(new Date(), zone);
  const db = await openExistingDatabase(config, opts.db);
  try {
    await work({ config, ...(await loadWeeks(db, last, opts.weeks)) });
  } finally {
    await db.destroy();
  }
}

function span(weeks: readonly { label: string }[]): string {
  const first = weeks[0]?.label ?? "";
  const last = weeks[weeks.length - 1]?.label ?? "";
  return first === last ? first : `${first} – ${last}`;
}
