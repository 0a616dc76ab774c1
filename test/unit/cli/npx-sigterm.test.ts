import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalConfigYaml } from "./program.ts";

const BIN = resolve(import.meta.dirname, "../../../bin/hotline.mjs");

describe("hotline start under npx", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-npx-"));
    await writeFile(join(dir, "hotline.yaml"), externalConfigYaml("./hotline.sqlite"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stops (letting calls finish) when npx's shell is terminated, instead of running on as an orphan", async () => {
    // What `npx hotline start` runs: npm exec → sh -c → node. A SIGTERM to npx ends the shell, which
    // passes nothing on. `; true` keeps sh from exec-ing node in its place, as npm's shell does not.
    const sh = spawn("sh", ["-c", `"${process.execPath}" "${BIN}" start -c hotline.yaml --drain 1; true`], {
      cwd: dir,
      env: { ...process.env, CI: "true", npm_command: "exec" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    // The app inherits these pipes: they close when the app (not only the shell) has exited.
    const closed = new Promise<void>((done) => {
      let open = 2;
      const end = () => {
        open -= 1;
        if (open === 0) done();
      };
      sh.stdout.on("data", (d: Buffer) => {
        log += d.toString();
      });
      sh.stderr.on("data", (d: Buffer) => {
        log += d.toString();
      });
      sh.stdout.on("close", end);
      sh.stderr.on("close", end);
    });
    const deadline = Date.now() + 30_000;
    while (!log.includes("hotline running") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain("hotline running");
    sh.kill("SIGTERM");
    const ended = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!ended) {
      // Before the fix: still running. Find it by its unique folder and end it, to leave nothing behind.
      const { execSync } = await import("node:child_process");
      const pids = execSync(`pgrep -f "${BIN} start -c hotline.yaml" || true`, { encoding: "utf8" }).trim();
      for (const pid of pids.split("\n").filter(Boolean)) {
        const cwd = execSync(`readlink /proc/${pid}/cwd || true`, { encoding: "utf8" }).trim();
        if (cwd === dir) process.kill(Number(pid), "SIGKILL");
      }
    }
    expect(ended).toBe(true);
    expect(log).toMatch(/"signal":"SIGTERM".*"msg":"stopping"/);
    expect(log).toContain('"msg":"stopped"');
  }, 60_000);
});
