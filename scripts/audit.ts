// npm run audit -- verify [--checkpoint FILE ...] [--json] [--lang ko|en]
//   Checks the audit log: the hash chain (an edited, deleted or reordered event), the signed checkpoints held in the
//   database and any given as files (the last events cut off; an event rewritten with every later hash recomputed),
//   and replays every response and review stage against its table (a row changed behind the log). Exits 1 naming
//   each problem. Reads DATABASE_PATH (or DATABASE_URL) in batches, so it runs in constant memory on any log.
// npm run audit -- checkpoint [--out FILE]
//   Signs the chain's head now, stores the checkpoint and writes it (JSON) to FILE or stdout, for the institution to
//   keep somewhere the database's administrators cannot reach.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "#db/connection";
import { describeProblem } from "~/text/audit-problems";
import { parseCheckpointFile, type SourcedCheckpoint } from "~/domain/checkpoint";
import { isLocale, type Locale, translate } from "~/i18n";
import { verifyAudit } from "~/utils/audit-replay.server";
import { checkpointFile, recordCheckpoint } from "~/utils/checkpoints.server";

const USAGE =
  "usage: npm run audit -- verify [--checkpoint FILE ...] [--json] [--lang ko|en]\n       npm run audit -- checkpoint [--out FILE]";

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((a, i) => {
    if (a === name && args[i + 1]) values.push(args[i + 1]);
  });
  return values;
}

function readCheckpoints(files: string[]): SourcedCheckpoint[] {
  return files.map((file) => {
    const parsed = parseCheckpointFile(fs.readFileSync(file, "utf8"));
    if (!parsed) throw new Error(`${file}: not a checkpoint file (npm run audit -- checkpoint --out FILE writes one)`);
    return { ...parsed, source: path.basename(file) };
  });
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "verify" && command !== "checkpoint") {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const lang = option(rest, "--lang")[0] ?? "en";
  const locale: Locale = isLocale(lang) ? lang : "en";
  const db = openDatabase();
  try {
    if (command === "checkpoint") {
      const checkpoint = await recordCheckpoint(db, "manual");
      if (!checkpoint) throw new Error("the audit log is empty: nothing to sign");
      const text = `${JSON.stringify(checkpointFile(checkpoint), null, 2)}\n`;
      const out = option(rest, "--out")[0];
      if (out) {
        fs.writeFileSync(out, text);
        console.log(
          `checkpoint of event #${checkpoint.seq} (${checkpoint.hash.slice(0, 16)}…) signed with key ${checkpoint.keyId}, written to ${out}`,
        );
      } else process.stdout.write(text);
      return;
    }
    const started = Date.now();
    const result = await verifyAudit(db, { checkpoints: readCheckpoints(option(rest, "--checkpoint")) });
    const ms = Date.now() - started;
    if (rest.includes("--json"))
      console.log(
        JSON.stringify(
          { ...result, ms, messages: result.problems.map((p) => describeProblem(locale, p, translate)) },
          null,
          2,
        ),
      );
    else if (result.ok) {
      console.log(
        `audit log OK: ${result.checked} events, chain unbroken up to #${result.lastSeq}; ${result.checkpoints} signed checkpoint(s) match; ` +
          `${result.rowsCompared} rows hold what the log says (${ms} ms)`,
      );
    } else {
      console.log(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.checked} events`);
      for (const p of result.problems)
        console.log(`  ${"seq" in p ? `#${p.seq} ` : ""}${p.kind}: ${describeProblem(locale, p, translate)}`);
    }
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
