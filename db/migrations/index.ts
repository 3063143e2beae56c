import type { Migration } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_department_work";
import * as m0005 from "./0005_registry";
import * as m0006 from "./0006_action_items";
import * as m0007 from "./0007_review";
import * as m0008 from "./0008_trust";
import * as m0009 from "./0009_edition_drafts";
import * as m0010 from "./0010_grades";
import * as m0011 from "./0011_coordination";
import * as m0012 from "./0012_evidence_library";
import * as m0013 from "./0013_schemes_and_deadlines";
import * as m0014 from "./0014_happy_office_cycle";

/**
 * Every migration, in order. Listed statically (not read from the directory) so the same list works in the
 * server bundle, the CLI scripts and the tests. A migration is never edited after it lands: add a new one.
 *
 * Frozen in time: each migration imports only kysely, never the app or a shared helper (the small id-column helper
 * is copied into each one), so changing code later cannot change what an old migration does.
 *
 * The numbers skip 0003 and 0004: no file with those numbers was ever committed to this repository. The gap is
 * harmless and stays: landed migrations are never renumbered, because a database records the names it has applied.
 * The next one is 0015.
 */
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_department_work": m0002,
  "0005_registry": m0005,
  "0006_action_items": m0006,
  "0007_review": m0007,
  "0008_trust": m0008,
  "0009_edition_drafts": m0009,
  "0010_grades": m0010,
  "0011_coordination": m0011,
  "0012_evidence_library": m0012,
  "0013_schemes_and_deadlines": m0013,
  "0014_happy_office_cycle": m0014,
};
