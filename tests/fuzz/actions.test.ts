// Property-based fuzzing of every action in app/routes (found on disk): random and hostile form posts, as the
// people who may use the route and as a stranger. Two properties, for every payload:
//   1. the action answers (a Response, data or a redirect) and never a 5xx, nor throws an error;
//   2. when it refuses the input (4xx, a sign-in redirect, or an answer carrying errors / ok:false), nothing in the
//      database or the file store changed.
// Field names and intents are harvested from the app's source (form field names, `case "…"`, `z.literal("…")`),
// so the fuzzer reaches past the first validation of routes that land later too.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cookieFor } from "../utils";
import {
  buildWorld,
  fingerprint,
  isSignInRedirect,
  outcome,
  type Persona,
  routeFiles,
  urlOf,
  type World,
} from "../integration/authz-matrix.world";

const APP = path.resolve(import.meta.dirname, "../../app");
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/**
 * The run's seed: FUZZ_SEED to repeat a run, otherwise a new one, printed so a failure can be replayed with
 * `FUZZ_SEED=<seed> npx vitest run tests/fuzz/actions.test.ts` (fast-check also names it in a failure's message).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not "${process.env.FUZZ_SEED}"`);
console.info(`fuzz seed: ${SEED} (repeat with FUZZ_SEED=${SEED})`);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? sourceFiles(path.join(dir, e.name))
        : /\.(tsx?)$/.test(e.name) && !e.name.includes(".test.")
          ? [path.join(dir, e.name)]
          : [],
    );
}

const harvested = (() => {
  const names = new Set<string>(["intent", "version", "redirectTo", "id"]);
  const words = new Set<string>();
  for (const file of sourceFiles(APP)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/name="([\w.[\]-]{1,60})"/g)) names.add(m[1]);
    for (const m of text.matchAll(/(?:form|formData)\.get(?:All)?\("([\w.-]{1,60})"\)/g)) names.add(m[1]);
    for (const m of text.matchAll(/fields\.(\w{1,40})/g)) names.add(m[1]);
    for (const m of text.matchAll(/(?:case|intent ===|z\.literal\()\s*"([A-Za-z][\w-]{1,40})"/g)) words.add(m[1]);
    for (const m of text.matchAll(/z\.enum\(\[([^\]]{1,400})\]/g))
      for (const w of m[1].matchAll(/"([\w-]{1,40})"/g)) words.add(w[1]);
  }
  return { names: [...names].sort(), words: [...words].sort() };
})();

const hostileText = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1",
  "1.5",
  "1e309",
  "-0",
  "9007199254740993",
  "99999999999",
  "'; drop table responses; --",
  '" or 1=1 --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "%00",
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "2014-02-30",
  "9999-12-31T99:99:99Z",
  "yes",
  "no",
  "true",
  "on",
  "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
  "민원여권과",
  "\u202etxt.exe",
  "a".repeat(5000),
  "가".repeat(100_000),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 3, arbitrary: hostileText },
  { weight: 3, arbitrary: fc.constantFrom(...harvested.words) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 1_000_000 }).map(String) },
);
const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...harvested.names) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "inputs.__proto__.x",
      "a.b.c.d.e.f",
      "",
      "inputs.",
      "[]",
      "x[0]",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
/** A form: some fields (a name may repeat), usually with an intent. */
const payload = fc.record({
  intent: fc.option(fc.oneof(fc.constantFrom(...harvested.words), text), { nil: undefined }),
  fields: fc.array(fc.tuple(fieldName, text), { maxLength: 12 }),
  multipart: fc.boolean(),
  file: fc.option(
    fc.record({
      name: fc.oneof(
        fc.constantFrom("증빙.pdf", "a.exe", "../../x.pdf", "", "x".repeat(300)),
        fc.string({ maxLength: 20 }),
      ),
      bytes: fc.uint8Array({ maxLength: 2048 }),
    }),
    { nil: undefined },
  ),
});
type Payload = typeof payload extends fc.Arbitrary<infer T> ? T : never;

function buildRequest(url: string, cookie: string | null, p: Payload): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const entries: [string, string][] = [
    ...(p.intent === undefined ? [] : [["intent", p.intent] as [string, string]]),
    ...p.fields,
  ];
  if (p.multipart || p.file) {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    if (p.file) form.append("file", new File([p.file.bytes as BlobPart], p.file.name));
    return new Request(`http://localhost${url}`, { method: "POST", headers, body: form });
  }
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${url}`, { method: "POST", headers, body: new URLSearchParams(entries) });
}

/** The action said no: an error status, a sign-in redirect, or data that reports errors. */
function rejected(o: { status: number; location: string | null; body: unknown }): boolean {
  if (o.status >= 400 || isSignInRedirect(o)) return true;
  const b = o.body as { errors?: unknown; ok?: unknown } | null;
  if (b && typeof b === "object" && !(b instanceof Response)) {
    if (b.ok === false) return true;
    if (b.errors && typeof b.errors === "object" && Object.keys(b.errors).length > 0) return true;
  }
  return false;
}

/** The people each action is fuzzed as: those most likely to get past its guard, and a stranger. */
const FUZZ_AS: Persona[] = ["stranger", "member", "coordinator", "admin"];
/** Tables a refused request may legitimately touch: a failed sign-in is recorded for throttling. */
const MAY_CHANGE_WHEN_REFUSED: Record<string, string[]> = { "routes/login": ["login_attempts"] };

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

describe("fuzzing every action", () => {
  const actionRoutes = routeFiles().filter((r) =>
    /export\s+(async\s+)?(function|const)\s+action\b/.test(fs.readFileSync(r.file, "utf8")),
  );

  it("harvests field names and intents from the source", () => {
    expect(actionRoutes.length).toBeGreaterThan(5);
    expect(harvested.names).toContain("narrative");
    expect(harvested.words).toContain("save");
  });

  for (const route of actionRoutes) {
    it(`${route.pattern}: never a 5xx, never a change when the input is refused`, async () => {
      const mod = (await import(route.file)) as { action: (args: unknown) => Promise<unknown> };
      const url = urlOf(route, world.params);
      const params = Object.fromEntries(route.paramNames.map((n) => [n, world.params[n] ?? "1"]));
      const ignore = MAY_CHANGE_WHEN_REFUSED[route.id] ?? [];
      for (const persona of FUZZ_AS) {
        await fc.assert(
          fc.asyncProperty(payload, async (p) => {
            // A fresh session each time: sign-out or a password change may end the previous one.
            const cookie = persona === "stranger" ? null : await cookieFor(world.users[persona]);
            const request = buildRequest(url, cookie, p);
            const before = await fingerprint({ ignore });
            let o: Awaited<ReturnType<typeof outcome>>;
            try {
              o = await outcome(() => mod.action({ request, params, context: {} }));
            } catch (error) {
              throw new Error(
                `as ${persona}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
              );
            }
            if (o.status >= 500) throw new Error(`as ${persona}: answered ${o.status}`);
            if (rejected(o) && (await fingerprint({ ignore })) !== before)
              throw new Error(`as ${persona}: refused with ${o.status} but changed data`);
          }),
          { numRuns: RUNS, endOnFailure: true, seed: SEED },
        );
      }
    }, 120_000);
  }
});
