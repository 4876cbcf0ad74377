// khabar's post-build pipeline: the steps that turn Trunk's staging folder into what is
// published, in order. Trunk runs it as its one post_build hook (Trunk.toml); what each step
// does, assumes and saves is in docs/build.md.
//
// Usage: node scripts/postbuild.mjs [--only STEP,…] [--skip STEP,…] [DIR]
//   DIR defaults to Trunk's staging folder ($TRUNK_STAGING_DIR). The build is a release one
//   unless $TRUNK_PROFILE says otherwise; a debug build (`make serve`) skips the steps marked
//   release-only below, so that its files stay readable, and a release build the one marked
//   debug-only. $KHABAR_POSTBUILD_SKIP (STEP,…) adds
//   to --skip, for a build through Trunk: `KHABAR_POSTBUILD_SKIP=shorten-names make build`.
//
// A step whose assumption about Trunk's or wasm-bindgen's output no longer holds stops the
// pipeline with a message that names the step and the assumption, and exit status 1, so that
// Trunk fails the build rather than publish a page that does not start.
import { Broken, Build } from "./postbuild/build.mjs";
import cspMeta from "./postbuild/csp-meta.mjs";
import embedLoader from "./postbuild/embed-loader.mjs";
import externalStart from "./postbuild/external-start.mjs";
import font from "./postbuild/font.mjs";
import listings from "./postbuild/listings.mjs";
import minifyGlue from "./postbuild/minify-glue.mjs";
import nameByContent from "./postbuild/name-by-content.mjs";
import precompress from "./postbuild/precompress.mjs";
import serviceWorker from "./postbuild/service-worker.mjs";
import shortenNames from "./postbuild/shorten-names.mjs";

/** The steps in the order they run: each reads what the ones before it left. */
const STEPS = [
  // Minifies the glue; before shorten-names, which checks that terser left no `$a`-like name.
  { name: "minify-glue", run: minifyGlue, releaseOnly: true },
  { name: "shorten-names", run: shortenNames, releaseOnly: true },
  // Names the glue and the wasm after their final contents: after every step that rewrites them.
  { name: "name-by-content", run: nameByContent, releaseOnly: true },
  // Cuts the Arabic text face and names it in main-<hash>.css, renamed with it: before
  // embed-loader, which names that stylesheet.
  { name: "font", run: font, releaseOnly: false },
  // Names the glue and the wasm in start-<hash>.js and khabar-embed.js: after name-by-content.
  { name: "external-start", run: externalStart, releaseOnly: false },
  { name: "embed-loader", run: embedLoader, releaseOnly: false },
  // Writes sw.js, which precaches the hashed files by their final names (after name-by-content
  // and external-start), and is compressed with them (before precompress). Release only: a
  // worker would serve `trunk serve`'s rebuilt files from its caches.
  { name: "service-worker", run: serviceWorker, releaseOnly: true },
  // Writes the Content-Security-Policy into index.html; release only: `trunk serve`'s page has
  // an inline live-reload script that the policy would block.
  { name: "csp-meta", run: cspMeta, releaseOnly: true },
  // Writes the feeds and related lists into the build's content/ (the development build only:
  // a release build's come from `make publish`, with its pages).
  { name: "listings", run: listings, debugOnly: true },
  // Compresses every file as it is published: last.
  { name: "precompress", run: precompress, releaseOnly: false },
];

function usage(message) {
  console.error(`postbuild: ${message}`);
  console.error("usage: node scripts/postbuild.mjs [--only STEP,…] [--skip STEP,…] [DIR]");
  console.error(`steps: ${STEPS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}

/** The steps named in a `--only`/`--skip` value. */
function named(list) {
  const names = list.split(",").filter(Boolean);
  for (const name of names) if (!STEPS.some((s) => s.name === name)) usage(`no step named ${name}`);
  return names;
}

const args = process.argv.slice(2);
let only = null;
let skip = named(process.env.KHABAR_POSTBUILD_SKIP ?? "");
let dir = process.env.TRUNK_STAGING_DIR;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--only") only = named(args[++i] ?? "");
  else if (args[i] === "--skip") skip.push(...named(args[++i] ?? ""));
  else if (args[i].startsWith("-")) usage(`unknown option ${args[i]}`);
  else dir = args[i];
}
if (!dir) usage("no folder (run by Trunk as its post_build hook, or pass one)");

// The public URL goes into the script tags and the start-up script the steps write: only a
// path (or an http(s) origin and a path) of characters a URL holds as they are, so that it can
// never end an attribute or a string (`"><script>` would).
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "/";
if (!/^(?:https?:\/\/[A-Za-z0-9.\-]+(?::\d+)?)?\/[A-Za-z0-9._~\-\/%]*$/.test(publicUrl)) {
  console.error(`postbuild: the public URL ${JSON.stringify(publicUrl)} must be a path such as /news/ (or https://host/path/) of letters, digits and - . _ ~ / %: Trunk's --public-url or TRUNK_PUBLIC_URL`);
  process.exit(2);
}
const build = new Build(dir, {
  profile: process.env.TRUNK_PROFILE ?? "release",
  publicUrl,
});
for (const [i, step] of STEPS.entries()) {
  if (only && !only.includes(step.name)) continue;
  if (skip.includes(step.name)) {
    console.log(`${step.name}: skipped (--skip or KHABAR_POSTBUILD_SKIP): this build is not the one to publish`);
    continue;
  }
  if (step.releaseOnly && !build.release) continue;
  if (step.debugOnly && build.release) continue;
  build.step = step.name;
  try {
    await step.run(build);
  } catch (error) {
    // A broken assumption is reported as it is; anything else (a file that cannot be read,
    // a bug in a step) with its stack.
    console.error(`${step.name}: ${error instanceof Broken ? error.message : error.stack}`);
    console.error(`postbuild: stopped at ${step.name} (step ${i + 1} of ${STEPS.length}); the build is not usable`);
    process.exit(1);
  }
}
