import { describe, expect, it } from "vitest";
import { lint } from "../../../src/schedule/index.ts";
import { compile } from "./helpers.ts";

describe("lint", () => {
  it("has nothing to say about a plain office schedule", () => {
    expect(
      lint(compile({ weekly: { "mon-fri": ["09:00-14:00", "15:00-18:00"] }, holidays: [{ date: "12-25" }] })),
    ).toEqual([]);
  });

  it("warns about a weekday left out between open days, not about one written as closed", () => {
    expect(lint(compile({ weekly: { "mon,tue,thu,fri": "09:00-18:00" } }))).toEqual([
      {
        path: ["weekly"],
        message:
          'wed has no hours in the weekly hours although tue and thu are open; write "wed: closed" if that is intended',
      },
    ]);
    expect(lint(compile({ weekly: { "mon,tue,thu,fri": "09:00-18:00", wed: "closed" } }))).toEqual([]);
  });

  it("warns about overlapping ranges on one day and night ranges running into the next day", () => {
    expect(lint(compile({ weekly: { mon: ["09:00-13:00", "12:00-18:00"] } }))).toEqual([
      { path: ["weekly", "mon"], message: "ranges 09:00-13:00 and 12:00-18:00 overlap on mon in the weekly hours" },
    ]);
    expect(lint(compile({ weekly: { fri: "22:00-06:00+1", sat: "05:00-12:00" } }))).toEqual([
      { path: ["weekly", "fri"], message: "fri 22:00-06:00+1 runs into sat 05:00-12:00 in the weekly hours" },
    ]);
    const campaign = { name: "C", from: "2027-07-01", to: "2027-07-02", hours: ["09:00-12:00", "11:00-13:00"] };
    expect(lint(compile({ weekly: "24/7", campaigns: [campaign] }))).toEqual([
      { path: ["campaigns", 0, "hours"], message: 'ranges 09:00-12:00 and 11:00-13:00 overlap in campaign "C"' },
    ]);
  });

  it("warns about a campaign that holidays cover entirely", () => {
    const s = compile({
      weekly: "24/7",
      campaigns: [{ name: "Xmas drive", from: "2027-12-24", to: "2027-12-26", hours: "09:00-18:00" }],
      holidays: [{ from: "12-24", to: "12-26", name: "Christmas" }],
    });
    expect(lint(s)).toEqual([
      {
        path: ["campaigns", 0],
        message: 'campaign "Xmas drive" is entirely covered by holidays or exceptions, so its hours never apply',
      },
    ]);
  });

  it("warns when the schedule never opens", () => {
    expect(lint(compile({ weekly: { daily: "closed" } }))).toEqual([
      { path: [], message: "the schedule never opens: no rule has any hours" },
    ]);
  });
});
