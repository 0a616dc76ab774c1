import { describe, expect, it } from "vitest";
import { routeOf } from "../../../../src/asterisk/nodes/route.ts";

describe("where an ARI request goes when the app drives several Asterisk nodes", () => {
  it("lists are asked of every node and joined; endpoints are merged", () => {
    expect(routeOf("GET /channels", {}, undefined)).toEqual({ kind: "all" });
    expect(routeOf("GET /bridges", {}, undefined)).toEqual({ kind: "all" });
    expect(routeOf("GET /endpoints/{tech}", { params: { tech: "PJSIP" } }, undefined)).toEqual({ kind: "endpoints" });
  });

  it("a new outbound channel goes to the node of the channel it is for", () => {
    expect(routeOf("POST /channels/{channelId}", { params: { channelId: "out-1" } }, "caller-1")).toEqual({
      kind: "new",
      resource: "channel",
      id: "out-1",
      near: "caller-1",
    });
    // Asterisk's own originator wins over the caller's hint: it must be on the same node anyway.
    expect(
      routeOf("POST /channels/{channelId}", { params: { channelId: "out-2" }, query: { originator: "in-9" } }, "x"),
    ).toMatchObject({ near: "in-9" });
  });

  it("a new bridge goes near the channel it is made for", () => {
    expect(routeOf("POST /bridges/{bridgeId}", { params: { bridgeId: "b1" } }, "c1")).toEqual({
      kind: "new",
      resource: "bridge",
      id: "b1",
      near: "c1",
    });
  });

  it("a channel's verbs go to its node; what they create is remembered there too", () => {
    expect(
      routeOf("POST /channels/{channelId}/play/{playbackId}", { params: { channelId: "c1", playbackId: "p1" } }, ""),
    ).toEqual({ kind: "existing", resource: "channel", id: "c1", also: [{ resource: "playback", id: "p1" }] });
    expect(
      routeOf("POST /channels/{channelId}/snoop/{snoopId}", { params: { channelId: "c1", snoopId: "s1" } }, ""),
    ).toMatchObject({ also: [{ resource: "channel", id: "s1" }] });
    expect(
      routeOf("POST /bridges/{bridgeId}/record", { params: { bridgeId: "b1" }, query: { name: "rec-1" } }, ""),
    ).toEqual({ kind: "existing", resource: "bridge", id: "b1", also: [{ resource: "recording", id: "rec-1" }] });
    expect(routeOf("DELETE /channels/{channelId}", { params: { channelId: "c1" } }, undefined)).toEqual({
      kind: "existing",
      resource: "channel",
      id: "c1",
    });
  });

  it("playbacks and recordings by id go to the node that holds them", () => {
    expect(routeOf("DELETE /playbacks/{playbackId}", { params: { playbackId: "p1" } }, undefined)).toEqual({
      kind: "existing",
      resource: "playback",
      id: "p1",
    });
    expect(
      routeOf("GET /recordings/stored/{recordingName}/file", { params: { recordingName: "r" } }, undefined),
    ).toEqual({ kind: "existing", resource: "recording", id: "r" });
  });

  it("subscriptions to one channel go to its node, the rest to every node", () => {
    expect(
      routeOf(
        "POST /applications/{applicationName}/subscription",
        { params: { applicationName: "hotline" }, query: { eventSource: "channel:c7" } },
        undefined,
      ),
    ).toEqual({ kind: "existing", resource: "channel", id: "c7" });
    expect(
      routeOf(
        "POST /applications/{applicationName}/subscription",
        { params: { applicationName: "hotline" }, query: { eventSource: "deviceState:PJSIP/ana" } },
        undefined,
      ),
    ).toEqual({ kind: "every" });
  });

  it("anything else (Asterisk's info) goes to any one node", () => {
    expect(routeOf("GET /asterisk/info", {}, undefined)).toEqual({ kind: "any" });
  });
});
