// Writes sw.js, the service worker that keeps the app and what the reader has opened for reading
// offline (docs/deploy.md, "Offline re-reading"), from its source, scripts/sw/sw.js (what it
// caches, and how, is said there): esbuild bundles it with the Workbox modules it imports
// (npm, package.json) and this build's values, then workbox-build's injectManifest writes the
// list of the files to precache, this build's hashed files, in place of its
// `self.__WB_MANIFEST`. The start-up script registers it (scripts/start/offline.js).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { assume, Broken, bundle, routes } from "./build.mjs";

/** A hashed file of the app (Trunk's `filehash`, name-by-content's, external-start's names),
 * as deploy/nginx/khabar.conf's year-long location matches them. */
const HASHED = /^[\w.-]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|woff2)$/;

/** @param {import("./build.mjs").Build} build */
export default async function serviceWorker(build) {
  const files = readdirSync(build.dir).filter((f) => HASHED.test(f)).sort();
  for (const [what, pattern] of [
    ["the glue, khabar-<hash>.js", /^khabar-[0-9a-f]+\.js$/],
    ["the wasm, khabar-<hash>_bg.wasm", /^khabar-[0-9a-f]+_bg\.wasm$/],
    ["the start-up script, start-<hash>.js (external-start)", /^start-[0-9a-f]+\.js$/],
    ["the stylesheet, main-<hash>.css", /^main-[0-9a-f]+\.css$/],
  ]) {
    const found = files.filter((f) => pattern.test(f)).length;
    assume(found === 1, `expected one of ${what} in ${build.dir}, found ${found}: the worker precaches the app's hashed files`);
  }
  const start = files.find((f) => f.startsWith("start-"));
  const page = readFileSync(build.path("index.html"), "utf8");
  assume(page.includes(start), `index.html does not load ${start}: external-start names it there`);

  // This build, as the worker names its cache of pages: a hash of the precached files' names.
  const id = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 16);
  const content = contentPath(page, build.publicUrl);
  if (!content) build.log("the content base is on another origin: its JSON and pictures are not kept offline");
  const started = performance.now();
  const source = await bundle("scripts/sw/sw.js", {
    define: {
      KHABAR_BUILD: id,
      KHABAR_SHELL: `${build.publicUrl}shell.html`,
      KHABAR_START: start,
      KHABAR_CONTENT: content,
      // Workbox's development code (its logging and checks) goes.
      "process.env.NODE_ENV": "production",
    },
    minify: true,
    // As workbox-build's own bundling does: Workbox's private members (`_handler`,
    // `_cacheName`, …) are renamed; not the injection point.
    mangleProps: /(^_|_$)/,
    reserveProps: /^__WB_MANIFEST$/,
  });

  // Loaded here, not with the pipeline: it is large, and only this step needs it.
  const { injectManifest } = await import("workbox-build").catch((error) => {
    throw new Broken(`workbox-build cannot be loaded (${error.code ?? error.message}): install the npm tools with scripts/setup.sh (npm ci)`);
  });
  // Written aside first: a step that fails writes nothing.
  const aside = mkdtempSync(join(tmpdir(), "khabar-sw-"));
  const banner = "// sw.js: built at build time by scripts/postbuild/service-worker.mjs from scripts/sw/sw.js. See docs/deploy.md.\n";
  let count, warnings, worker;
  try {
    writeFileSync(join(aside, "bundled.js"), banner + source + "\n");
    ({ count, warnings } = await injectManifest({
      swSrc: join(aside, "bundled.js"),
      swDest: join(aside, "sw.js"),
      globDirectory: build.dir,
      globPatterns: files,
      // The names carry their content's hash: no revision to add.
      dontCacheBustURLsMatching: HASHED,
      // The wasm must be precached whatever its size (the default drops files over 2 MiB).
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    }).catch((error) => {
      throw new Broken(`workbox-build's injectManifest failed on the bundled scripts/sw/sw.js: ${error.message}`);
    }));
    worker = readFileSync(join(aside, "sw.js"), "utf8");
  } finally {
    rmSync(aside, { recursive: true });
  }
  const took = performance.now() - started;
  assume(warnings.length === 0, `workbox-build warned: ${warnings.join("; ")}`);
  assume(count === files.length, `workbox-build precaches ${count} files, not the ${files.length} of the app`);
  assume(!worker.includes("__WB_MANIFEST"), "injectManifest left self.__WB_MANIFEST in sw.js");
  writeFileSync(build.path("sw.js"), worker);
  const size = Buffer.byteLength(worker);
  build.log(`sw.js precaches ${count} files, pages of build ${id}, ${(size / 1000).toFixed(1)} KB raw; took ${Math.round(took)} ms`);
}

/** The path of index.html's content base (`<meta name="khabar:content-base">`, /content/ by
 * default, as scripts/start/early-requests.js reads it), or null when it is on another origin. */
function contentPath(page, publicUrl) {
  let base = routes.contentBase;
  for (const [tag] of page.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/\bname=["']?khabar:content-base["'\s>]/i.test(tag)) continue;
    const value = tag.match(/\bcontent=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i)?.slice(1).find((v) => v !== undefined);
    if (value?.trim()) base = value.trim().replaceAll("&amp;", "&");
  }
  if (!base.endsWith("/")) base += "/";
  const here = "https://khabar.invalid";
  const url = new URL(base, here + publicUrl);
  return url.origin === here ? url.pathname : null;
}
