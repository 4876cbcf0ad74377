// What the post-build steps share: the folder they work on, the wasm and its JS glue in it, the
// integrity hashes by which index.html names them, the route table's rules, the bundler of the
// runtime scripts (esbuild: the start-up script, the service worker), and the error a step throws when Trunk's or wasm-bindgen's output
// is not the shape it assumes (scripts/postbuild.mjs reports it).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify as terser } from "terser";

/** The route table's rules for the scripts (scripts/routes.json, written by `make routes` from
 * src/route.rs, which a test keeps equal to it): route prefixes, the slug rule, the default
 * content base. */
export const routes = JSON.parse(readFileSync(new URL("../routes.json", import.meta.url), "utf8"));

/** An article page's path as a regular expression whose group 1 is the slug (the slug's length
 * is checked apart: `routes.slug.maxLength`). */
function articlePath() {
  const prefix = routes.article.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`^${prefix}(${routes.slug.pattern.slice(1, -1)})$`);
}

/** The module `khabar:routes` that the runtime scripts import the route table's rules from
 * (scripts/start/early-requests.js, scripts/sw/sw.js): written from `routes`, since a regular
 * expression cannot go through esbuild's define. */
const routesModule = () => `\
export const contentBase = ${JSON.stringify(routes.contentBase)};
export const articlePath = ${articlePath()};
export const slugMax = ${JSON.stringify(routes.slug.maxLength)};
`;

/** The repository's root: where the runtime scripts' sources are. */
const root = fileURLToPath(new URL("../..", import.meta.url));

/** The code of `entry` (a path from the repository's root, such as scripts/start/main.js) and
 * every module it imports, bundled by esbuild into one ES module: `khabar:routes` and the
 * virtual `modules` (specifier → source) resolved as modules, each of `external` left an import
 * as it is, `define` as esbuild's (each name's value as JSON); `options` are more of esbuild's.
 * When `minify`, minified by esbuild, then by terser, which inlines what esbuild leaves as
 * functions and constants used once (Trunk's start, the route table's rules) and compresses
 * further: the start-up script is 1,279 bytes of brotli with esbuild's minifier alone, 1,235
 * with terser after it; sw.js 8,488 and 8,006 (docs/build.md). Throws [`Broken`] on any
 * warning. */
export async function bundle(entry, { modules = {}, external = [], define = {}, minify = false, ...options } = {}) {
  // Loaded here, not with the pipeline: only the bundling steps need it.
  const esbuild = await import("esbuild").catch((error) => {
    throw new Broken(`esbuild cannot be loaded (${error.code ?? error.message}): install the npm tools with scripts/setup.sh (npm ci)`);
  });
  const virtual = { "khabar:routes": routesModule(), ...modules };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    // ES2022, the start-up script's (it awaits at its top level): what the sources use of it,
    // the browsers the app runs in have (Chrome and Firefox 89, Safari 15). With those browsers
    // as esbuild's targets, it rewrites each `?.` (for a bug of Chrome before 91): 55 bytes of
    // brotli more on the start-up script.
    target: "es2022",
    minify,
    define: Object.fromEntries(Object.entries(define).map(([name, value]) => [name, JSON.stringify(value)])),
    logLevel: "silent",
    plugins: [
      {
        name: "khabar",
        setup(build) {
          build.onResolve({ filter: /.*/ }, ({ path }) => {
            if (external.includes(path)) return { path, external: true };
            if (Object.hasOwn(virtual, path)) return { path, namespace: "virtual" };
          });
          build.onLoad({ filter: /.*/, namespace: "virtual" }, ({ path }) => ({ contents: virtual[path], loader: "js" }));
        },
      },
    ],
    ...options,
  });
  assume(result.warnings.length === 0, `esbuild warned on ${entry}: ${result.warnings.map((w) => w.text).join("; ")}`);
  assume(result.outputFiles.length === 1, `esbuild wrote ${result.outputFiles.length} files for ${entry}, not one`);
  const code = result.outputFiles[0].text;
  if (!minify) return code;
  return (await terser(code, { module: true, compress: { passes: 2 }, mangle: true })).code;
}

/** A step's assumption about its input that did not hold; `message` says which, and whose
 * output (Trunk's, wasm-bindgen's, wasm-opt's, index.html's) broke it. */
export class Broken extends Error {}

/** Throws [`Broken`] with `message` unless `holds`. */
export function assume(holds, message) {
  if (!holds) throw new Broken(message);
}

/** One run of the pipeline on `dir` for Trunk's `profile` ("release" or "debug"), with the
 * `publicUrl` index.html's paths start with. */
export class Build {
  constructor(dir, { profile = "release", publicUrl = "/" } = {}) {
    this.dir = dir;
    this.profile = profile;
    this.release = profile === "release";
    this.publicUrl = publicUrl;
    /** The step running now (scripts/postbuild.mjs sets it): what `log` names. */
    this.step = "postbuild";
  }

  /** Prints `message` as the running step's. */
  log(message) {
    console.log(`${this.step}: ${message}`);
  }

  /** The path of `file` in the build's folder. */
  path(file) {
    return join(this.dir, file);
  }

  /** The build's wasm-bindgen pair: `stem` (khabar-<hash>), and the paths of the glue and the
   * wasm. Trunk (`filehash = true`) names the glue <crate>-<hash>.js and the wasm
   * <crate>-<hash>_bg.wasm. */
  glueAndWasm() {
    const files = readdirSync(this.dir);
    const glues = files.filter((f) => /^khabar-[0-9a-f]+\.js$/.test(f));
    assume(
      glues.length === 1,
      `expected one khabar-<hash>.js in ${this.dir}, found ${glues.length}: Trunk names the glue ` +
        "<crate>-<hash>.js (Trunk.toml's filehash = true)",
    );
    const stem = glues[0].replace(/\.js$/, "");
    assume(files.includes(`${stem}_bg.wasm`), `no ${stem}_bg.wasm beside ${stem}.js: wasm-bindgen's wasm is <glue>_bg.wasm`);
    return { stem, glue: this.path(`${stem}.js`), wasm: this.path(`${stem}_bg.wasm`) };
  }

  /** Rewrites index.html so that each file it named with the integrity of `before` is named
   * with that of `after` (`changes`: [before, after] pairs); throws, writing nothing, if
   * index.html does not name one of them. */
  updateIntegrity(changes) {
    const indexPath = this.path("index.html");
    let index = readFileSync(indexPath, "utf8");
    for (const [before, after] of changes) {
      const hash = sri(before);
      assume(
        index.includes(hash),
        "index.html does not name the glue and the wasm with their integrity hashes " +
          "(Trunk writes integrity=\"sha384-…\" on its preloads)",
      );
      index = index.replaceAll(hash, sri(after));
    }
    writeFileSync(indexPath, index);
  }
}

/** The subresource-integrity value of `contents`. */
export const sri = (contents) => "sha384-" + createHash("sha384").update(contents).digest("base64");
