import { describe, expect, it } from "vitest";
import type { AriEvent } from "../../../../src/asterisk/ari/generated.ts";
import { mergeEndpoints, systemNameProblem } from "../../../../src/asterisk/nodes/ari-nodes.ts";
import { combinedDeviceState } from "../../../../src/asterisk/nodes/device-state.ts";
import { NodeDirectory } from "../../../../src/asterisk/nodes/directory.ts";

const channel = (id: string) => ({ id, name: `PJSIP/x-${id}` });
const event = (type: string, extra: object) => ({ type, ...extra }) as unknown as AriEvent;

describe("the node directory", () => {
  it("a channel first seen in a node's events is that node's until it is destroyed", () => {
    const dir = new NodeDirectory();
    dir.learn(event("StasisStart", { channel: channel("c1") }), "a");
    dir.learn(event("ChannelStateChange", { channel: channel("c1") }), "b");
    expect(dir.get("channel", "c1")).toBe("a");
    dir.learn(event("ChannelDestroyed", { channel: channel("c1") }), "a");
    expect(dir.get("channel", "c1")).toBeUndefined();
  });

  it("learns bridges and playbacks and forgets them when they end", () => {
    const dir = new NodeDirectory();
    dir.learn(event("BridgeCreated", { bridge: { id: "b1" } }), "b");
    dir.learn(event("PlaybackStarted", { playback: { id: "p1", target_uri: "channel:c1" } }), "b");
    expect([dir.get("bridge", "b1"), dir.get("playback", "p1")]).toEqual(["b", "b"]);
    dir.learn(event("BridgeDestroyed", { bridge: { id: "b1" } }), "b");
    dir.learn(event("PlaybackFinished", { playback: { id: "p1", target_uri: "channel:c1" } }), "b");
    expect([dir.get("bridge", "b1"), dir.get("playback", "p1")]).toEqual([undefined, undefined]);
  });

  it("a node that dies loses its channels and bridges but keeps its recordings", () => {
    const dir = new NodeDirectory();
    dir.set("channel", "c1", "a");
    dir.set("channel", "c2", "b");
    dir.set("channel", "c3", "b");
    dir.set("bridge", "b1", "b");
    dir.set("recording", "r1", "b");
    expect(dir.channelsPerNode()).toEqual(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
    expect(dir.channelsOn("b")).toEqual(["c2", "c3"]);
    dir.dropNode("b");
    expect(dir.channelsOn("b")).toEqual([]);
    expect(dir.get("bridge", "b1")).toBeUndefined();
    expect(dir.get("recording", "r1")).toBe("b");
    expect(dir.get("channel", "c1")).toBe("a");
  });
});

describe("a desk phone seen by several nodes", () => {
  it("is as busy as its busiest node says", () => {
    expect(combinedDeviceState(["NOT_INUSE", "INUSE"])).toBe("INUSE");
    expect(combinedDeviceState(["UNAVAILABLE", "NOT_INUSE"])).toBe("NOT_INUSE");
    expect(combinedDeviceState(["RINGING", "NOT_INUSE"])).toBe("RINGING");
    expect(combinedDeviceState([])).toBe("UNKNOWN");
  });

  it("is one endpoint, online where any node has it online, with every node's channels", () => {
    const ep = (state: "online" | "offline", ids: string[]) => ({
      technology: "PJSIP",
      resource: "ana",
      state,
      channel_ids: ids,
    });
    const merged = mergeEndpoints([
      ep("offline", []),
      ep("online", ["c1"]),
      { ...ep("online", ["c2"]), resource: "bo" },
    ]);
    expect(merged).toEqual([
      { technology: "PJSIP", resource: "ana", state: "online", channel_ids: ["c1"] },
      { technology: "PJSIP", resource: "bo", state: "online", channel_ids: ["c2"] },
    ]);
  });
});

describe("the nodes' asterisk.conf systemname", () => {
  it("must be set and differ between nodes: it keeps their channel ids apart", () => {
    expect(systemNameProblem("a", "", new Map([["a", ""]]))).toMatch(/no systemname/);
    expect(
      systemNameProblem(
        "b",
        "ast1",
        new Map([
          ["a", "ast1"],
          ["b", "ast1"],
        ]),
      ),
    ).toMatch(/share the systemname ast1/);
    expect(
      systemNameProblem(
        "b",
        "ast2",
        new Map([
          ["a", "ast1"],
          ["b", "ast2"],
        ]),
      ),
    ).toBeUndefined();
  });
});
