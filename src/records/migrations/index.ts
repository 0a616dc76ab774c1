import type { Knex } from "knex";
import * as m001 from "./001_calls.ts";
import * as m002 from "./002_journey.ts";
import * as m003 from "./003_call_costs.ts";
import * as m004 from "./004_operator_activity.ts";
import * as m005 from "./005_operator_state_detail.ts";
import * as m006 from "./006_wrap_up.ts";
import * as m007 from "./007_outcome_columns.ts";
import * as m008 from "./008_transfers.ts";
import * as m009 from "./009_callbacks_made.ts";
import * as m010 from "./010_room.ts";
import * as m011 from "./011_audit.ts";
import * as m014 from "./014_call_node.ts";
import * as m015 from "./015_call_source.ts";

/** Migrations are imported, not discovered on disk: the same list works from sources, tests and bundles. */
const migrations: Record<string, Knex.Migration> = {
  "001_calls": m001,
  "002_journey": m002,
  "003_call_costs": m003,
  "004_operator_activity": m004,
  "005_operator_state_detail": m005,
  "006_wrap_up": m006,
  "007_outcome_columns": m007,
  "009_callbacks_made": m009,
  "010_room": m010,
  "008_transfers": m008,
  "011_audit": m011,
  "014_call_node": m014,
  "015_call_source": m015,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};
