// Minifies wasm-bindgen's JS glue (khabar-<hash>.js) in a release build and updates its
// subresource-integrity hash in index.html, so the page still verifies what it loads. Trunk
// does not minify the glue; terser (npm, package.json) takes it from about 62 KB to 28 KB raw
// and 8.8 KB to 6.6 KB brotli (docs/performance.md). Debug builds (`make serve`) stay readable.
// First it drops the exported classes whose wasm exports wasm-opt removed (server_fn's stream
// adapters, `IntoUnderlyingSource` and kin, which khabar never uses: index.html's
// data-wasm-opt-params), and checks that every wasm export the glue still calls exists.
// Usage: node scripts/minify-glue.mjs [DIR]   (DIR defaults to Trunk's staging folder: it runs
// as a post-build hook, before precompress.mjs)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
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
const wasmFile = join(dir, glue[0].replace(/\.js$/, "_bg.wasm"));
const exported = new Set(
  WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasmFile))).map((e) => e.name),
);
const { code } = await minify(withoutDeadClasses(source, exported), {
  module: true,
  compress: true,
  mangle: true,
});
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

/** `source` without the exported classes none of whose wasm exports are left in `exported`
 * (with their finalization registries and `Symbol.dispose` lines); fails the build if what is
 * left calls a wasm export that does not exist. */
function withoutDeadClasses(source, exported) {
  const calls = (text) => [...text.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]);
  const text = (node) => source.slice(node.start, node.end);
  const body = parse(source, { ecmaVersion: "latest", sourceType: "module" }).body;
  const dead = new Set();
  for (const node of body) {
    const cls = node.type === "ExportNamedDeclaration" ? node.declaration : null;
    if (cls?.type !== "ClassDeclaration") continue;
    const used = calls(text(cls)).filter((name) => !name.startsWith("__wbg_") || !name.endsWith("_free"));
    if (used.length > 0 && !used.some((name) => exported.has(name))) dead.add(cls.id.name);
  }
  const mentions = (node) => [...dead].some((name) => new RegExp(`\\b${name}(Finalization)?\\b`).test(text(node)));
  let out = "";
  let at = 0;
  for (const node of body) {
    const top =
      (node.type === "ExportNamedDeclaration" && dead.has(node.declaration?.id?.name)) ||
      ((node.type === "IfStatement" || node.type === "VariableDeclaration") && mentions(node));
    if (!top) continue;
    out += source.slice(at, node.start);
    at = node.end;
  }
  out += source.slice(at);
  const missing = [...new Set(calls(out))].filter((name) => !exported.has(name));
  if (missing.length) {
    console.error(`minify-glue: the glue calls wasm exports that do not exist: ${missing.join(", ")}`);
    process.exit(1);
  }
  if (dead.size) console.log(`minify-glue: dropped ${[...dead].join(", ")} (no wasm exports left)`);
  return out;
}
