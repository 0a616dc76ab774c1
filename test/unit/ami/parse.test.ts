import { describe, expect, it } from "vitest";
import {
  header,
  parseAmiDateTime,
  parseContactList,
  parseCoreStatus,
  parseEndpointDetail,
  parseEndpointListEvent,
} from "../../../src/asterisk/ami/parse.ts";

// Shapes as asterisk-manager hands them over from a real Asterisk 22.
describe("AMI answer parsing", () => {
  it("reads headers case-insensitively, the first of repeated ones", () => {
    expect(header({ asteriskversion: "22.1.0" }, "AsteriskVersion")).toBe("22.1.0");
    expect(header({ output: ["a", "b"] }, "Output")).toBe("a");
    expect(header({ variable: { X: "1" } }, "Variable")).toBeUndefined();
    expect(header({}, "Missing")).toBeUndefined();
  });

  it("parses CoreStatus (local date + time, counters)", () => {
    const status = parseCoreStatus({
      response: "Success",
      corestartupdate: "2026-11-22",
      corestartuptime: "00:58:50",
      corereloaddate: "2026-11-22",
      corereloadtime: "01:00:00",
      corecurrentcalls: "3",
      coreprocessedcalls: "17",
    });
    expect(status.startup).toEqual(new Date(2026, 10, 22, 0, 58, 50));
    expect(status.lastReload).toEqual(new Date(2026, 10, 22, 1, 0, 0));
    expect(status.currentCalls).toBe(3);
    expect(status.processedCalls).toBe(17);
  });

  it("leaves the startup undefined when CoreStatus has no usable date", () => {
    expect(parseAmiDateTime(undefined, "00:00:00")).toBeUndefined();
    expect(parseAmiDateTime("22/11/2026", "00:00:00")).toBeUndefined();
    expect(parseCoreStatus({ corecurrentcalls: "x" })).toMatchObject({ startup: undefined, currentCalls: 0 });
  });

  it("parses an EndpointList event", () => {
    expect(
      parseEndpointListEvent({
        event: "EndpointList",
        actionid: "1",
        objectname: "test-trunk",
        contacts: "test-trunk/sip:127.0.0.1:38509,",
        devicestate: "Not in use",
        activechannels: "0",
      }),
    ).toEqual({
      name: "test-trunk",
      deviceState: "Not in use",
      activeChannels: 0,
      contacts: [{ uri: "sip:127.0.0.1:38509" }],
    });
    expect(parseContactList("")).toEqual([]);
    expect(parseContactList("a/sip:x@h:5060,b/sip:y@h;transport=tcp,")).toEqual([
      { uri: "sip:x@h:5060" },
      { uri: "sip:y@h;transport=tcp" },
    ]);
  });

  it("parses PJSIPShowEndpoint's events into one endpoint with contact status", () => {
    const endpoint = parseEndpointDetail([
      { event: "EndpointDetail", objectname: "op1", devicestate: "In use", activechannels: "2" },
      { event: "AorDetail", objectname: "op1", contacts: "op1/sip:op1@10.0.0.2:5060" },
      {
        event: "ContactStatusDetail",
        uri: "sip:op1@10.0.0.2:5060",
        status: "Reachable",
        roundtripusec: "1234",
      },
      { event: "ContactStatusDetail", uri: "sip:127.0.0.1:5070", status: "NonQualified", roundtripusec: "N/A" },
    ]);
    expect(endpoint).toEqual({
      name: "op1",
      deviceState: "In use",
      activeChannels: 2,
      contacts: [
        { uri: "sip:op1@10.0.0.2:5060", status: "Reachable", roundtripUsec: 1234 },
        { uri: "sip:127.0.0.1:5070", status: "NonQualified" },
      ],
    });
    expect(parseEndpointDetail([{ event: "AorDetail" }])).toBeUndefined();
  });
});
