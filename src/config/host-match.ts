import { isIPv4, isIPv6 } from "node:net";

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const EXAMPLES =
  'such as "203.0.113.5", "203.0.113.5:5060", "203.0.113.0/24", "[2001:db8::5]:5060" or "sip.carrier.example"';

/**
 * Why a trunk's `match` entry is not something pjsip's identify section can match a source against
 * (an address, a host name or a CIDR block, the first two optionally with :port), or undefined when it
 * is fine. It goes verbatim into pjsip.conf, so anything else must stop at `hotline check`.
 */
export function trunkMatchProblem(text: string): string | undefined {
  const general = `"${text}" is not an address, host name or CIDR block (optionally with :port), ${EXAMPLES}`;
  const slash = text.indexOf("/");
  if (slash !== -1) {
    const [address, bits] = [text.slice(0, slash), text.slice(slash + 1)];
    const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : undefined;
    if (max === undefined) return general;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"${text}": the prefix length must be 0 to ${max}`;
    return undefined;
  }
  if (isIPv6(text)) return undefined;
  let host = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (!isIPv6(bracketed[1] ?? "")) return general;
    return bracketed[2] === undefined ? undefined : portProblem(text, bracketed[2]);
  }
  const colon = text.lastIndexOf(":");
  if (colon !== -1) {
    host = text.slice(0, colon);
    port = text.slice(colon + 1);
  }
  if (!isIPv4(host) && !isHostName(host)) return general;
  return port === undefined ? undefined : portProblem(text, port);
}

function portProblem(text: string, port: string): string | undefined {
  if (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535) return undefined;
  return `"${text}": the port must be a number from 1 to 65535`;
}

function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.replace(/\.$/, "").split(".");
  // All-numeric labels read as a mistyped IPv4 address ("999.1.1.1"), not as a name.
  if (labels.every((l) => /^\d+$/.test(l))) return false;
  return labels.every((l) => LABEL.test(l));
}
