// After `remix vite:build`: writes x.br and x.gz beside every text asset of the client build (scripts, styles, SVG,
// JSON), at the strongest settings, once. server/precompressed.js serves them to clients that accept them, so a
// first visit downloads compressed JavaScript without the server compressing it on every request.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.resolve(root, process.argv[2] ?? "build/client");
const TEXT = /\.(js|mjs|css|svg|json|txt|html|map)$/i;
/** Below this the headers cost more than compression saves. */
const MIN_BYTES = 1024;

function* files(at) {
  for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
    const full = path.join(at, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile() && TEXT.test(entry.name)) yield full;
  }
}

let count = 0;
let before = 0;
let afterBr = 0;
for (const file of files(dir)) {
  const bytes = fs.readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = zlib.gzipSync(bytes, { level: 9 });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  count += 1;
  before += bytes.length;
  afterBr += br.length;
}
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(
  `precompressed ${count} assets in ${path.relative(root, dir) || "."}: ${kb(before)} → ${kb(afterBr)} (brotli)`,
);
