// The rubric CLI, run as a user would run it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadShippedEditions, readEditionFile } from "../indicators/load";
import { validateEdition } from "../indicators/schema";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
async function rubric(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, "scripts/rubric.ts", ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each case starts a tsx process (a second or two alone; far longer while the machine is busy with other suites).
describe("npm run rubric", { timeout: 60_000 }, () => {
  it("list --json reports 2013 as 3/6/122/1000 and 2014 as 3/6/133/1000", async () => {
    const { code, stdout } = await rubric("list", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as {
      id: string;
      areas: number;
      items: number;
      indicators: number;
      totalPoints: number;
    }[];
    expect(rows.map((r) => [r.id, r.areas, r.items, r.indicators, r.totalPoints])).toEqual([
      ["2013-sido-v2", 3, 6, 122, 1000],
      ["2014-sigungu-v2", 3, 6, 133, 1000],
      ["2024-comprehensive-sigungu", 3, 5, 20, 100],
      ["2025-happy-office", 4, 25, 25, 100],
    ]);
  });

  it("list --json reports each edition's indicators by provenance status, adding up to its indicators", async () => {
    const { stdout } = await rubric("list", "--json");
    const rows = JSON.parse(stdout) as { id: string; indicators: number; provenance: Record<string, number> }[];
    for (const r of rows) {
      expect(Object.keys(r.provenance).sort(), r.id).toEqual(["derived", "placeholder", "sourced"]);
      expect(r.provenance.sourced + r.provenance.derived + r.provenance.placeholder, r.id).toBe(r.indicators);
    }
    const shipped = await loadShippedEditions();
    for (const e of shipped) {
      const counted = { sourced: 0, derived: 0, placeholder: 0 };
      for (const i of e.indicators) counted[i.provenance.status] += 1;
      expect(rows.find((r) => r.id === e.id)?.provenance).toEqual(counted);
    }
  });

  it("check exits non-zero and lists every error of a broken file", async () => {
    const { code, stderr } = await rubric("check", "tests/fixtures/editions/many-errors.yaml");
    expect(code).toBe(1);
    expect(stderr).toContain('item 1.1: area "7" does not exist');
    expect(stderr).toContain("indicator 3.2.01: scoring.levels[0].fraction must be between 0 and 1 (got -0.2)");
    const json = await rubric("check", "tests/fixtures/editions/duplicate-code.yaml", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ indicator: "1.2.01", field: "code" }] });
  });

  it("check passes a valid file and says so", async () => {
    const { code, stdout } = await rubric("check", "indicators/editions/2014-sigungu-v2.yaml");
    expect(code).toBe(0);
    expect(stdout).toContain("133 indicators");
  });

  it("round-trips an edition through the Excel form", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rubric-xlsx-"));
    const file = path.join(dir, "2014.xlsx");
    expect((await rubric("export-xlsx", "2014-sigungu-v2", file)).code).toBe(0);
    expect((await rubric("check", file)).code).toBe(0);
    const back = validateEdition(await readEditionFile(file));
    const original = (await loadShippedEditions()).find((e) => e.id === "2014-sigungu-v2")!;
    expect(back.ok && JSON.parse(JSON.stringify(back.edition))).toEqual(JSON.parse(JSON.stringify(original)));
  }, 180_000);
});
