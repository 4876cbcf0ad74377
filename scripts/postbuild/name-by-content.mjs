// Names the wasm and its JS glue after what they finally contain. Trunk hashes them before
// wasm-opt and the steps before this one rewrite them, so a build that changes only those
// steps (a wasm-opt setting, a newer terser, a step) would publish new contents under old
// names: a browser holding the old files (cached for a year, `immutable`) would then fail
// the new page's integrity check. Here both become khabar-<hash of both>.js and
// khabar-<hash of both>_bg.wasm, and index.html is updated.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { assume } from "./build.mjs";

/** @param {import("./build.mjs").Build} build */
export default function nameByContent(build) {
  const { stem, glue, wasm } = build.glueAndWasm();
  const hash = createHash("sha256").update(readFileSync(glue)).update(readFileSync(wasm)).digest("hex").slice(0, 16);
  const named = `khabar-${hash}`;
  if (named === stem) return;

  const indexPath = build.path("index.html");
  const index = readFileSync(indexPath, "utf8");
  assume(
    index.includes(`${stem}.js`) && index.includes(`${stem}_bg.wasm`),
    `index.html does not name ${stem}.js and ${stem}_bg.wasm (Trunk links the files it built by name)`,
  );
  renameSync(glue, build.path(`${named}.js`));
  renameSync(wasm, build.path(`${named}_bg.wasm`));
  writeFileSync(indexPath, index.replaceAll(stem, named));
  build.log(`${stem} -> ${named}`);
}
