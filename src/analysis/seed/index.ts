import type { Knex } from "knex";
import type { HotlineConfig } from "../../config/schema.ts";
import type { IsoWeek } from "../types.ts";
import { generateWeek, type SeedOptions, type SyntheticWeek } from "./generate.ts";
import { insertSynthetic } from "./insert.ts";
import { markSynthetic } from "./marker.ts";
import { seedPlan } from "./plan.ts";

/** `hotline seed`: a synthetic week for the configuration, written and marked synthetic. */
export async function seedWeek(
  db: Knex,
  config: HotlineConfig,
  week: IsoWeek,
  options: SeedOptions = {},
): Promise<SyntheticWeek> {
  const data = generateWeek(seedPlan(config), week, options);
  await insertSynthetic(db, `syn-${week.label}-`, data);
  await markSynthetic(db, week.label, new Date());
  return data;
}
