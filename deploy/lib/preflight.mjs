// Runs before every bin/ command of a release (node --import): refuses, with a message that says what to do, to run
// on a Node.js whose native modules differ from the one the release was built with (better-sqlite3 is compiled), or
// with the database inside the release directory (an upgrade unpacks a new directory and would leave the data behind).
import fs from "node:fs";
import path from "node:path";
import process from "node:process";

const releaseDir = path.resolve(import.meta.dirname, "..");
const stamp = JSON.parse(fs.readFileSync(path.join(releaseDir, "release.json"), "utf8"));
const fail = (message) => {
  console.error(`인증지기 ${stamp.version} (${stamp.commit}): ${message}`);
  process.exit(1);
};

if (process.versions.modules !== stamp.nodeAbi || process.platform !== stamp.platform || process.arch !== stamp.arch) {
  fail(
    `this release was built for Node.js ${stamp.node} on ${stamp.platform}-${stamp.arch} (ABI ${stamp.nodeAbi}); ` +
      `this is Node.js ${process.version} on ${process.platform}-${process.arch} (ABI ${process.versions.modules}). ` +
      "Install a Node.js of the same major version, or use a release built for this one.",
  );
}
const url = process.env.DATABASE_URL?.trim();
const file = process.env.DATABASE_PATH?.trim();
if (!url && !file) {
  fail(
    "set DATABASE_PATH (the SQLite file, e.g. /var/lib/injeungjigi/injeungjigi.sqlite) or DATABASE_URL (postgres://…) " +
      "in /etc/injeungjigi/injeungjigi.env (or the file INJEUNGJIGI_ENV_FILE names): the data must live outside the release directory.",
  );
}
if (!url && path.resolve(file).startsWith(releaseDir + path.sep)) {
  fail(
    `DATABASE_PATH (${file}) is inside the release directory ${releaseDir}; keep the data outside it, e.g. /var/lib/injeungjigi.`,
  );
}
