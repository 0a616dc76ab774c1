/**
 * Cost of one schedule decision. Run: npx tsx bench/schedule.bench.ts
 * A realistic schedule (split weekday shifts, weekend nights, holidays from YAML and .ics,
 * campaigns, exceptions) is asked about 200k random instants over two years.
 */
import { compileSchedule, explain, isOpen, nextOpening } from "../src/schedule/index.ts";
import { result } from "./result.ts";

const TARGET_US = 20;
const N = 200_000;

const ics = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  ...[
    "20270101",
    "20270106",
    "20270402",
    "20270501",
    "20270815",
    "20271012",
    "20271101",
    "20271206",
    "20271208",
  ].flatMap((d, i) => ["BEGIN:VEVENT", `DTSTART;VALUE=DATE:${d}`, `SUMMARY:Holiday ${i}`, "END:VEVENT"]),
  "BEGIN:VEVENT",
  "DTSTART;VALUE=DATE:20270319",
  "RRULE:FREQ=YEARLY",
  "SUMMARY:San José",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "DTSTART:20270705T150000",
  "DTEND:20270705T170000",
  "SUMMARY:Staff meeting",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

const schedule = compileSchedule(
  {
    timezone: "Europe/Madrid",
    weekly: {
      "mon-thu": ["08:00-14:00", "15:00-20:00"],
      fri: ["08:00-14:00", "15:00-20:00", "22:00-04:00+1"],
      sat: ["10:00-14:00", "22:00-04:00+1"],
      sun: "closed",
    },
    holidays: [{ date: "12-25", name: "Christmas" }, { date: "01-01", name: "New Year" }, { ics: "es.ics" }],
    campaigns: [
      { name: "Summer", from: "2027-07-01", to: "2027-08-31", hours: "09:00-18:00" },
      { name: "Winter", from: "12-20", to: "01-10", weekly: { "mon-sat": "08:00-22:00" } },
    ],
    exceptions: [
      { date: "2027-12-24", hours: "09:00-14:00" },
      { date: "2027-12-31", hours: "closed" },
      { date: "2028-02-29", hours: "12:00-13:00" },
    ],
  },
  { icsLoader: () => ics },
);

// Deterministic pseudo-random instants (mulberry32) over 2027-01-01 … 2028-12-31.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const from = Date.UTC(2027, 0, 1);
const span = Date.UTC(2029, 0, 1) - from;
const instants = Array.from({ length: N }, () => new Date(from + Math.floor(random() * span)));

// Results are summed into a global so the work cannot be optimised away.
let sink = 0;

function measure(name: string, fn: (t: Date) => unknown): void {
  for (let i = 0; i < 20_000; i++) sink += fn(instants[i % N] as Date) ? 1 : 0; // warm-up (JIT, day cache)
  const start = process.hrtime.bigint();
  for (const t of instants) sink += fn(t) ? 1 : 0;
  const us = Number(process.hrtime.bigint() - start) / 1000 / N;
  console.log(`${name}: ${us.toFixed(2)} µs/op (target ≤ ${TARGET_US} µs)`);
  if (!result({ bench: name, value: us, unit: "µs", target: TARGET_US, bound: "max", digits: 2 })) {
    console.error(`${name}: over target`);
  }
}

measure("schedule.explain", (t) => explain(schedule, t).open);
measure("schedule.isOpen", (t) => isOpen(schedule, t));
measure("schedule.nextOpening", (t) => nextOpening(schedule, t));
console.log(`(${N} random instants over 2027–2028, ${sink} open answers)`);
