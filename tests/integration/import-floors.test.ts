// The app is built in floors, and a module may only import from its own floor or the ones below it:
//
//   routes → components → server modules (app/utils) → schemas → text → domain → db / indicators
//
// app/schemas (the forms' zod schemas) are browser-safe: components and server modules both import them, and they
// may use the domain's rules. app/text words the domain's values in the reader's language (audit events, scoring
// problems and hints, the workbook's guide): browser-safe, it reads the domain and the translation module.
// app/domain is pure: nothing from the floors above, no node: module, and the translation module only for its types.
// app/i18n is a leaf everybody may read. Test files are exempt (a test may reach any floor). The messages name the importing file,
// what it imported and which floors it may reach.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Floor = "routes" | "components" | "utils" | "schemas" | "text" | "domain" | "i18n" | "db" | "indicators" | "other";

/** Which floors each floor may import from (its own included). */
const MAY_IMPORT: Record<Exclude<Floor, "other">, readonly Floor[]> = {
  routes: ["routes", "components", "utils", "schemas", "text", "domain", "i18n", "db", "indicators", "other"],
  components: ["components", "utils", "schemas", "text", "domain", "i18n", "db", "indicators", "other"],
  utils: ["utils", "schemas", "text", "domain", "i18n", "db", "indicators", "other"],
  schemas: ["schemas", "text", "domain", "i18n", "indicators"],
  text: ["text", "domain", "i18n", "indicators"],
  domain: ["domain", "indicators", "db"],
  i18n: ["i18n"],
  db: ["db"],
  indicators: ["indicators"],
};

function floorOf(file: string): Floor {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  for (const f of ["routes", "components", "utils", "schemas", "text", "domain", "i18n"] as const)
    if (rel === `app/${f}` || rel.startsWith(`app/${f}/`)) return f;
  if (rel.startsWith("db/")) return "db";
  if (rel.startsWith("indicators/")) return "indicators";
  return "other";
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** The module specifiers a file imports or re-exports (static and dynamic), and whether each is type-only. */
export function importsOf(source: string): Import[] {
  const out: Import[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*["']([^"']+)["']/g;
  for (const m of source.matchAll(statement)) out.push({ specifier: m[4], typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g))
    out.push({ specifier: m[1], typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g))
    out.push({ specifier: m[1], typeOnly: false });
  return out;
}

function resolve(from: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return path.join(ROOT, "app", specifier.slice(2));
  if (specifier.startsWith("#db/")) return path.join(ROOT, "db", specifier.slice(4));
  if (specifier.startsWith("#indicators/")) return path.join(ROOT, "indicators", specifier.slice(12));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(from), specifier);
  return null; // a package
}

/** Every import that reaches a floor above its importer, as a message a person can act on. */
export function floorViolations(files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const floor = floorOf(file);
    if (floor === "other") continue;
    const rel = path.relative(ROOT, file);
    for (const { specifier, typeOnly } of importsOf(fs.readFileSync(file, "utf8"))) {
      if (floor === "domain" && specifier.startsWith("node:")) {
        problems.push(
          `${rel} imports ${specifier}: app/domain is pure and browser-safe; pass the capability in or move the code to a .server module`,
        );
        continue;
      }
      const target = resolve(file, specifier);
      if (!target) continue;
      const to = floorOf(target);
      // The domain may name the translation module's types (MessageKey, Locale), never call it.
      if (floor === "domain" && to === "i18n" && typeOnly) continue;
      if (!MAY_IMPORT[floor].includes(to)) {
        problems.push(
          `${rel} imports ${specifier} (${to}): the ${floor} floor may import only from ${MAY_IMPORT[floor].join(", ")}`,
        );
      }
    }
  }
  return problems;
}

describe("import floors", () => {
  it("no module imports from a floor above it", () => {
    const files = ["app", "db", "indicators"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(floorViolations(files)).toEqual([]);
  });

  it("notices an import up a floor (a server module reaching into components, the domain into node:)", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "app", "utils", ".floors-"));
    const domainDir = fs.mkdtempSync(path.join(ROOT, "app", "domain", ".floors-"));
    try {
      const server = path.join(dir, "x.server.ts");
      fs.writeFileSync(
        server,
        'import { thing } from "~/components/field";\nimport type { T } from "~/routes/login";\n',
      );
      const domain = path.join(domainDir, "y.ts");
      fs.writeFileSync(
        domain,
        'import { createHash } from "node:crypto";\nimport { translate } from "~/i18n";\nimport type { MessageKey } from "~/i18n";\n',
      );
      const found = floorViolations([server, domain]);
      expect(found).toHaveLength(4);
      expect(found[0]).toMatch(/imports ~\/components\/field \(components\): the utils floor may import only from/);
      expect(found[1]).toMatch(/~\/routes\/login \(routes\)/);
      expect(found[2]).toMatch(/node:crypto: app\/domain is pure/);
      expect(found[3]).toMatch(/imports ~\/i18n \(i18n\): the domain floor/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(domainDir, { recursive: true, force: true });
    }
  });
});
