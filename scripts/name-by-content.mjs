// Names the wasm and its JS glue after what they finally contain. Trunk hashes them before
// wasm-opt and the hooks before this one rewrite them, so a build that changes only those
// steps (a wasm-opt setting, a newer terser, a hook) would publish new contents under old
// names: a browser holding the old files (cached for a year, `immutable`) would then fail
// the new page's integrity check. Here both become khabar-<hash of both>.js and
// khabar-<hash of both>_bg.wasm, and index.html is updated.
// Usage: node scripts/name-by-content.mjs [DIR]   (DIR defaults to Trunk's staging folder: it
// runs as a post-build hook, after the hooks that rewrite the glue and the wasm)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("name-by-content: no folder (run by trunk as a post-build hook, or pass one)");
  process.exit(2);
}
// Only a release build rewrites the files after Trunk has named them.
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== "release") process.exit(0);

const glues = readdirSync(dir).filter((f) => /^khabar-[0-9a-f]+\.js$/.test(f));
if (glues.length !== 1) {
  console.error(`name-by-content: expected one khabar-<hash>.js in ${dir}, found ${glues.length}`);
  process.exit(1);
}
const stem = glues[0].replace(/\.js$/, "");
const [glue, wasm] = [`${stem}.js`, `${stem}_bg.wasm`].map((f) => readFileSync(join(dir, f)));
const hash = createHash("sha256").update(glue).update(wasm).digest("hex").slice(0, 16);
const named = `khabar-${hash}`;
if (named === stem) process.exit(0);

const indexPath = join(dir, "index.html");
const index = readFileSync(indexPath, "utf8");
if (!index.includes(`${stem}.js`) || !index.includes(`${stem}_bg.wasm`)) {
  console.error(`name-by-content: index.html does not name ${stem}.js and ${stem}_bg.wasm`);
  process.exit(1);
}
renameSync(join(dir, `${stem}.js`), join(dir, `${named}.js`));
renameSync(join(dir, `${stem}_bg.wasm`), join(dir, `${named}_bg.wasm`));
writeFileSync(indexPath, index.replaceAll(stem, named));
console.log(`name-by-content: ${stem} -> ${named}`);
