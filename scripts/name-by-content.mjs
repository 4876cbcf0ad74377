// Names the wasm and its JS glue after what they finally contain. Trunk hashes them before
// wasm-opt and the hooks before this one rewrite them, so a build that changes only those
// steps (a wasm-opt setting, a newer terser, a hook) would publish new contents under old
// names: a browser holding the old files (cached for a year, `immutable`) would then fail
// the new page's integrity check. Here both become khabar-<hash of both>.js and
// khabar-<hash of both>_bg.wasm, and index.html is updated.
// Usage: node scripts/name-by-content.mjs [DIR]   (DIR defaults to Trunk's staging folder: it
// runs as a post-build hook, after the hooks that rewrite the glue and the wasm)
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail, glueAndWasm, stagingDir } from "./hook.mjs";

const TOOL = "name-by-content";
// Only a release build rewrites the files after Trunk has named them.
const dir = stagingDir(TOOL, { releaseOnly: true });
const { stem, glue, wasm } = glueAndWasm(TOOL, dir);
const hash = createHash("sha256").update(readFileSync(glue)).update(readFileSync(wasm)).digest("hex").slice(0, 16);
const named = `khabar-${hash}`;
if (named === stem) process.exit(0);

const indexPath = join(dir, "index.html");
const index = readFileSync(indexPath, "utf8");
if (!index.includes(`${stem}.js`) || !index.includes(`${stem}_bg.wasm`)) {
  fail(TOOL, `index.html does not name ${stem}.js and ${stem}_bg.wasm`);
}
renameSync(glue, join(dir, `${named}.js`));
renameSync(wasm, join(dir, `${named}_bg.wasm`));
writeFileSync(indexPath, index.replaceAll(stem, named));
console.log(`${TOOL}: ${stem} -> ${named}`);
