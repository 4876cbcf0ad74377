// The article page's app weight: every wasm, JS and CSS file the app's page loads (dist/shell.html
// once `make publish` has written the site's pages, whose index.html is then the home page; a
// published page loads the same files), the wasm and the glue through its start-up script, and the embed loader, compressed with brotli (quality 11) and
// gzip (level 9). Prints a table, how the page compares with the goal, and exits 1 when the
// page's brotli total is above the budget.
// Usage: node scripts/size-report.mjs [DIST] [BUDGET_KB] [GOAL_KB]   (make size BUDGET_KB=100)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const budgetKb = Number(process.argv[3] ?? 100);
const goalKb = Number(process.argv[4] ?? budgetKb);
const index = existsSync(join(dist, "shell.html")) ? join(dist, "shell.html") : join(dist, "index.html");
if (!existsSync(index)) {
  console.error(`size: no ${index}; run make build first`);
  process.exit(2);
}
const html = readFileSync(index, "utf8");
const referenced = new Set();
// Attribute values may be quoted or not (a release index.html is minified).
for (const m of html.matchAll(/(?:href|src)=["']?\/?([^"'\s>?#]+\.(?:js|css|wasm))(?=["'\s>?#])/g)) referenced.add(m[1]);
// The wasm is requested by the start-up script (scripts/postbuild/external-start.mjs), not by the page.
const starts = [...referenced].filter((f) => /^start-[\w]+\.js$/.test(f));
for (const source of [html, ...starts.map((f) => readFileSync(join(dist, f), "utf8"))]) {
  for (const m of source.matchAll(/["'/=]([\w.-]+_bg\.wasm)/g)) referenced.add(m[1]);
  for (const m of source.matchAll(/import\(["']\/?([\w.-]+\.js)["']\)/g)) referenced.add(m[1]);
}
// A page that seems to load no wasm, JS or CSS means this script misread it: never a pass.
for (const ext of ["wasm", "js", "css"]) {
  if (![...referenced].some((f) => f.endsWith(`.${ext}`))) {
    console.error(`size: found no .${ext} file that ${index} loads; cannot weigh the page`);
    process.exit(2);
  }
}

const sizes = (file) => {
  const raw = readFileSync(join(dist, file));
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const page = [...referenced].sort().map(sizes);
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
const row = (r) => `| ${r.file.padEnd(40)} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`;
const total = { file: "article page total", raw: 0, gzip: 0, brotli: 0 };
for (const r of page) for (const k of ["raw", "gzip", "brotli"]) total[k] += r[k];

console.log(`| ${"file (KB = 1000 bytes)".padEnd(40)} |     raw |    gzip |  brotli |`);
console.log(`|${"-".repeat(42)}|---------|---------|---------|`);
page.forEach((r) => console.log(row(r)));
console.log(row(total));
if (existsSync(join(dist, "khabar-embed.js"))) console.log(row(sizes("khabar-embed.js")) + " (embeds only)");
const budget = budgetKb * 1000;
const ratio = (total.brotli / (goalKb * 1000)).toFixed(2);
console.log(
  total.brotli <= goalKb * 1000
    ? `size: goal met: ${kb(total.brotli).trim()} KB brotli, within the ${goalKb} KB goal`
    : `size: goal not met yet: ${kb(total.brotli).trim()} KB brotli is ${ratio}× the ${goalKb} KB goal`,
);
if (total.brotli > budget) {
  console.log(`size: FAIL: the article page weighs ${kb(total.brotli).trim()} KB brotli, over the ${budgetKb} KB budget`);
  process.exit(1);
}
console.log(`size: ok: ${kb(total.brotli).trim()} KB brotli, within the ${budgetKb} KB budget`);
