// Moves the start-up script Trunk writes inline into index.html (import the glue, start the
// wasm, announce `TrunkApplicationStarted`) into its own hashed file, start-<hash>.js, loaded
// with `<script type="module" src=… integrity=…>`, which also requests the wasm in place of
// Trunk's preload (see below), and first the content the page starts with
// (scripts/early-requests.js), and on a published page the take-over (scripts/takeover.js);
// after the start, in a release build, it registers the service worker (scripts/offline.js).
// A release index.html then has no inline script, so the page runs under a strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-inline';
// docs/deploy.md).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";
import { articlePath, assume, routes, sri } from "./build.mjs";

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
  let code = inline[0][1].trim() + "\n";
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
      href && code.includes(target),
      `the start-up module does not load the preloaded ${href} (Trunk's start-up module calls ` +
        `init({ module_or_path: '<wasm>' }))`,
    );
    const options = integrity ? `, { integrity: '${integrity}' }` : "";
    code = code.replace(target, `module_or_path: fetch('${href}'${options})`);
    page = page.replace(preloads[0][0], "");
  }
  // The content every page asks for first is requested here too, before the wasm starts.
  // Trunk's module imports the glue statically, which fetches it before the module runs; a
  // dynamic import lets the wait below come first (the shell's modulepreload still fetches
  // the glue at once where there is no wait).
  const imported = /import init, \* as bindings from (['"])([^'"]+)\1;?/;
  assume(imported.test(code), "the start-up module does not `import init, * as bindings from '<glue>'`");
  code = code.replace(imported, "const bindings = await import($1$2$1);\nconst init = bindings.default;");
  // Before it: on a published page, a wait for the first paint (scripts/after-paint.js), then
  // the early requests, then the take-over (scripts/takeover.js).
  // Before all of them, what shows a failure to start (scripts/failure.js), whose catch takes
  // the start's errors, and first the listener for the service worker's word that the page is
  // read offline (scripts/offline-notice.js).
  const prelude = ["offline-notice.js", "failure.js", "after-paint.js", "early-requests.js", "takeover.js"]
    .map(script)
    .join("");
  // After the start, in a release build: the registration of the service worker, which only a
  // release build writes (scripts/offline.js, scripts/postbuild/service-worker.mjs).
  if (build.release) {
    code += script("offline.js").replaceAll("KHABAR_SCOPE", JSON.stringify(build.publicUrl));
  }
  code = `${prelude}try {\n${code}} catch (error) {\n  khabarFailed(error);\n}\n`;
  // A release build minifies it (terser, as the glue): 1.16 KB brotli -> 0.93 KB.
  if (build.release) code = (await minify(code, { module: true, compress: true, mangle: true })).code;
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
 * (docs/performance.md). */
async function prefsTag(build) {
  let code = script("prefs.js");
  if (build.release) code = (await minify(code, { compress: true, mangle: true })).code;
  const name = `prefs-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(build.path(name), code);
  return `<script src="${build.publicUrl}${name}" integrity="${sri(code)}"></script>`;
}

/** scripts/`file`, without its comment lines, the route table's rules in place of their names. */
const script = (file) =>
  readFileSync(new URL(`../${file}`, import.meta.url), "utf8")
    .replace(/^\s*\/\/.*\n/gm, "")
    .replaceAll("KHABAR_CONTENT_BASE", JSON.stringify(routes.contentBase))
    .replaceAll("KHABAR_ARTICLE_PATH", String(articlePath()))
    .replaceAll("KHABAR_SLUG_MAX", String(routes.slug.maxLength));
