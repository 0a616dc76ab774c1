import { describe, expect, it } from "vitest";
import type { DirectoryEntry } from "../../../src/config/schema.ts";
import { type DirectoryWorld, reachableNow, targetOf } from "../../../src/directory/reachable.ts";
import { byCode, searchDirectory } from "../../../src/directory/search.ts";
import { compileSchedule } from "../../../src/schedule/index.ts";

const entry = (e: Partial<DirectoryEntry> & { name: string; code: string }): DirectoryEntry => ({
  ringTimeout: 20,
  topics: [],
  competences: [],
  ...e,
});

const directory: Record<string, DirectoryEntry> = {
  "dr-ruiz": entry({
    name: "Dr Ruiz",
    department: "Grants office",
    code: "11",
    number: "+34 910 000 099",
    topics: ["grants"],
    hours: "office",
  }),
  bursar: entry({
    name: "Bursar's desk",
    department: "Finance",
    code: "12",
    endpoint: "desk-bursar",
    competences: ["fees"],
    hours: { "mon-fri": "09:00-14:00" },
  }),
  exams: entry({ name: "Exam line", code: "20", queue: { hotline: "exams", topic: "admissions" } }),
};

const office = compileSchedule({ timezone: "Europe/Madrid", weekly: { "mon-fri": "09:00-18:00" } });

function world(iso: string, inUse = 0): DirectoryWorld {
  return {
    at: new Date(iso),
    timezone: "Europe/Madrid",
    schedules: { office },
    trunks: [{ name: "main", channels: 2 }],
    channelsInUse: () => inUse,
  };
}

describe("who in the directory is reachable now", () => {
  it("is everyone within their hours on a weekday morning (Madrid time)", () => {
    // Wednesday 2027-03-03 10:00 in Madrid (09:00 UTC).
    expect(reachableNow(directory, world("2027-03-03T09:00:00Z"))).toEqual([
      { key: "dr-ruiz", reachable: true },
      { key: "bursar", reachable: true },
      { key: "exams", reachable: true },
    ]);
  });

  it("leaves out whoever's hours are over; an entry without hours is always there", () => {
    // 15:00 in Madrid: the office schedule is open, the bursar's weekly hours are not.
    expect(reachableNow(directory, world("2027-03-03T14:00:00Z")).map((r) => [r.key, r.why])).toEqual([
      ["dr-ruiz", undefined],
      ["bursar", "outside-hours"],
      ["exams", undefined],
    ]);
    // Sunday: only the queue entry.
    expect(reachableNow(directory, world("2027-03-07T10:00:00Z")).filter((r) => r.reachable)).toEqual([
      { key: "exams", reachable: true },
    ]);
  });

  it("needs a free channel on the trunk for an outside number", () => {
    const full = reachableNow(directory, world("2027-03-03T09:00:00Z", 2));
    expect(full[0]).toEqual({ key: "dr-ruiz", reachable: false, why: "trunk-full" });
    expect(full[1]?.reachable).toBe(true);
  });

  it("dials desk phones and outside numbers, and queues for a queue entry", () => {
    expect(targetOf(directory["dr-ruiz"] as DirectoryEntry, "main")).toEqual({
      kind: "number",
      dial: "PJSIP/+34910000099@main",
      number: "+34910000099",
      trunk: "main",
    });
    expect(targetOf(directory.bursar as DirectoryEntry, "main")).toMatchObject({ dial: "PJSIP/desk-bursar" });
    expect(targetOf(directory.exams as DirectoryEntry, "main")).toEqual({
      kind: "queue",
      hotline: "exams",
      topic: "admissions",
    });
    expect(targetOf(directory["dr-ruiz"] as DirectoryEntry, undefined)).toBeUndefined();
  });
});

describe("searching the directory", () => {
  it("finds by name, department, topic or competence, any case", () => {
    const keys = (q: string) => searchDirectory(directory, q).map(([k]) => k);
    expect(keys("")).toEqual(["dr-ruiz", "bursar", "exams"]);
    expect(keys("ruiz")).toEqual(["dr-ruiz"]);
    expect(keys("FINANCE")).toEqual(["bursar"]);
    expect(keys("grants")).toEqual(["dr-ruiz"]);
    expect(keys("fees")).toEqual(["bursar"]);
    expect(keys("grants office")).toEqual(["dr-ruiz"]);
    expect(keys("nobody")).toEqual([]);
  });

  it("finds the entry an operator dialled by its code", () => {
    expect(byCode(directory, "12")?.[0]).toBe("bursar");
    expect(byCode(directory, "99")).toBeUndefined();
  });
});
