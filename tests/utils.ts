// Helpers for integration tests that call loaders and actions directly, as a signed-in person would.
import { nowIso } from "#db/connection";
import type { Role } from "#db/schema";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { createSession } from "~/utils/session.server";

let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export async function createInstitution(name = "테스트구", type: "sido" | "sigungu" = "sigungu") {
  const row = await db
    .insertInto("institutions")
    .values({ code: unique("inst"), name, region: "서울특별시", type, created_at: nowIso() })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  return row;
}

export async function createDepartment(institutionId: number, name = unique("부서")) {
  return db
    .insertInto("departments")
    .values({ institution_id: institutionId, name, created_at: nowIso() })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
}

const PASSWORD_HASH = hashPassword("correct horse 1");

export async function createUser(
  options: {
    role?: Role;
    institutionId?: number;
    departmentId?: number | null;
    admin?: boolean;
    password?: string;
  } = {},
) {
  const now = nowIso();
  const user = await db
    .insertInto("users")
    .values({
      username: unique("user"),
      display_name: "테스트 사용자",
      email: null,
      password_hash: options.password ? await hashPassword(options.password) : await PASSWORD_HASH,
      is_system_admin: options.admin ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning(["id", "username"])
    .executeTakeFirstOrThrow();
  if (options.role && options.institutionId) {
    await db
      .insertInto("memberships")
      .values({
        user_id: user.id,
        institution_id: options.institutionId,
        role: options.role,
        department_id: options.departmentId ?? null,
        created_at: now,
      })
      .execute();
  }
  return user;
}

/** A Cookie header for a fresh session of the user. */
export async function cookieFor(userId: number): Promise<string> {
  const setCookie = await createSession(userId, "vitest");
  return setCookie.split(";")[0];
}

/** A Request as the user would send it; `form` makes it a POST of form fields. */
export async function requestAs(
  userId: number | null,
  url: string,
  form?: Record<string, string | string[]>,
): Promise<Request> {
  const headers = new Headers();
  if (userId !== null) headers.set("Cookie", await cookieFor(userId));
  if (!form) return new Request(`http://localhost${url}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${url}`, { method: "POST", headers, body });
}

export interface Outcome {
  status: number;
  location: string | null;
  body: any;
}

/** Status, redirect target and body of whatever a loader or action returned or threw: Response, data() or a plain object. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
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

/** Runs a loader/action and returns its thrown or returned status (200 for plain data). */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  return (await outcome(run)).status;
}

/** A loader's or action's arguments; `context` is what server/app.js would pass (clientAddress: who is asking). */
export const routeArgs = (
  request: Request,
  params: Record<string, string> = {},
  context: { clientAddress?: string } = {},
) => ({ request, params, context });

export { db };
