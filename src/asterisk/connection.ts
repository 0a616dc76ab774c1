import { isIP } from "node:net";

export interface AsteriskConnection {
  ari: { url: string; username: string; password: string };
  ami: { host: string; port: number; username: string; password: string };
  app: string;
  /** Several Asterisk nodes for one app (the first is also `ari`/`ami`); absent for one Asterisk. */
  nodes?: AsteriskNodeConnection[];
}

export interface AsteriskNodeConnection {
  name: string;
  ari: AsteriskConnection["ari"];
  ami: AsteriskConnection["ami"];
}

/** Every node the app drives: the listed nodes, or the one Asterisk (named "asterisk"). */
export function nodesOf(connection: AsteriskConnection): AsteriskNodeConnection[] {
  return connection.nodes ?? [{ name: "asterisk", ari: connection.ari, ami: connection.ami }];
}

/** Passwords found in Asterisk samples, tutorials and default installs. */
const WELL_KNOWN = new Set([
  "",
  "asterisk",
  "secret",
  "password",
  "passw0rd",
  "admin",
  "hotline",
  "changeme",
  "1234",
  "12345",
  "123456",
  "amp111",
  "amp109",
  "mysecret",
  "ari",
  "manager",
]);

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/**
 * Refuse to run with an ARI or AMI reachable from the network behind a well-known password: one
 * leaked sample password there means anyone can originate calls over the organization's trunks.
 */
export function checkConnectionSafety(connection: AsteriskConnection): void {
  const problems: string[] = [];
  for (const node of nodesOf(connection)) problems.push(...unsafe(node));
  if (problems.length > 0) {
    throw new Error(`refusing to start: ${problems.join("; ")} (set a strong password in the config or env)`);
  }
}

function unsafe(connection: Pick<AsteriskConnection, "ari" | "ami">): string[] {
  const problems: string[] = [];
  const ariHost = new URL(connection.ari.url).hostname;
  if (!connection.ari.password) problems.push("ARI has no password");
  else if (!isLoopback(ariHost) && WELL_KNOWN.has(connection.ari.password.toLowerCase())) {
    problems.push(`ARI at ${ariHost} uses a well-known password`);
  }
  if (!connection.ami.password) problems.push("AMI has no password");
  else if (!isLoopback(connection.ami.host) && WELL_KNOWN.has(connection.ami.password.toLowerCase())) {
    problems.push(`AMI at ${connection.ami.host} uses a well-known password`);
  }
  return problems;
}
