import type { Command } from "commander";
import type { DirectoryEntry, HotlineConfig } from "../../config/index.ts";
import { print, printTable } from "../table.ts";

interface DirectoryLine {
  key: string;
  name: string;
  department: string;
  code: string;
  reach: string;
  hours: string;
  reachable: boolean;
  why?: string;
}

/**
 * `hotline directory [search]`: who calls can be transferred to, found by name, department, topic
 * or competence, and whether each can be reached now (from the running app, which knows the
 * trunks' free channels; otherwise from the hours alone).
 */
export function registerDirectoryCommand(program: Command): void {
  program
    .command("directory [search...]")
    .description("the directory of people and services calls are transferred to, and who is reachable now")
    .option("-c, --config <file>", "hotline configuration")
    .option("--json", "machine-readable output")
    .action(async (words: string[], opts: { config?: string; json?: boolean }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const config = await loadConfigForCli(opts.config);
      const { searchDirectory } = await import("../../directory/search.ts");
      const found = searchDirectory(config.directory, words.join(" "));
      const reach = await reachability(config);
      const lines = found.map(([key, entry]) => line(key, entry, reach.get(key)));
      if (opts.json) return print(JSON.stringify({ running: reach.running, entries: lines }, null, 2));
      if (lines.length === 0) return print(words.length ? "nobody in the directory matches" : "the directory is empty");
      printTable(
        ["key", "name", "department", "code", "reached at", "hours", "reachable now"],
        lines.map((l) => [
          l.key,
          l.name,
          l.department,
          l.code,
          l.reach,
          l.hours,
          l.reachable ? "yes" : `no (${l.why ?? "?"})`,
        ]),
      );
      if (!reach.running) process.stderr.write("the hotline is not running: reachable now says the hours only\n");
    });
}

function line(key: string, d: DirectoryEntry, reach: { reachable: boolean; why?: string } | undefined): DirectoryLine {
  const via = d.endpoint
    ? `desk phone ${d.endpoint}`
    : d.number
      ? `${d.number}${d.trunk ? ` (${d.trunk})` : ""}`
      : `queue ${d.queue?.hotline ?? ""}${d.queue?.topic ? `/${d.queue.topic}` : ""}`;
  const hours =
    d.hours === undefined
      ? "always"
      : typeof d.hours === "string"
        ? d.hours
        : Object.entries(d.hours)
            .map(([day, h]) => `${day} ${Array.isArray(h) ? h.join(",") : h}`)
            .join("; ");
  return {
    key,
    name: d.name,
    department: d.department ?? "",
    code: d.code,
    reach: via,
    hours,
    reachable: reach?.reachable ?? false,
    ...(reach?.why ? { why: reach.why } : {}),
  };
}

/** From the running app (GET /directory), or worked out here with no channel in use. */
async function reachability(
  config: HotlineConfig,
): Promise<Map<string, { reachable: boolean; why?: string }> & { running: boolean }> {
  const { ControlClient, HotlineNotRunning } = await import("../../operators/control-client.ts");
  try {
    const client = await ControlClient.connect(config.state.dir);
    const rows = (await client.request("GET", "/directory")) as { key: string; reachable: boolean; why?: string }[];
    return Object.assign(new Map(rows.map((r) => [r.key, r])), { running: true });
  } catch (err) {
    if (!(err instanceof HotlineNotRunning)) throw err;
  }
  const { reachableNow } = await import("../../directory/reachable.ts");
  const { compileConfigSchedules } = await import("../../config/schedules.ts");
  const rows = reachableNow(config.directory, {
    at: new Date(),
    timezone: config.organization.timezone,
    schedules: compileConfigSchedules(config),
    trunks: config.trunks,
    channelsInUse: () => 0,
  });
  return Object.assign(new Map(rows.map((r) => [r.key, r])), { running: false });
}
