// `npm ci` on a fresh clone stays possible: package-lock.json agrees with package.json, and it records every optional
// platform package (rollup's, esbuild's, …) even for platforms other than this one. npm writes a lockfile without them
// when it was made from a tree installed on one platform; `npm ci` then refuses it and every `npm install` rewrites it.
// Offline: npm reads only the two files (the registry is pointed at a closed port to be sure).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const packages: Record<string, { version?: string; optionalDependencies?: Record<string, string>; link?: boolean }> =
  lock.packages;

/** Where Node would find `name` from the package installed at `from` (a lockfile key such as node_modules/a/node_modules/b). */
function resolveFrom(from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const at = dir.lastIndexOf("/node_modules/");
    dir = at === -1 ? "" : dir.slice(0, at);
  }
}

describe("package-lock.json", () => {
  it("lists the same dependencies as package.json at its root", () => {
    const rootEntry = packages[""];
    for (const field of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const) {
      expect(rootEntry[field as keyof typeof rootEntry] ?? {}, field).toEqual(pkg[field] ?? {});
    }
    expect(lock.lockfileVersion).toBe(3);
  });

  it("satisfies every dependency of every package, as npm ci will check", async () => {
    const env = {
      ...process.env,
      npm_config_registry: "http://127.0.0.1:9/",
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
    };
    // Exits non-zero naming each missing or invalid package (e.g. `invalid: zod@4.6.7`) when the two files disagree.
    const run = promisify(execFile)("npm", ["ls", "--package-lock-only", "--all", "--json"], {
      cwd: root,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const { stdout } = await run.catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `npm ls --package-lock-only failed:\n${error.stderr ?? ""}${(error.stdout ?? "").slice(0, 2000)}`,
      );
    });
    expect(JSON.parse(stdout).problems ?? []).toEqual([]);
  }, 60_000);

  it("records every optional dependency, for every platform (rollup's and esbuild's binaries among them)", () => {
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolveFrom(where, name)) missing.push(`${where || "(root)"} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
    // The packages whose absence broke npm ci before: many platforms each, not just this machine's.
    const platforms = (prefix: string) => Object.keys(packages).filter((k) => k.startsWith(prefix));
    expect(platforms("node_modules/@rollup/rollup-").length).toBeGreaterThan(10);
    expect(platforms("node_modules/@esbuild/").length).toBeGreaterThan(10);
  });
});

describe("package.json scripts", () => {
  it("name only files that exist (npm run setup once named a missing one)", () => {
    const named = Object.entries(pkg.scripts as Record<string, string>).flatMap(([script, command]) =>
      [...command.matchAll(/(?:^|[\s=])((?:scripts|server|tests)\/[\w./-]+\.(?:ts|mjs|js|sh))/g)].map((m) => ({
        script,
        file: m[1],
      })),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter(({ file }) => !fs.existsSync(path.join(root, file)))).toEqual([]);
  });
});
