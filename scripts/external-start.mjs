// Moves the start-up script Trunk writes inline into index.html (import the glue, start the
// wasm, announce `TrunkApplicationStarted`) into its own hashed file, start-<hash>.js, loaded
// with `<script type="module" src=… integrity=…>`. A release index.html then has no inline script, so the
// page runs under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`,
// no 'unsafe-inline'; docs/deploy.md).
// Usage: node scripts/external-start.mjs [DIR]   (DIR defaults to Trunk's staging folder: it
// runs as a post-build hook, after minify-glue.mjs and before precompress.mjs)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail, sri, stagingDir } from "./hook.mjs";

const TOOL = "external-start";
const dir = stagingDir(TOOL);
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "/";
const indexPath = join(dir, "index.html");
const index = readFileSync(indexPath, "utf8");
// Trunk's start-up module is the inline module that starts the wasm. `trunk serve` adds its
// own inline live-reload script beside it: a development page, left as it is.
// (A release index.html is minified: its attributes may be unquoted.)
const inline = [...index.matchAll(/<script type=(?:"module"|module)>([\s\S]*?)<\/script>/g)].filter((m) =>
  m[1].includes("_bg.wasm"),
);
if (inline.length !== 1) fail(TOOL, `expected Trunk's inline start-up module in ${indexPath}`);
const release = process.env.TRUNK_PROFILE === "release";
if (release && /<script(?![^>]*\bsrc=)[^>]*>/.test(index.replace(inline[0][0], ""))) {
  fail(TOOL, `${indexPath} has another inline script; a strict CSP would block it`);
}
const code = inline[0][1].trim() + "\n";
const name = `start-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
const tag = `<script type="module" src="${publicUrl}${name}" integrity="${sri(code)}"></script>`;
writeFileSync(indexPath, index.replace(inline[0][0], tag));
console.log(`${TOOL}: index.html starts the app from ${name}`);
