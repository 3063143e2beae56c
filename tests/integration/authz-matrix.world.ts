// A small world for tests that call every route: two institutions, the people of every role in the first, two
// outsiders in the second, an open round in each on the 2014 edition, an assigned indicator with a saved answer and
// a stored evidence file. Shared by the authorization matrix and the action fuzzer (tests/fuzz).
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import SQLite from "better-sqlite3";
import { createHash } from "node:crypto";
import { databaseUrlFromEnv, nowIso } from "#db/connection";
import pg from "pg";
import { env } from "~/utils/env.server";
import { addEvidence } from "~/utils/evidence.server";
import { storeInLibrary } from "~/utils/library-write.server";
import { localFileStore } from "~/utils/storage.server";
import { createDepartment, createInstitution, createUser, db } from "../utils";

export const EDITION = "2014-sigungu-v2";

export type Persona =
  | "stranger"
  | "admin"
  | "coordinator"
  | "member"
  | "otherMember"
  | "auditor"
  | "noRole"
  | "outsiderCoordinator"
  | "outsiderMember";
export const PERSONAS: Persona[] = [
  "stranger",
  "admin",
  "coordinator",
  "member",
  "otherMember",
  "auditor",
  "noRole",
  "outsiderCoordinator",
  "outsiderMember",
];

export interface World {
  users: Record<Exclude<Persona, "stranger">, number>;
  institutionId: number;
  otherInstitutionId: number;
  roundId: number;
  otherRoundId: number;
  departmentId: number;
  code: string;
  evidenceId: number;
  /** Route params by name, pointing at the first institution's data. */
  params: Record<string, string>;
}

async function openRound(institutionId: number, title: string) {
  const now = nowIso();
  return db
    .insertInto("rounds")
    .values({
      institution_id: institutionId,
      edition_id: EDITION,
      year: 2014,
      title,
      state: "open",
      deadline_at: "2030-08-29T09:00:00.000Z",
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function buildWorld(): Promise<World> {
  const inst = await createInstitution("가나구");
  const other = await createInstitution("다라구");
  const dept = await createDepartment(inst.id, "민원여권과");
  const otherDept = await createDepartment(inst.id, "자치행정과");
  const outsiderDept = await createDepartment(other.id, "총무과");
  const users = {
    admin: (await createUser({ admin: true })).id,
    coordinator: (await createUser({ role: "coordinator", institutionId: inst.id, departmentId: dept.id })).id,
    member: (await createUser({ role: "department_member", institutionId: inst.id, departmentId: dept.id })).id,
    otherMember: (await createUser({ role: "department_member", institutionId: inst.id, departmentId: otherDept.id }))
      .id,
    auditor: (await createUser({ role: "auditor", institutionId: inst.id })).id,
    noRole: (await createUser()).id,
    outsiderCoordinator: (
      await createUser({ role: "coordinator", institutionId: other.id, departmentId: outsiderDept.id })
    ).id,
    outsiderMember: (
      await createUser({ role: "department_member", institutionId: other.id, departmentId: outsiderDept.id })
    ).id,
  };
  const round = await openRound(inst.id, "2014년 자율진단");
  const otherRound = await openRound(other.id, "2014년 자율진단");
  const indicator = await db
    .selectFrom("edition_indicators")
    .select("code")
    .where("edition_id", "=", EDITION)
    .orderBy("sort_order")
    .executeTakeFirstOrThrow();
  const code = indicator.code;
  for (const [roundId, departmentId] of [
    [round.id, dept.id],
    [otherRound.id, outsiderDept.id],
  ]) {
    await db
      .insertInto("assignments")
      .values({
        round_id: roundId,
        indicator_code: code,
        department_id: departmentId,
        role: "lead",
        created_at: nowIso(),
      })
      .execute();
  }
  const roundRow = await db.selectFrom("rounds").selectAll().where("id", "=", round.id).executeTakeFirstOrThrow();
  const bytes = Buffer.from("%PDF-1.4\n% evidence for the matrix\n");
  const stored = await localFileStore(env.uploadDir).put(Readable.from([bytes]));
  const evidenceId = await addEvidence(db, users.member, roundRow, code, {
    kind: "file",
    title: "증빙",
    file: { ...stored, name: "증빙.pdf", mime: "application/pdf" },
  });
  // The same file in the department's evidence library (its download route points at it).
  const libraryFile = await storeInLibrary(
    db,
    users.member,
    inst.id,
    dept.id,
    {
      ...stored,
      name: "증빙.pdf",
      mime: "application/pdf",
    },
    "증빙",
  );
  // An edition draft the admin is editing (the edition editor's routes point at it).
  const content = (
    await db.selectFrom("rubric_editions").select("content").where("id", "=", EDITION).executeTakeFirstOrThrow()
  ).content;
  const draft = await db
    .insertInto("edition_drafts")
    .values({
      base_edition_id: EDITION,
      edition_id: "matrix-draft",
      content: JSON.stringify({ ...JSON.parse(content), id: "matrix-draft" }),
      version: 1,
      created_by: users.admin,
      created_at: nowIso(),
      updated_by: users.admin,
      updated_at: nowIso(),
      published_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    users,
    institutionId: inst.id,
    otherInstitutionId: other.id,
    roundId: round.id,
    otherRoundId: otherRound.id,
    departmentId: dept.id,
    code,
    evidenceId,
    params: {
      roundId: String(round.id),
      code,
      institutionId: String(inst.id),
      evidenceId: String(evidenceId),
      fileId: String(libraryFile.id),
      editionId: EDITION,
      departmentId: String(dept.id),
      userId: String(users.member),
      draftId: String(draft.id),
    },
  };
}

export interface RouteFile {
  /** Route id as Remix names it: "routes/rounds.$roundId.indicators.$code". */
  id: string;
  file: string;
  /** URL pattern, e.g. "/rounds/:roundId/indicators/:code". */
  pattern: string;
  paramNames: string[];
}

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

/** Splits a flat-routes file name on the dots that separate segments (not those inside [ ]). */
function segmentsOf(name: string): string[] {
  const out: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of name) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    if (ch === "." && !escaped) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Every route module under app/routes, by Remix's flat-routes convention (files, or folders with route.tsx). */
export function routeFiles(): RouteFile[] {
  const routes: RouteFile[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    let name: string;
    let file: string;
    if (entry.isDirectory()) {
      const inside = ["route.tsx", "route.ts", "route.jsx", "route.js"].find((f) =>
        fs.existsSync(path.join(ROUTES_DIR, entry.name, f)),
      );
      if (!inside) continue;
      name = entry.name;
      file = path.join(ROUTES_DIR, entry.name, inside);
    } else {
      if (!/\.(tsx?|jsx?)$/.test(entry.name) || /\.(test|server|client)\.[jt]sx?$/.test(entry.name)) continue;
      name = entry.name.replace(/\.(tsx?|jsx?)$/, "");
      file = path.join(ROUTES_DIR, entry.name);
    }
    const paramNames: string[] = [];
    const parts: string[] = [];
    for (const raw of segmentsOf(name)) {
      if (raw === "_index" || (raw.startsWith("_") && !raw.startsWith("_index"))) continue; // index or pathless layout
      let seg = raw.endsWith("_") ? raw.slice(0, -1) : raw;
      seg = seg.replace(/\[(.*?)\]/g, "$1");
      if (seg === "$") {
        paramNames.push("*");
        parts.push(":*");
      } else if (seg.startsWith("$")) {
        paramNames.push(seg.slice(1));
        parts.push(`:${seg.slice(1)}`);
      } else if (seg.startsWith("(") && seg.endsWith(")")) {
        continue; // optional segment: left out
      } else parts.push(seg);
    }
    routes.push({ id: `routes/${name}`, file, pattern: `/${parts.join("/")}`, paramNames });
  }
  return routes.sort((a, b) => a.id.localeCompare(b.id));
}

export function urlOf(route: RouteFile, params: Record<string, string>): string {
  return route.pattern.replace(/:([\w*]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "1"));
}

/** Status and body of whatever a loader or action returned or threw: Response, data() or a plain object. */
export async function outcome(
  run: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; body: unknown }> {
  try {
    const result = await run();
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("Location"), body: result };
    if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
      const r = result as { data: unknown; init: ResponseInit | null };
      return { status: r.init?.status ?? 200, location: null, body: r.data };
    }
    return { status: 200, location: null, body: result };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, location: error.headers.get("Location"), body: error };
    throw error;
  }
}

/** A redirect to the sign-in page (the guard's answer to someone not signed in). */
export const isSignInRedirect = (o: { status: number; location: string | null }) =>
  o.status >= 300 && o.status < 400 && /^\/login(\?redirectTo=|$)/.test(o.location ?? "");

/**
 * A digest of every row of every table (and every stored file name), to prove that a refused request changed
 * nothing. Read through a second connection, which sees exactly what was committed.
 */
export async function fingerprint(options: { ignore?: string[] } = {}): Promise<string> {
  const hash = createHash("sha256");
  const url = databaseUrlFromEnv();
  if (url) {
    // PostgreSQL: a fresh connection sees exactly what was committed. Rows in key order (MVCC keeps no order).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (
        await client.query(
          "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
        )
      ).rows
        .map((r: { table_name: string }) => r.table_name)
        .filter((t) => !(options.ignore ?? []).includes(t));
      for (const t of tables) {
        hash.update(`#${t}\n`);
        for (const row of (await client.query(`select * from "${t}" order by 1`)).rows)
          hash.update(JSON.stringify(row));
      }
    } finally {
      await client.end();
    }
  } else {
    const sqlite = new SQLite(process.env.DATABASE_PATH!, { readonly: true });
    try {
      const tables = (
        sqlite
          .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
          .all() as { name: string }[]
      )
        .map((t) => t.name)
        .filter((t) => !(options.ignore ?? []).includes(t));
      for (const t of tables) {
        hash.update(`#${t}\n`);
        for (const row of sqlite.prepare(`select * from "${t}"`).iterate()) hash.update(JSON.stringify(row));
      }
    } finally {
      sqlite.close();
    }
  }
  if (fs.existsSync(env.uploadDir))
    hash.update(fs.readdirSync(env.uploadDir, { recursive: true }).map(String).sort().join("\n"));
  return hash.digest("hex");
}
