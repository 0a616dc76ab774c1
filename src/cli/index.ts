import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { PACKAGE_ROOT } from "../package-root.ts";
import { registerAsteriskCommands } from "./commands/asterisk.ts";
import { registerConfigCommands } from "./commands/config.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerDirectoryCommand } from "./commands/directory.ts";
import { registerEdgeCommands } from "./commands/edge.ts";
import { registerExportCommands } from "./commands/export.ts";
import { registerHoursCommand } from "./commands/hours.ts";
import { registerInstallCommands } from "./commands/install.ts";
import { registerMessageCommands } from "./commands/messages.ts";
import { registerMonitorCommands } from "./commands/monitor.ts";
import { registerOperatorCommands } from "./commands/operators.ts";
import { registerPlanningCommands } from "./commands/planning.ts";
import { registerRecordingCommands } from "./commands/recordings.ts";
import { registerReportCommands } from "./commands/report.ts";
import { registerScheduleCommands } from "./commands/schedule.ts";
import { registerSoundsCommands } from "./commands/sounds.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerTransferCommand } from "./commands/transfer.ts";
import { registerUserCommands } from "./commands/user.ts";
import { exitCodeFor, usageExit } from "./errors.ts";

// Each capability registers its own sub-commands; this file only assembles them. The command files
// import their work inside each action, so `--help` or `check` do not load the database, the app or
// the report's charts.
const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
const program = new Command()
  .name("hotline")
  .description("Run an organization's telephone hotline on its own Asterisk PBX")
  .version(version)
  .showHelpAfterError()
  // Before the commands are added: they inherit it. Exit codes are in errors.ts.
  .exitOverride(usageExit);

registerStartCommand(program);
registerConfigCommands(program);
registerScheduleCommands(program);
registerHoursCommand(program);
registerAsteriskCommands(program);
registerSoundsCommands(program);
registerMessageCommands(program);
registerOperatorCommands(program);
registerMonitorCommands(program);
registerRecordingCommands(program);
registerDemoCommand(program);
registerExportCommands(program);
registerReportCommands(program);
registerPlanningCommands(program);
registerDirectoryCommand(program);
registerTransferCommand(program);
registerUserCommands(program);
registerInstallCommands(program);
registerEdgeCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Commander has already said what was wrong with the command line (or shown the help).
  if (!(err instanceof CommanderError)) {
    // Expected failures (bad config, Asterisk not installed…) print one clear line, not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`hotline: ${message}\n`);
    if (process.env.HOTLINE_DEBUG) console.error(err);
  }
  process.exitCode = process.exitCode || exitCodeFor(err);
}
