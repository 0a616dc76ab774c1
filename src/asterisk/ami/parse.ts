/**
 * Pure parsing of AMI answers into the shapes the health/status view uses. Messages arrive as
 * asterisk-manager parses them: header names lowercased, repeated headers as arrays.
 */

/** One AMI response or event. Keys are lowercased header names ("asteriskversion", "actionid"…). */
export type AmiMessage = Record<string, string | string[] | Record<string, string> | undefined>;

export interface CoreStatus {
  /** When Asterisk started (Asterisk's local time, read in ours: right when AMI is on the same host). */
  startup?: Date;
  lastReload?: Date;
  currentCalls: number;
  processedCalls?: number;
}

export interface EndpointContact {
  uri: string;
  /** "Reachable", "Unreachable", "NonQualified"… (only from PJSIPShowEndpoint). */
  status?: string;
  roundtripUsec?: number;
}

export interface EndpointStatus {
  name: string;
  /** Asterisk's device state: "Not in use", "In use", "Unavailable", "Ringing"… */
  deviceState: string;
  activeChannels: number;
  contacts?: EndpointContact[];
}

/** A header's value as one string (the first one if repeated), or undefined. */
export function header(message: AmiMessage, name: string): string | undefined {
  const value = message[name.toLowerCase()];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value[0];
  return undefined;
}

function int(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

/** "2026-11-22" + "00:58:50" as a local time; undefined if either is missing or malformed. */
export function parseAmiDateTime(date: string | undefined, time: string | undefined): Date | undefined {
  const d = date?.trim().match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const t = time?.trim().match(/^(\d{2}):(\d{2}):(\d{2})$/);
  if (!d || !t) return undefined;
  const [, y, mo, da] = d.map(Number) as [number, number, number, number];
  const [, h, mi, s] = t.map(Number) as [number, number, number, number];
  const result = new Date(y, mo - 1, da, h, mi, s);
  return Number.isNaN(result.getTime()) ? undefined : result;
}

export function parseCoreStatus(message: AmiMessage): CoreStatus {
  return {
    startup: parseAmiDateTime(header(message, "CoreStartupDate"), header(message, "CoreStartupTime")),
    lastReload: parseAmiDateTime(header(message, "CoreReloadDate"), header(message, "CoreReloadTime")),
    currentCalls: int(header(message, "CoreCurrentCalls")) ?? 0,
    processedCalls: int(header(message, "CoreProcessedCalls")),
  };
}

/** EndpointList's "Contacts: aor/sip:host:port,aor/sip:other," → the URIs. */
export function parseContactList(value: string | undefined): EndpointContact[] {
  if (!value) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const slash = item.indexOf("/");
      return { uri: slash >= 0 ? item.slice(slash + 1) : item };
    });
}

/** One EndpointList event (from PJSIPShowEndpoints). */
export function parseEndpointListEvent(event: AmiMessage): EndpointStatus {
  return {
    name: header(event, "ObjectName") ?? "",
    deviceState: header(event, "DeviceState") ?? "Unknown",
    activeChannels: int(header(event, "ActiveChannels")) ?? 0,
    contacts: parseContactList(header(event, "Contacts")),
  };
}

/** The events PJSIPShowEndpoint answers with (EndpointDetail, ContactStatusDetail, AorDetail…). */
export function parseEndpointDetail(events: AmiMessage[]): EndpointStatus | undefined {
  const detail = events.find((e) => header(e, "Event")?.toLowerCase() === "endpointdetail");
  if (!detail) return undefined;
  const contacts = events
    .filter((e) => header(e, "Event")?.toLowerCase() === "contactstatusdetail")
    .map((e): EndpointContact => {
      const contact: EndpointContact = { uri: header(e, "URI") ?? "" };
      const status = header(e, "Status");
      if (status) contact.status = status;
      const rtt = int(header(e, "RoundtripUsec"));
      if (rtt !== undefined) contact.roundtripUsec = rtt;
      return contact;
    });
  return {
    name: header(detail, "ObjectName") ?? "",
    deviceState: header(detail, "DeviceState") ?? "Unknown",
    activeChannels: int(header(detail, "ActiveChannels")) ?? 0,
    contacts,
  };
}
