import { describe, expect, it } from "vitest";
import { preview } from "../../../src/schedule/index.ts";
import { compile, local } from "./helpers.ts";

describe("preview", () => {
  const s = compile({
    weekly: { "mon-fri": ["09:00-14:00", "16:00-19:00"], sat: "22:00-02:00+1" },
    holidays: [{ date: "12-25", name: "Christmas" }],
    exceptions: [{ date: "2027-12-24", hours: "09:00-13:00" }],
  });

  it("lists each local day with its deciding rule and intervals in local time", () => {
    const days = preview(s, local("2027-12-23T20:00"), 14);
    expect(days).toHaveLength(14);
    expect(
      days
        .slice(0, 5)
        .map((d) => [d.date, d.weekday, d.rule.kind, d.intervals.map((i) => `${i.from}-${i.to}`).join(" ")]),
    ).toEqual([
      ["2027-12-23", "thu", "weekly", "09:00-14:00 16:00-19:00"],
      ["2027-12-24", "fri", "exception", "09:00-13:00"],
      ["2027-12-25", "sat", "holiday", ""],
      ["2027-12-26", "sun", "weekly", ""],
      ["2027-12-27", "mon", "weekly", "09:00-14:00 16:00-19:00"],
    ]);
    expect(days[13]?.date).toBe("2028-01-05");
  });

  it("shows a night range on the day it starts, with its real instants", () => {
    const [sat] = preview(s, local("2028-01-01T12:00"), 1);
    expect(sat?.intervals).toEqual([
      { start: local("2028-01-01T22:00"), end: local("2028-01-02T02:00"), from: "22:00", to: "02:00+1" },
    ]);
  });

  it("writes a range ending at midnight as 24:00", () => {
    const [day] = preview(compile({ weekly: { daily: "18:00-24:00" } }), local("2027-05-03T12:00"), 1);
    expect(day?.intervals.map((i) => i.to)).toEqual(["24:00"]);
  });
});
