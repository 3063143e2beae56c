// npm run release [-- --no-build] [--out DIR]: one self-contained archive for an offline server (행정망), under
// release/ by default: release/injeungjigi-<version>-<commit>-<platform>-<arch>-node<major>.tar.gz and its .sha256.
// Inside: the production build; the production packages its code imports, with theirs, copied from node_modules
// (better-sqlite3 as compiled here, so the archive runs on this platform and Node.js major only); the shipped rubric
// editions; the CLI commands bundled to plain JavaScript (migrate, create-admin, backup, restore: no tsx at run time)
// with bin/ wrappers; the deploy/ samples (systemd unit, nginx, configuration); a VERSION stamp. See
// deploy/INSTALL.md and docs/decisions/015.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { build as viteBuild } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** Bundled to lib/<name>.mjs; each imports only production dependencies. */
const COMMANDS = {
  migrate: "scripts/migrate.ts",
  "create-admin": "scripts/create-admin.ts",
  backup: "scripts/backup.ts",
  restore: "scripts/restore.ts",
};
/** What better-sqlite3 needs at run time: its JavaScript and the compiled module (not the SQLite sources, ~25 MB). */
const BETTER_SQLITE3_KEEP = ["package.json", "LICENSE", "README.md", "lib", "build/Release/better_sqlite3.node"];

function parseArgs(argv: string[]) {
  const args = { build: true, out: path.join(root, "release") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-build") args.build = false;
    else if (argv[i] === "--out" && argv[i + 1]) args.out = path.resolve(argv[++i]);
    else throw new Error("usage: npm run release [-- --no-build] [--out DIR]");
  }
  return args;
}

function git(...args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

const IMPORTED = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g;
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** The packages that files of the release import by name (not Node's own modules). */
function importedPackages(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(IMPORTED)) {
      if (spec.startsWith("node:") || isBuiltin(spec)) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (PACKAGE_NAME.test(name)) names.add(name);
    }
  }
  return names;
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Where Node finds `name` from `dir`: the nearest node_modules/name upwards, within the project. */
function resolvePackage(name: string, dir: string): string | null {
  for (let at = dir; at.startsWith(root); at = path.dirname(at)) {
    const candidate = path.join(at, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (at === root) break;
  }
  return null;
}

/**
 * What the running release needs from node_modules: the packages its code imports, and theirs, transitively
 * (dependencies, optional ones that are installed, required peers), as top-level names of node_modules (a nested
 * package comes with its parent). Only production dependencies may be imported: a development one throws.
 */
function runtimePackages(files: string[]): string[] {
  const imported = importedPackages(files);
  const notProduction = [...imported].filter((name) => !pkg.dependencies?.[name]);
  const devOnly = notProduction.filter((name) => pkg.devDependencies?.[name]);
  if (devOnly.length)
    throw new Error(
      `the release's code imports development dependencies: ${devOnly.join(", ")} (move them to dependencies)`,
    );
  const seen = new Set<string>();
  const queue = [...imported]
    .filter((name) => pkg.dependencies?.[name])
    .map((name) => ({ name, from: root, optional: false }));
  while (queue.length) {
    const { name, from, optional } = queue.shift()!;
    const dir = resolvePackage(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${path.relative(root, from) || "the release"}) is not installed: run npm ci`);
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
      queue.push({ name: dep, from: dir, optional: true });
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) {
      if (!manifest.peerDependenciesMeta?.[dep]?.optional) queue.push({ name: dep, from: dir, optional: false });
    }
  }
  const top = new Set<string>();
  for (const dir of seen) {
    const parts = path.relative(path.join(root, "node_modules"), dir).split(path.sep);
    top.add(parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return [...top].sort();
}

function copyPackage(name: string, to: string) {
  const from = path.join(root, "node_modules", name);
  const target = path.join(to, "node_modules", name);
  if (name === "better-sqlite3") {
    for (const keep of BETTER_SQLITE3_KEEP) {
      if (fs.existsSync(path.join(from, keep)))
        fs.cpSync(path.join(from, keep), path.join(target, keep), { recursive: true, dereference: true });
    }
    if (!fs.existsSync(path.join(target, "build/Release/better_sqlite3.node")))
      throw new Error("better-sqlite3 is not compiled: run npm ci first");
    return;
  }
  // .bin links point into packages that may be development-only; the release runs nothing through them.
  fs.cpSync(from, target, { recursive: true, dereference: true, filter: (src) => path.basename(src) !== ".bin" });
}

async function bundleCommands(to: string) {
  await viteBuild({
    configFile: false,
    root,
    logLevel: "warn",
    publicDir: false,
    plugins: [tsconfigPaths()],
    // Every package stays an import of node_modules (production dependencies only: checked by the release test).
    ssr: { target: "node", noExternal: [] },
    build: {
      ssr: true,
      outDir: path.join(to, "lib"),
      emptyOutDir: false,
      target: "node20",
      minify: false,
      rollupOptions: {
        input: COMMANDS,
        output: { format: "es", entryFileNames: "[name].mjs", chunkFileNames: "[name]-[hash].mjs" },
      },
    },
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  let last = t0;
  const step = (what: string) => {
    const now = Date.now();
    console.log(`release: ${what} (${((now - last) / 1000).toFixed(1)} s)`);
    last = now;
  };
  if (args.build) run("npm", ["run", "build"]);
  if (!fs.existsSync(path.join(root, "build/server/index.js")))
    throw new Error("no build/: run npm run build (or drop --no-build)");

  const commit = git("rev-parse", "HEAD") ?? "unknown";
  const dirty = Boolean(git("status", "--porcelain", "--untracked-files=no"));
  const short = `${commit.slice(0, 10)}${dirty ? "-dirty" : ""}`;
  const major = process.versions.node.split(".")[0];
  const name = `injeungjigi-${pkg.version}-${short}-${process.platform}-${process.arch}-node${major}`;
  const stageRoot = path.join(args.out, ".stage");
  const stage = path.join(stageRoot, name);
  fs.rmSync(stageRoot, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });

  const copy = (from: string, to = from) =>
    fs.cpSync(path.join(root, from), path.join(stage, to), { recursive: true, dereference: true });
  copy("build");
  copy("server");
  copy("public");
  copy("indicators/editions");
  copy("deploy/bin", "bin");
  copy("deploy/lib", "lib");
  copy("deploy/INSTALL.md", "INSTALL.md");
  copy("deploy/injeungjigi.env.example", "deploy/injeungjigi.env.example");
  copy("deploy/systemd/injeungjigi.service", "deploy/injeungjigi.service");
  copy("deploy/nginx/injeungjigi.conf", "deploy/nginx-injeungjigi.conf");
  step("copied the build and editions");
  await bundleCommands(stage);
  step("bundled the commands");

  const code = [
    path.join(stage, "build/server/index.js"),
    ...["server", "lib"].flatMap((d) =>
      fs
        .readdirSync(path.join(stage, d))
        .filter((f) => /\.m?js$/.test(f))
        .map((f) => path.join(stage, d, f)),
    ),
  ];
  const packages = runtimePackages(code);
  for (const p of packages) copyPackage(p, stage);
  step(`copied ${packages.length} packages`);

  const stamp = {
    name: pkg.name,
    version: pkg.version,
    commit,
    dirty,
    builtAt: new Date().toISOString(),
    node: process.version,
    nodeAbi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  };
  fs.writeFileSync(path.join(stage, "release.json"), `${JSON.stringify(stamp, null, 2)}\n`);
  fs.writeFileSync(
    path.join(stage, "VERSION"),
    `인증지기 ${pkg.version}\ncommit ${commit}${dirty ? " (with uncommitted changes)" : ""}\nbuilt ${stamp.builtAt}\n` +
      `for Node.js ${major} (${process.version}, ABI ${stamp.nodeAbi}) on ${process.platform}-${process.arch}\n`,
  );
  // The release's package.json: `type: module` for server/ and lib/, and what is inside (no install step).
  fs.writeFileSync(
    path.join(stage, "package.json"),
    `${JSON.stringify(
      {
        name: pkg.name,
        version: pkg.version,
        private: true,
        type: "module",
        engines: pkg.engines,
        dependencies: pkg.dependencies,
        scripts: { start: "bin/start", migrate: "bin/migrate" },
      },
      null,
      2,
    )}\n`,
  );

  const archive = path.join(args.out, `${name}.tar.gz`);
  fs.rmSync(archive, { force: true });
  run("tar", ["--owner=0", "--group=0", "--numeric-owner", "-czf", archive, "-C", stageRoot, name]);
  const sha = execFileSync("sha256sum", [path.basename(archive)], { cwd: args.out, encoding: "utf8" });
  fs.writeFileSync(`${archive}.sha256`, sha);
  step("packed");
  fs.rmSync(stageRoot, { recursive: true, force: true });
  const mb = (fs.statSync(archive).size / 1024 / 1024).toFixed(1);
  console.log(
    `release: ${archive} (${mb} MB, ${packages.length} production packages, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  console.log(archive);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
