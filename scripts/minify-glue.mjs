// Minifies wasm-bindgen's JS glue (khabar-<hash>.js) in a release build and updates its
// subresource-integrity hash in index.html, so the page still verifies what it loads. Trunk
// does not minify the glue; terser (npm, package.json) takes it from about 62 KB to 28 KB raw
// and 8.8 KB to 6.6 KB brotli (docs/performance.md). Debug builds (`make serve`) stay readable.
// Usage: node scripts/minify-glue.mjs [DIR]   (DIR defaults to Trunk's staging folder: it runs
// as a post-build hook, before precompress.mjs)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-glue: no folder (run by trunk as a post-build hook, or pass one)");
  process.exit(2);
}
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== "release") process.exit(0);

const glue = readdirSync(dir).filter((f) => /^khabar-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue: expected one khabar-<hash>.js in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const file = join(dir, glue[0]);
const source = readFileSync(file, "utf8");
const { code } = await minify(source, { module: true, compress: true, mangle: true });
writeFileSync(file, code);

const sri = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");
const indexPath = join(dir, "index.html");
const index = readFileSync(indexPath, "utf8");
const [before, after] = [sri(source), sri(code)];
if (!index.includes(before)) {
  console.error(`minify-glue: index.html does not name ${glue[0]} with its integrity hash`);
  process.exit(1);
}
writeFileSync(indexPath, index.replaceAll(before, after));
console.log(`minify-glue: ${glue[0]} ${source.length} -> ${code.length} bytes`);
