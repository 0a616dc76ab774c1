/**
 * One matching round's view of the operators. Nothing changes while nextAssignments runs, so who
 * of a kind of caller's qualified operators is present or free, and their tiers, is worked out once
 * per kind and round (when a caller of that kind is first reached) instead of once per caller.
 */
import { localDate } from "../schedule/local-day.ts";
import { isFree, isPresent, type OperatorRecord } from "./operators.ts";
import type { Qualified } from "./qualify.ts";
import { tiers } from "./tiers.ts";

export interface Member extends Qualified {
  readonly op: OperatorRecord;
}

/** The qualified operators of one kind of caller, as they are during this round. */
export class Pool {
  /** Logged in and not paused, busy or free: they define the tiers and "someone else". */
  readonly present: readonly Member[];
  private free: readonly Member[];
  private takenSeen = 0;
  private levels: readonly number[] | undefined;

  constructor(qualified: readonly Qualified[], operators: ReadonlyMap<string, OperatorRecord>) {
    const present: Member[] = [];
    for (const q of qualified) {
      const op = operators.get(q.key);
      // Not a spread: V8 copies a spread into a literal many times slower.
      if (op && isPresent(op)) present.push({ key: q.key, index: q.index, level: q.level, op });
    }
    this.present = present;
    this.free = present.filter((m) => isFree(m.op));
  }

  /** Distinct levels of the present members (no competence counts as 0), best first. */
  tiers(): readonly number[] {
    this.levels ??= tiers(this.present.map((m) => m.level ?? 0));
    return this.levels;
  }

  /** The free members nobody has been offered yet this round, in configuration order. */
  untaken(taken: ReadonlySet<string>): readonly Member[] {
    // Only grows during a round, so a member once taken is dropped for good.
    if (taken.size !== this.takenSeen && this.free.length > 0) {
      this.free = this.free.filter((m) => !taken.has(m.key));
      this.takenSeen = taken.size;
    }
    return this.free;
  }
}

export class Round {
  private readonly pools = new Map<readonly Qualified[], Pool>();
  private day: string | undefined;

  constructor(
    private readonly operators: ReadonlyMap<string, OperatorRecord>,
    private readonly timezone: string,
    readonly t: number,
  ) {}

  /** The pool of a kind of caller, from the list the qualification index gives for that kind. */
  pool(qualified: readonly Qualified[]): Pool {
    let pool = this.pools.get(qualified);
    if (!pool) {
      pool = new Pool(qualified, this.operators);
      this.pools.set(qualified, pool);
    }
    return pool;
  }

  /** The organization's local date now, for "calls answered today". */
  today(): string {
    this.day ??= localDate(this.t, this.timezone);
    return this.day;
  }
}
