// Moves the start-up script Trunk writes inline into index.html (import the glue, start the
// wasm, announce `TrunkApplicationStarted`) into its own hashed file, start-<hash>.js, loaded
// with `<script type="module" src=… integrity=…>`: scripts/start/main.js and the modules it
// imports, bundled by esbuild with Trunk's code as the module `khabar:trunk-start`. It requests
// the content the page starts with (scripts/start/early-requests.js), then the wasm in place of
// Trunk's preload (see below), and on a published page takes it over
// (scripts/start/takeover.js); after the start, in a release build, it registers the service
// worker (scripts/start/offline.js). A release index.html then has no inline script, so the
// page runs under a strict Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no
// 'unsafe-inline'; docs/deploy.md). The same step writes the reader's settings script,
// scripts/prefs.js, to prefs-<hash>.js (prefsTag).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";
import { assume, bundle, sri } from "./build.mjs";

/** @param {import("./build.mjs").Build} build */
export default async function externalStart(build) {
  const indexPath = build.path("index.html");
  const index = readFileSync(indexPath, "utf8");
  // Trunk's start-up module is the inline module that starts the wasm. `trunk serve` adds its
  // own inline live-reload script beside it: a development page, left as it is.
  // (A release index.html is minified: its attributes may be unquoted.)
  const inline = [...index.matchAll(/<script type=(?:"module"|module)>([\s\S]*?)<\/script>/g)].filter((m) =>
    m[1].includes("_bg.wasm"),
  );
  assume(
    inline.length === 1,
    `expected one inline <script type="module"> that loads the _bg.wasm in ${indexPath}, found ` +
      `${inline.length}: Trunk writes its start-up module inline`,
  );
  if (build.release) {
    assume(
      !/<script(?![^>]*\bsrc=)[^>]*>/.test(index.replace(inline[0][0], "")),
      `${indexPath} has another inline script; a strict CSP would block it`,
    );
  }
  // Trunk preloads the wasm (`<link rel=preload as=fetch>`) for wasm-bindgen's fetch to take over.
  // WebKit never hands such a preload to a later fetch(): Safari readers downloaded the wasm
  // twice. So the preload goes, and the start-up script requests the wasm itself, right after
  // the early content requests, with the preload's integrity hash (the glue's own fetch would
  // check none).
  let trunk = inline[0][1].trim() + "\n";
  let page = index;
  const preloads = [...index.matchAll(/<link\b[^>]*>/g)].filter(
    (m) => /\bas=(?:"fetch"|fetch)[\s>]/.test(m[0]) && /_bg\.wasm\b/.test(m[0]),
  );
  assume(preloads.length <= 1, `more than one wasm preload in ${indexPath}`);
  if (preloads.length === 1) {
    const attr = (name) => preloads[0][0].match(new RegExp(`\\b${name}=(?:"([^"]*)"|([^\\s>"]+))`))?.slice(1).find(Boolean);
    const href = attr("href");
    const integrity = attr("integrity");
    const target = `module_or_path: '${href}'`;
    assume(
      href && trunk.includes(target),
      `the start-up module does not load the preloaded ${href} (Trunk's start-up module calls ` +
        `init({ module_or_path: '<wasm>' }))`,
    );
    const options = integrity ? `, { integrity: '${integrity}' }` : "";
    trunk = trunk.replace(target, `module_or_path: fetch('${href}'${options})`);
    page = page.replace(preloads[0][0], "");
  }
  // Trunk's module imports the glue statically, which fetches it before the module runs; a
  // dynamic import lets the wait for the first paint (scripts/start/after-paint.js) come first
  // (the shell's modulepreload still fetches the glue at once where there is no wait).
  const imported = /import init, \* as bindings from (['"])([^'"]+)\1;?/;
  const glue = trunk.match(imported)?.[2];
  assume(glue, "the start-up module does not `import init, * as bindings from '<glue>'`");
  trunk = trunk.replace(imported, "const bindings = await import($1$2$1);\nconst init = bindings.default;");
  // Trunk's code is the module khabar:trunk-start, whose default export runs it: main.js calls
  // it once its parts have run, within the `try` whose `catch` shows the failure note.
  const trunkStart = `export default async () => {\n${trunk}};\n`;
  let code = await bundle("scripts/start/main.js", {
    modules: { "khabar:trunk-start": trunkStart },
    external: [glue],
    // The registration of the service worker, which only a release build writes
    // (scripts/postbuild/service-worker.mjs), under the build's public URL.
    define: { KHABAR_WORKER: build.release, KHABAR_SCOPE: build.publicUrl },
    // A release build's is minified (esbuild, then terser: bundle in build.mjs).
    minify: build.release,
  });
  const name = `start-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(build.path(name), code);
  const tag = `<script type="module" src="${build.publicUrl}${name}" integrity="${sri(code)}"></script>`;
  // At the end of the head, after the stylesheets (Trunk writes its module before them), so
  // that the page's render-blocking CSS is requested first; a module script runs after parsing
  // wherever it stands.
  // The reader's settings script right before it (see prefsTag).
  const tags = (await prefsTag(build)) + tag;
  page = page.replace(inline[0][0], "");
  page = page.includes("</head>") ? page.replace("</head>", `${tags}</head>`) : page + tags;
  writeFileSync(indexPath, page);
  build.log(`index.html starts the app from ${name}`);
}

/** The tag of the reader's settings script (scripts/prefs.js), written to prefs-<hash>.js: a
 * classic script without `defer`, in the head after the stylesheets, so that it runs before the
 * first paint (a module script runs after parsing, and a published page paints before that).
 * After the stylesheets, it is requested after them and runs once they are in, when the first
 * paint could come anyway: measured on emulated slow 4G (`make bench`), the headline was painted
 * 1.48× as late as the static page's with the script first in the head, 1.03× with it there
 * (docs/performance.md). It imports nothing, so it is not bundled; a release build minifies it
 * with terser (618 bytes of brotli; esbuild's iife and terser after it, 633: docs/build.md). */
async function prefsTag(build) {
  let code = readFileSync(new URL("../prefs.js", import.meta.url), "utf8");
  if (build.release) code = (await minify(code, { compress: true, mangle: true })).code;
  const name = `prefs-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(build.path(name), code);
  return `<script src="${build.publicUrl}${name}" integrity="${sri(code)}"></script>`;
}
