// npm run rubric -- list [--json]
// npm run rubric -- check FILE [--json]
// npm run rubric -- export-xlsx EDITION_ID OUT.xlsx
import path from "node:path";
import { editionSummary, loadShippedEditions, readEditionFile, writeEditionWorkbook } from "../indicators/load";
import { validateEdition } from "../indicators/schema";

const TYPE_LABEL = { sido: "시·도 (province/metropolitan city)", sigungu: "시·군·구 (city/county/district)" } as const;

async function list(json: boolean): Promise<number> {
  const summaries = (await loadShippedEditions()).map(editionSummary);
  if (json) {
    console.log(JSON.stringify(summaries, null, 2));
    return 0;
  }
  const rows = summaries.map((s) => [
    s.id,
    String(s.year),
    TYPE_LABEL[s.institutionType],
    String(s.areas),
    String(s.items),
    String(s.indicators),
    s.totalPoints.toFixed(1),
    s.reconstruction ? "reconstruction" : "official",
    `${s.provenance.sourced}/${s.provenance.derived}/${s.provenance.placeholder}`,
  ]);
  const head = [
    "id",
    "year",
    "institution type",
    "areas",
    "items",
    "indicators",
    "points",
    "source",
    "sourced/derived/placeholder",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  return 0;
}

async function check(file: string | undefined, json: boolean): Promise<number> {
  if (!file) {
    console.error("usage: npm run rubric -- check FILE [--json]");
    return 2;
  }
  let raw: unknown;
  try {
    raw = await readEditionFile(path.resolve(file));
  } catch (error) {
    const message = `cannot read ${file}: ${(error as Error).message}`;
    if (json) console.log(JSON.stringify({ ok: false, file, errors: [{ field: "file", message }] }, null, 2));
    else console.error(message);
    return 1;
  }
  const result = validateEdition(raw);
  if (json) {
    console.log(
      JSON.stringify(
        result.ok
          ? { ok: true, file, errors: [], summary: editionSummary(result.edition) }
          : { ok: false, file, errors: result.errors },
        null,
        2,
      ),
    );
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    const s = editionSummary(result.edition);
    console.log(
      `OK ${file}: ${s.id} (${s.year}, ${s.institutionType}) — ${s.areas} areas, ${s.items} items, ${s.indicators} indicators, ${s.totalPoints.toFixed(1)} points`,
    );
    return 0;
  }
  console.error(`${file}: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`);
  for (const e of result.errors) console.error(`  - ${e.message}`);
  return 1;
}

async function exportXlsx(id: string | undefined, out: string | undefined): Promise<number> {
  const edition = (await loadShippedEditions()).find((e) => e.id === id);
  if (!edition || !out) {
    console.error("usage: npm run rubric -- export-xlsx EDITION_ID OUT.xlsx");
    return 2;
  }
  await writeEditionWorkbook(edition, path.resolve(out));
  console.log(`wrote ${out}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const [command, ...rest] = argv.filter((a) => a !== "--json");
  switch (command) {
    case "list":
      return list(json);
    case "check":
      return check(rest[0], json);
    case "export-xlsx":
      return exportXlsx(rest[0], rest[1]);
    default:
      console.error("usage: npm run rubric -- list [--json] | check FILE [--json] | export-xlsx EDITION_ID OUT.xlsx");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
