// What the build hooks share: the folder they work on, the wasm and its JS glue in it, and the
// integrity hashes by which index.html names them. Each hook is `node scripts/<hook>.mjs [DIR]`,
// DIR defaulting to Trunk's staging folder (they run as post-build hooks; Trunk.toml).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Reports `message` as `tool`'s and ends the build step with `code`. */
export function fail(tool, message, code = 1) {
  console.error(`${tool}: ${message}`);
  process.exit(code);
}

/** The folder `tool` works on; with `releaseOnly`, ends a debug build's run (`make serve`)
 * without doing anything. */
export function stagingDir(tool, { releaseOnly = false } = {}) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail(tool, "no folder (run by trunk as a post-build hook, or pass one)", 2);
  if (releaseOnly && process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== "release") {
    process.exit(0);
  }
  return dir;
}

/** The build's wasm-bindgen pair: `stem` (khabar-<hash>), and the paths of the glue and the wasm. */
export function glueAndWasm(tool, dir) {
  const glues = readdirSync(dir).filter((f) => /^khabar-[0-9a-f]+\.js$/.test(f));
  if (glues.length !== 1) fail(tool, `expected one khabar-<hash>.js in ${dir}, found ${glues.length}`);
  const stem = glues[0].replace(/\.js$/, "");
  return { stem, glue: join(dir, `${stem}.js`), wasm: join(dir, `${stem}_bg.wasm`) };
}

/** The subresource-integrity value of `contents`. */
export const sri = (contents) => "sha384-" + createHash("sha384").update(contents).digest("base64");

/** Rewrites index.html in `dir` so that each file it named with the integrity of `before` is
 * named with that of `after` (`changes`: [before, after] pairs); fails, writing nothing, if
 * index.html does not name one of them. */
export function updateIntegrity(tool, dir, changes) {
  const indexPath = join(dir, "index.html");
  let index = readFileSync(indexPath, "utf8");
  for (const [before, after] of changes) {
    const hash = sri(before);
    if (!index.includes(hash)) fail(tool, "index.html does not name the glue and the wasm with their integrity hashes");
    index = index.replaceAll(hash, sri(after));
  }
  writeFileSync(indexPath, index);
}
