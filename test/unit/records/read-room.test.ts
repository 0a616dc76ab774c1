import { openDatabase } from "../../../src/records/db.ts";
import { readRoomSuite } from "./read-room-suite.ts";

readRoomSuite("SQLite", {
  open: () => openDatabase({ client: "sqlite", filename: ":memory:" }),
  close: (db) => db.destroy(),
});
