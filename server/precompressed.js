// @ts-check
// Serves the .br/.gz files scripts/precompress.mjs wrote beside the build's assets: a client that accepts brotli (or
// gzip) gets the precompressed file with Content-Encoding, the original Content-Type and `Vary: Accept-Encoding`;
// any other client falls through to express.static and the original. The list of precompressed files is read once.
import fs from "node:fs";
import path from "node:path";

/** @param {string} at @param {string} prefix @param {Set<string>} into */
function collect(at, prefix, into) {
  if (!fs.existsSync(at)) return into;
  for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) collect(path.join(at, entry.name), rel, into);
    else if (/\.(br|gz)$/.test(entry.name)) into.add(rel);
  }
  return into;
}

/**
 * The codings the client accepts (q > 0), from an Accept-Encoding header.
 * @param {string} header
 */
function accepted(header) {
  const out = new Set();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) out.add(name);
  }
  return out;
}

/**
 * @param {string} dir the directory express.static serves at this mount
 * @param {{ maxAge: string; immutable: boolean }} cache
 * @returns {import("express").RequestHandler}
 */
export function precompressed(dir, cache) {
  const files = collect(dir, "", new Set());
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || files.size === 0) return next();
    let rel;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const hasBr = files.has(`${rel}.br`);
    const hasGz = files.has(`${rel}.gz`);
    if (!hasBr && !hasGz) return next();
    res.vary("Accept-Encoding");
    const codings = accepted(req.get("accept-encoding") ?? "");
    const coding = hasBr && codings.has("br") ? "br" : hasGz && codings.has("gzip") ? "gzip" : null;
    if (!coding) return next();
    res.type(path.extname(rel));
    res.setHeader("Content-Encoding", coding);
    res.sendFile(
      `${rel}.${coding === "br" ? "br" : "gz"}`,
      { root: dir, maxAge: cache.maxAge, immutable: cache.immutable, dotfiles: "deny" },
      (error) => {
        if (error) next(error);
      },
    );
  };
}
