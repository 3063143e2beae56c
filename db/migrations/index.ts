import type { Migration } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_department_work";
import * as m0005 from "./0005_registry";
import * as m0006 from "./0006_action_items";
import * as m0007 from "./0007_review";
import * as m0008 from "./0008_trust";
import * as m0009 from "./0009_edition_drafts";

/**
 * Every migration, in order. Listed statically (not read from the directory) so the same list works in the
 * server bundle, the CLI scripts and the tests. A migration is never edited after it lands: add a new one.
 */
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_department_work": m0002,
  "0005_registry": m0005,
  "0006_action_items": m0006,
  "0007_review": m0007,
  "0008_trust": m0008,
  "0009_edition_drafts": m0009,
};
