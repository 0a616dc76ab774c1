/**
 * One matching round's view of the operators. Nothing changes while nextAssignments runs, so each
 * operator's state is read once, and who of a kind of caller's qualified operators is free, or
 * present, and their tiers, is worked out once per kind and round (when a caller of that kind is
 * first reached, and only as far as that caller needs: a kind with nobody free stops there)
 * instead of once per caller.
 */
import { localDate } from "../schedule/local-day.ts";
import { isFree, isPresent, type OperatorRecord } from "./operators.ts";
import type { Kind, Qualified } from "./qualify.ts";
import { tiers } from "./tiers.ts";

export interface Member extends Qualified {
  readonly op: OperatorRecord;
}

const ABSENT = 0;
const PRESENT = 1;
const FREE = 2;

export class Round {
  /** By configuration position. */
  private readonly records: (OperatorRecord | undefined)[];
  private readonly states: Uint8Array;
  private readonly pools = new Map<Kind, Pool>();
  private day: string | undefined;

  constructor(
    order: readonly { readonly key: string }[],
    operators: ReadonlyMap<string, OperatorRecord>,
    private readonly timezone: string,
    readonly t: number,
  ) {
    this.records = order.map((o) => operators.get(o.key));
    this.states = new Uint8Array(order.length);
    this.records.forEach((op, index) => {
      if (op) this.states[index] = isFree(op) ? FREE : isPresent(op) ? PRESENT : ABSENT;
    });
  }

  /** The pool of a kind of caller. */
  pool(kind: Kind): Pool {
    let pool = this.pools.get(kind);
    if (!pool) {
      pool = new Pool(this, kind.qualified);
      this.pools.set(kind, pool);
    }
    return pool;
  }

  /** The organization's local date now, for "calls answered today". */
  today(): string {
    this.day ??= localDate(this.t, this.timezone);
    return this.day;
  }

  /** The qualified operators at least as available as `least` (PRESENT includes the free). */
  members(qualified: readonly Qualified[], least: typeof PRESENT | typeof FREE): Member[] {
    const out: Member[] = [];
    for (const q of qualified) {
      if ((this.states[q.index] as number) < least) continue;
      // Not a spread: V8 copies a spread into a literal many times slower.
      out.push({ key: q.key, index: q.index, level: q.level, op: this.records[q.index] as OperatorRecord });
    }
    return out;
  }
}

/** The qualified operators of one kind of caller, as they are during this round. */
export class Pool {
  private free: readonly Member[];
  private takenSeen = 0;
  private everyonePresent: readonly Member[] | undefined;
  private levels: readonly number[] | undefined;

  constructor(
    private readonly round: Round,
    private readonly qualified: readonly Qualified[],
  ) {
    this.free = round.members(qualified, FREE);
  }

  /** Logged in and not paused, busy or free: they define the tiers and "someone else". */
  present(): readonly Member[] {
    this.everyonePresent ??= this.round.members(this.qualified, PRESENT);
    return this.everyonePresent;
  }

  /** Distinct levels of the present members (no competence counts as 0), best first. */
  tiers(): readonly number[] {
    this.levels ??= tiers(this.present().map((m) => m.level ?? 0));
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
