import { describe, expect, it } from "vitest";
import type { Application } from "../../../src/asterisk/ari/generated.ts";
import { ChannelGone } from "../../../src/asterisk/channels/types.ts";
import { FakeAsterisk } from "../../support/fake-asterisk.ts";

const application = (channelIds: string[]) => ({ name: "hotline-test", channel_ids: channelIds }) as Application;

describe("the channel hub", () => {
  it("hands a channel entering the app to the handler of its kind, and its events to its handle", async () => {
    const asterisk = new FakeAsterisk();
    const started: string[] = [];
    asterisk.hub.onStart("feature", (channel, start) => started.push(`${channel.id}:${start.args.join(",")}`));
    asterisk.caller("desk-1");
    asterisk.client.emit("event", {
      type: "StasisStart",
      args: ["feature", "*1", "op-ana"],
      channel: { id: "desk-1" },
    });
    expect(started).toEqual(["desk-1:feature,*1,op-ana"]);
    const channel = asterisk.hub.channel("desk-1");
    await channel.play(["sound:hotline/agent-pin"], "en"); // settles on PlaybackFinished, routed by target_uri
    asterisk.hangUp("desk-1", 16);
    await expect(channel.whenGone()).rejects.toBeInstanceOf(ChannelGone);
    expect(await channel.ended).toMatchObject({ cause: 16, lost: false });
    expect(asterisk.hub.has("desk-1")).toBe(false);
  });

  it("ignores a channel of a kind nobody handles", () => {
    const asterisk = new FakeAsterisk();
    asterisk.client.emit("event", { type: "StasisStart", args: ["unknown"], channel: { id: "x" } });
    expect(asterisk.hub.has("x")).toBe(false);
  });

  it("after a reconnect: a channel no longer listed is lost, one still listed goes on, and adoption comes last", async () => {
    const asterisk = new FakeAsterisk();
    asterisk.caller("gone");
    asterisk.caller("here");
    const gone = asterisk.hub.channel("gone");
    const here = asterisk.hub.channel("here");
    const seenAtAdoption: boolean[] = [];
    asterisk.hub.onReconnect(async () => {
      seenAtAdoption.push(gone.isGone, here.isGone);
    });
    asterisk.client.emit("connected", application(["here"]));
    expect(await gone.ended).toMatchObject({ lost: true, causeText: "channel lost" });
    await new Promise((r) => setTimeout(r, 10));
    expect(seenAtAdoption).toEqual([true, false]);
    expect(here.isGone).toBe(false);
  });

  it("a leg still ringing is not in the app's list: it is looked up, not taken for lost", async () => {
    const asterisk = new FakeAsterisk();
    asterisk.phone("op-ana", "ring");
    const leg = asterisk.hub.channel("operator-1", { inStasis: false });
    await asterisk.ari.channels.originate({ channelId: "operator-1", endpoint: "PJSIP/op-ana", app: "hotline-test" });
    const ghost = asterisk.hub.channel("operator-2", { inStasis: false }); // never originated: Asterisk has none
    asterisk.client.emit("connected", application([]));
    expect(await ghost.ended).toMatchObject({ lost: true });
    expect(leg.isGone).toBe(false);
  });
});
