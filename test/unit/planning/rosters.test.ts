import { describe, expect, it } from "vitest";
import { proposeRosterMoves, shortHours } from "../../../src/planning/rosters.ts";
import { plannedByHour } from "../../../src/planning/staffing.ts";

/** One operator needed Monday to Friday 09–17. */
const needed = new Array<number>(168).fill(0);
for (let d = 0; d < 5; d++) for (let h = 9; h < 17; h++) needed[d * 24 + h] = 1;

const maria = (breaks: string[]) => ({
  id: "maria",
  name: "María",
  roster: { shifts: { "mon-fri": "07:30-14:30" }, lunch: "13:00-13:30", breaks },
});

describe("roster changes proposed for the hours short of operators", () => {
  it("moves a shift to where the calls are, the smallest move that covers the most", () => {
    const before = shortHours(needed, plannedByHour([maria(["10:30-10:45"]).roster]));
    // Each weekday: 14:30–17:00 nobody, plus her lunch and break: 2.5 + 0.5 + 0.25 hours.
    expect(before).toBeCloseTo(5 * 3.25, 9);
    const p = proposeRosterMoves([maria(["10:30-10:45"])], needed);
    expect(p.moves).toEqual([
      {
        operator: "maria",
        name: "María",
        days: "mon-fri",
        from: "07:30-14:30",
        // 09:00–16:00, 09:30–16:30 and 10:00–17:00 each leave 1.75 h a day short (an hour's gap, lunch,
        // the break): the smallest move wins.
        to: "09:00-16:00",
        shortBefore: expect.closeTo(16.25, 9),
        shortAfter: expect.closeTo(5 * 1.75, 9),
      },
    ]);
    expect(p.rosters.maria?.shifts).toEqual({ "mon-fri": "09:00-16:00" });
    // Same length, same lunch and break.
    expect(p.rosters.maria?.lunch).toBe("13:00-13:30");
  });

  it("never takes away a minute of lunch or a break: a move that would is not proposed", () => {
    // A break at 07:45 leaves no later start that keeps it.
    const p = proposeRosterMoves([maria(["07:45-08:00"])], needed);
    expect(p.moves).toEqual([]);
    expect(p.shortAfter).toBe(p.shortBefore);
  });

  it("proposes nothing when nothing is short", () => {
    const p = proposeRosterMoves([maria([])], new Array<number>(168).fill(0));
    expect(p.moves).toEqual([]);
    expect(p.shortBefore).toBe(0);
  });
});
