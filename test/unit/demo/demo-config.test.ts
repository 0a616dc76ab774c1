import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigSync } from "../../../src/config/index.ts";
import { demoConfig, openCallers } from "../../../src/demo/run-demo.ts";

const EXAMPLE = join(import.meta.dirname, "../../../config/hotline.example.yaml");

function example() {
  const loaded = loadConfigSync(EXAMPLE, { env: {} });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  return loaded.config;
}

describe("the demo's configuration", () => {
  it("keeps its database, state, recordings and Asterisk in its own folder, never the real records", () => {
    const base = example();
    const config = demoConfig(base, "/srv/x/var/demo", 40_000);
    expect(config.database).toEqual({ client: "sqlite", filename: "/srv/x/var/demo/hotline.sqlite" });
    expect(config.database.filename).not.toBe(base.database.filename);
    expect(config.state.dir).toBe("/srv/x/var/demo/state");
    expect(config.recordings.dir).toBe("/srv/x/var/demo/recordings");
    expect(config.asterisk.sandbox.dir).toBe("/srv/x/var/demo/asterisk");
    expect(config.trunks[0]?.match).toEqual([
      "127.0.0.1:40003",
      "127.0.0.1:40004",
      "127.0.0.1:40005",
      "127.0.0.1:40006",
    ]);
  });

  it("lets the caller who gives up wait long enough to count as abandoned, not as a short abandon", () => {
    const base = example();
    const radio = openCallers(["1", "2", "3"]).find((c) => c.who.includes("gives up"));
    const actions = radio?.actions ?? [];
    const lastPress = actions.map((a) => "press" in a).lastIndexOf(true);
    const waitAfter = actions.slice(lastPress + 1).reduce((sum, a) => sum + ("wait" in a ? a.wait : 0), 0);
    // About 6 s of prompts follow the topic key before the caller is queued (measured: a 9 s wait
    // after it left a 3 s queue wait); the rest is time in the queue.
    const inQueue = (waitAfter - 6000) / 1000;
    expect(actions.at(-1)).toEqual({ hangup: true });
    expect(inQueue).toBeGreaterThanOrEqual(base.analysis.shortAbandonSeconds + 5);
  });
});
