import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal, readPending } from "../../../src/records/journal.ts";
import type { RecordOp } from "../../../src/records/ops.ts";

const op = (id: string): RecordOp => ({
  op: "insert",
  table: "calls",
  row: { id, started_at: "2026-11-20T09:00:00.000Z" },
});
const line = (s: number, id: string) => JSON.stringify({ s, o: op(id) });

describe("records journal", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-journal-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("replays what follows the last commit mark, in order", () => {
    const text = [line(1, "a"), line(2, "b"), '{"c":2}', line(3, "c"), line(4, "d"), ""].join("\n");
    expect(readPending(text).map((e) => e.seq)).toEqual([3, 4]);
  });

  it("drops a torn last line and rewrites the file so new lines start clean", async () => {
    const path = join(dir, "state", "records.journal");
    await rm(join(dir, "state"), { recursive: true, force: true });
    const { journal: first } = Journal.open(path);
    first.append([{ seq: 1, op: op("a") }]);
    first.close();
    await writeFile(path, `${await readFile(path, "utf8")}{"s":2,"o":{"op":"ins`, { flag: "w" });
    const { journal, pending } = Journal.open(path);
    expect(pending.map((e) => e.seq)).toEqual([1]);
    journal.append([{ seq: 2, op: op("b") }]);
    expect(readPending(await readFile(path, "utf8")).map((e) => e.seq)).toEqual([1, 2]);
    journal.close();
  });

  it("truncates when nothing is pending; marks the commit otherwise", async () => {
    const path = join(dir, "records.journal");
    const { journal } = Journal.open(path);
    journal.append([1, 2, 3].map((seq) => ({ seq, op: op(`x${seq}`) })));
    await journal.sync();
    journal.committed(2, [{ seq: 3, op: op("x3") }]);
    expect(readPending(await readFile(path, "utf8")).map((e) => e.seq)).toEqual([3]);
    journal.committed(3, []);
    expect(await readFile(path, "utf8")).toBe("");
    journal.close();
  });

  it("compacts a large journal to its pending entries once the backlog is small", async () => {
    const path = join(dir, "records.journal");
    const { journal } = Journal.open(path, { compactBytes: 1000 });
    const entries = Array.from({ length: 50 }, (_, i) => ({ seq: i + 1, op: op(`y${i}`) }));
    journal.append(entries);
    journal.committed(49, entries.slice(49));
    expect((await readFile(path, "utf8")).trim().split("\n")).toEqual([line(50, "y49")]);
    journal.close();
  });
});
