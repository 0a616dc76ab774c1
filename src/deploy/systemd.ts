import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/**
 * systemd units for one machine, rendered for one configuration: the app (`hotline start`), the
 * sandbox Asterisk in a unit of its own (so an app restart leaves calls parked in Asterisk, and
 * Asterisk's restart does not take the app with it), the service user (sysusers.d) and its folders
 * (tmpfiles.d). Pure: every path comes in, text goes out.
 */
export interface SystemdInput {
  /** Absolute path of the hotline configuration. */
  config: string;
  /** The Node binary that runs the app (process.execPath). */
  node: string;
  /** The package's bin/hotline.mjs. */
  bin: string;
  /** The service user (and its group). */
  user: string;
  /** The user's home; the Asterisk sandbox's unpacked tree lives below it unless asteriskHome says. */
  home: string;
  /** HOTLINE_ASTERISK_HOME for both units: where `hotline asterisk install` unpacked Asterisk. */
  asteriskHome: string;
  /** Sandbox mode: the Asterisk unit is rendered and the app requires it. */
  sandbox: boolean;
  /** The sandbox's instance folder (sandbox mode). */
  sandboxDir?: string;
  /** Folders the app writes: database's folder, state, recordings, sounds, reports. */
  writable: string[];
  /** `hotline start --drain`: seconds calls in progress get to finish on stop. */
  drainSeconds: number;
  /** EnvironmentFile (secrets the configuration takes from ${…}); optional, "-" prefixed. */
  envFile: string;
}

export interface RenderedFile {
  name: string;
  text: string;
}

/** Time beyond the drain for the app to close ARI and flush its records before systemd kills it. */
export const STOP_MARGIN_SECONDS = 20;

/** Paths systemd's sandboxing hides or replaces: a unit pointing into them would not find its files. */
const HIDDEN = ["/home", "/root", "/run/user", "/tmp", "/var/tmp"];

const APP_UNIT = "hotline.service";
const ASTERISK_UNIT = "hotline-asterisk.service";

/** The files for one machine: units, sysusers.d and tmpfiles.d snippets. */
export function renderSystemd(input: SystemdInput): RenderedFile[] {
  const files = [{ name: APP_UNIT, text: appUnit(input) }];
  if (input.sandbox) files.push({ name: ASTERISK_UNIT, text: asteriskUnit(input) });
  files.push({ name: "hotline.sysusers.conf", text: sysusers(input) });
  files.push({ name: "hotline.tmpfiles.conf", text: tmpfiles(input) });
  return files;
}

/** Problems with the paths that would make the units fail at start; empty when none. */
export function systemdWarnings(input: SystemdInput): string[] {
  const warnings: string[] = [];
  const named: [string, string][] = [
    ["the configuration", input.config],
    ["node", input.node],
    ["bin/hotline.mjs", input.bin],
    ["HOTLINE_ASTERISK_HOME", input.asteriskHome],
    ...writableDirs(input).map((d): [string, string] => ["a folder the app writes", d]),
  ];
  for (const [what, path] of named) {
    if (!isAbsolute(path)) warnings.push(`${what} (${path}) is not an absolute path`);
    const hidden = HIDDEN.find((h) => within(path, h));
    if (hidden) warnings.push(`${what} is under ${hidden}, which the unit hides (ProtectHome/PrivateTmp): ${path}`);
  }
  return warnings;
}

/** Every folder the units write, each once, none inside another. */
export function writableDirs(input: SystemdInput): string[] {
  return outermost([...input.writable, ...(input.sandbox ? [sandboxDirOf(input)] : [])]);
}

/** Each folder once, none inside another, sorted. */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths.map((p) => resolve(p)))].sort();
  return unique.filter((d) => !unique.some((other) => other !== d && within(d, other)));
}

/** The sandbox's instance folder; without asterisk.sandbox.dir, var/asterisk under the working folder. */
function sandboxDirOf(input: SystemdInput): string {
  return input.sandboxDir ?? join(dirname(input.config), "var", "asterisk");
}

function within(path: string, folder: string): boolean {
  const r = relative(folder, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
}

/** A value for a unit file: quoted when it has spaces; `%` and `\` escaped (systemd specifiers). */
function arg(value: string): string {
  const escaped = value.replace(/\\/g, "\\\\").replace(/%/g, "%%");
  return /[\s"']/.test(escaped) ? `"${escaped.replace(/"/g, '\\"')}"` : escaped;
}

function command(input: SystemdInput, ...args: string[]): string {
  return [input.node, input.bin, ...args].map(arg).join(" ");
}

/** Hardening both units share. MemoryDenyWriteExecute is left out: V8's JIT writes executable code. */
function hardening(input: SystemdInput, writable: string[]): string[] {
  return [
    `User=${input.user}`,
    `Group=${input.user}`,
    "UMask=0077",
    "NoNewPrivileges=yes",
    "ProtectSystem=strict",
    `ReadWritePaths=${writable.map(arg).join(" ")}`,
    "PrivateTmp=yes",
    "PrivateDevices=yes",
    "ProtectHome=yes",
    "ProtectKernelTunables=yes",
    "ProtectKernelModules=yes",
    "ProtectKernelLogs=yes",
    "ProtectControlGroups=yes",
    "ProtectClock=yes",
    "ProtectHostname=yes",
    // Other users' processes hidden; the app still sees the sandbox Asterisk (same user).
    "ProtectProc=invisible",
    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
    "RestrictNamespaces=yes",
    "RestrictRealtime=yes",
    "RestrictSUIDSGID=yes",
    "CapabilityBoundingSet=",
    "AmbientCapabilities=",
    "LockPersonality=yes",
    "RemoveIPC=yes",
    "SystemCallArchitectures=native",
    "SystemCallFilter=@system-service",
    // A call outside the list fails (EPERM) rather than killing the process mid-call.
    "SystemCallErrorNumber=EPERM",
  ];
}

/** The deployment guide in the package the units run. */
function docs(input: SystemdInput): string {
  return `file://${join(dirname(dirname(input.bin)), "docs", "deployment.md")}`;
}

function header(input: SystemdInput): string[] {
  return [
    `# Rendered by \`hotline install systemd\` for ${input.config};`,
    "# render again after changing the configuration's folders (docs/deployment.md).",
  ];
}

function appUnit(input: SystemdInput): string {
  const stop = input.drainSeconds + STOP_MARGIN_SECONDS;
  const after = ["network-online.target", ...(input.sandbox ? [ASTERISK_UNIT] : [])];
  return `${[
    ...header(input),
    "[Unit]",
    "Description=hotline: the organization's telephone hotline (Asterisk ARI app)",
    `Documentation=${docs(input)}`,
    "Wants=network-online.target",
    `After=${after.join(" ")}`,
    // Requires: stopping the sandbox stops the app; Asterisk crashing does not (the app reconnects).
    ...(input.sandbox ? [`Requires=${ASTERISK_UNIT}`] : []),
    "StartLimitIntervalSec=300",
    "StartLimitBurst=5",
    "",
    "[Service]",
    "Type=simple",
    `WorkingDirectory=${arg(dirname(input.config))}`,
    `Environment=HOTLINE_ASTERISK_HOME=${arg(input.asteriskHome)}`,
    `EnvironmentFile=-${arg(input.envFile)}`,
    `ExecStart=${command(input, "start", "--config", input.config, "--drain", String(input.drainSeconds))}`,
    "Restart=on-failure",
    "RestartSec=5",
    // Exit 2 is a configuration mistake: restarting will not mend it.
    "RestartPreventExitStatus=2",
    // SIGTERM to the app alone: it lets calls finish (--drain), then stops what it started.
    "KillSignal=SIGTERM",
    "KillMode=mixed",
    `TimeoutStopSec=${stop}`,
    // Not a TTY: the logger writes JSON lines, one journal entry each.
    "StandardOutput=journal",
    "StandardError=journal",
    "SyslogIdentifier=hotline",
    // The sandbox's folder too: the app keeps its credentials there and reads voicemails from it.
    ...hardening(input, writableDirs(input)),
    "SystemCallFilter=~@privileged @resources",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
  ].join("\n")}\n`;
}

function asteriskUnit(input: SystemdInput): string {
  const dir = sandboxDirOf(input);
  return `${[
    ...header(input),
    "[Unit]",
    "Description=hotline: the sandbox Asterisk 22 (Debian's build, unpacked)",
    `Documentation=${docs(input)}`,
    "Wants=network-online.target",
    "After=network-online.target",
    `Before=${APP_UNIT}`,
    "StartLimitIntervalSec=300",
    "StartLimitBurst=5",
    "",
    "[Service]",
    // `hotline asterisk start` renders the instance, starts Asterisk detached, waits for ARI, exits.
    "Type=forking",
    `PIDFile=${arg(join(dir, "run", "hotline-asterisk.pid"))}`,
    `WorkingDirectory=${arg(dirname(input.config))}`,
    `Environment=HOTLINE_ASTERISK_HOME=${arg(input.asteriskHome)}`,
    `EnvironmentFile=-${arg(input.envFile)}`,
    `ExecStart=${command(input, "asterisk", "start", "--config", input.config)}`,
    `ExecStop=${command(input, "asterisk", "stop", "--config", input.config)}`,
    "Restart=on-failure",
    "RestartSec=5",
    "TimeoutStartSec=180",
    "KillSignal=SIGTERM",
    "TimeoutStopSec=30",
    "StandardOutput=journal",
    "StandardError=journal",
    "SyslogIdentifier=hotline-asterisk",
    // On a first start it unpacks Asterisk into HOTLINE_ASTERISK_HOME; it renders prompts too.
    ...hardening(input, outermost([input.asteriskHome, ...writableDirs(input)])),
    "",
    "[Install]",
    "WantedBy=multi-user.target",
  ].join("\n")}\n`;
}

function sysusers(input: SystemdInput): string {
  return [
    "# systemd-sysusers: the hotline's own system user and group, no login shell.",
    `u ${input.user} - "hotline telephone hotline" ${input.home} /usr/sbin/nologin`,
    "",
  ].join("\n");
}

function tmpfiles(input: SystemdInput): string {
  // The units' ReadWritePaths must exist before they start; owner-only (they hold callers' numbers).
  const dirs = [...new Set([input.home, input.asteriskHome, ...writableDirs(input)].map((d) => resolve(d)))];
  return [
    "# systemd-tmpfiles --create: the folders the hotline writes, owned by its user.",
    ...dirs.map((d) => `d ${arg(d)} 0700 ${input.user} ${input.user} -`),
    "",
  ].join("\n");
}

/** What the administrator runs after the files are written to `out` (this command runs none of it). */
export function nextSteps(input: SystemdInput, out: string): string[] {
  const units = input.sandbox ? `${ASTERISK_UNIT} ${APP_UNIT}` : APP_UNIT;
  return [
    `systemd-sysusers ${join(out, "hotline.sysusers.conf")}`,
    `systemd-tmpfiles --create ${join(out, "hotline.tmpfiles.conf")}`,
    ...(input.sandbox
      ? [
          `runuser -u ${input.user} -- env HOTLINE_ASTERISK_HOME=${input.asteriskHome} ${input.node} ${input.bin} asterisk install`,
        ]
      : []),
    `systemd-analyze verify ${[APP_UNIT, ...(input.sandbox ? [ASTERISK_UNIT] : [])].map((u) => join(out, u)).join(" ")}`,
    "systemctl daemon-reload",
    `systemctl enable --now ${units}`,
    "journalctl -u hotline -o cat -f",
  ];
}

/** The part of the loaded configuration (paths already absolute) the units depend on. */
export interface SystemdConfig {
  path: string;
  dir: string;
  asterisk: { mode: "sandbox" | "external"; sandbox: { dir?: string } };
  database: { client: "sqlite" | "pg"; filename: string };
  state: { dir: string };
  recordings: { dir: string };
  sounds: { dir: string };
  report?: { outDir: string } | undefined;
}

/** The units' input for a configuration, the machine's Node and the package's bin/hotline.mjs. */
export function systemdInputFor(
  config: SystemdConfig,
  machine: { node: string; bin: string },
  options: { user?: string; home?: string; asteriskHome?: string; drainSeconds?: number; envFile?: string } = {},
): SystemdInput {
  const user = options.user ?? "hotline";
  const home = options.home ?? `/var/lib/${user}`;
  const at = (p: string) => (isAbsolute(p) ? p : resolve(config.dir, p));
  const sqlite = config.database.client === "sqlite" && config.database.filename !== ":memory:";
  return {
    config: config.path,
    node: machine.node,
    bin: machine.bin,
    user,
    home,
    asteriskHome: options.asteriskHome ?? join(home, "asterisk-22"),
    sandbox: config.asterisk.mode === "sandbox",
    ...(config.asterisk.sandbox.dir !== undefined ? { sandboxDir: config.asterisk.sandbox.dir } : {}),
    writable: [
      // SQLite in WAL mode writes its -wal and -shm files next to the database.
      ...(sqlite ? [dirname(config.database.filename)] : []),
      config.state.dir,
      config.recordings.dir,
      config.sounds.dir,
      ...(config.report ? [at(config.report.outDir)] : []),
    ],
    drainSeconds: options.drainSeconds ?? 10,
    envFile: options.envFile ?? join(config.dir, "hotline.env"),
  };
}

/**
 * The layout docs/deployment.md describes, whose render is kept in config/systemd/: the package in
 * /opt/hotline, the configuration in /etc/hotline, everything the hotline writes in /var/lib/hotline.
 */
export function standardLayout(): SystemdInput {
  return systemdInputFor(
    {
      path: "/etc/hotline/hotline.yaml",
      dir: "/etc/hotline",
      asterisk: { mode: "sandbox", sandbox: { dir: "/var/lib/hotline/asterisk" } },
      database: { client: "sqlite", filename: "/var/lib/hotline/db/hotline.sqlite" },
      state: { dir: "/var/lib/hotline/state" },
      recordings: { dir: "/var/lib/hotline/recordings" },
      sounds: { dir: "/var/lib/hotline/sounds" },
      report: { outDir: "/var/lib/hotline/reports" },
    },
    { node: "/usr/bin/node", bin: "/opt/hotline/bin/hotline.mjs" },
  );
}
