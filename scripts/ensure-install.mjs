#!/usr/bin/env node
// Installs exactly what package-lock.json names (npm ci), once per lockfile: a marker in node_modules keeps the
// lockfile's hash, so a second `npm test` or `npm run demo` does not reinstall. `npm ci` never rewrites the lockfile,
// so the README's commands leave `git status` clean.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = readFileSync(join(root, "package-lock.json"));
const hash = createHash("sha256").update(lock).digest("hex");
const marker = join(root, "node_modules", ".installed-lock-sha256");

if (existsSync(marker) && readFileSync(marker, "utf8").trim() === hash) {
  console.log("dependencies: up to date with package-lock.json");
  process.exit(0);
}
console.log("dependencies: npm ci (package-lock.json changed or nothing installed yet)");
const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(marker, `${hash}\n`);
