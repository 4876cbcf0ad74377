// The page's Arabic text face: Noto Naskh Arabic, regular and bold, from npm
// (@fontsource/noto-naskh-arabic, SIL Open Font License), cut by fontTools' subsetter to the
// Arabic block and the joiners and marks (U+0600–06FF, U+200C–200F: the unicode-range of
// style/main.css's @font-face rules, which must stay equal), with every OpenType feature kept
// (the joining forms and ligatures Arabic needs): 52.7 KB → 24.7 KB a weight. Each is written as
// naskh-<weight>-<hash>.woff2, named after its contents, so that it is cached for good (nginx's
// hashed-file rule); main.css names them by placeholders (naskh-400.woff2, naskh-700.woff2),
// replaced here, and the stylesheet is renamed after its new contents, with index.html's link
// and integrity hash. The faces load with `font-display: optional`: never waited for beyond the
// browser's short block period, never swapped in later, so neither the first paint nor the
// layout moves (docs/performance.md).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assume, sri } from "./build.mjs";

const FILES = new URL("../../node_modules/@fontsource/noto-naskh-arabic/files/", import.meta.url);
export const UNICODES = "U+0600-06FF,U+200C-200F";
const hash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** @param {import("./build.mjs").Build} build */
export default function font(build) {
  const sheets = readdirSync(build.dir).filter((f) => /^main-[0-9a-f]+\.css$/.test(f));
  assume(
    sheets.length === 1,
    `expected one main-<hash>.css in ${build.dir}, found ${sheets.length}: Trunk names style/main.css ` +
      "main-<hash>.css (index.html's <link data-trunk rel=css>, filehash = true)",
  );
  const before = readFileSync(build.path(sheets[0]), "utf8");
  let after = before;
  for (const weight of [400, 700]) {
    const source = fileURLToPath(new URL(`noto-naskh-arabic-arabic-${weight}-normal.woff2`, FILES));
    assume(existsSync(source), `no ${source}: scripts/setup.sh installs @fontsource/noto-naskh-arabic (npm ci)`);
    const placeholder = `naskh-${weight}.woff2`;
    assume(after.includes(placeholder), `${sheets[0]} does not name ${placeholder} (style/main.css's @font-face)`);
    const cut = build.path(`naskh-${weight}.tmp.woff2`);
    execFileSync(
      "/usr/bin/python3",
      ["-m", "fontTools.subset", source, `--unicodes=${UNICODES}`, "--layout-features=*", "--flavor=woff2", `--output-file=${cut}`],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    const bytes = readFileSync(cut);
    const name = `naskh-${weight}-${hash(bytes)}.woff2`;
    renameSync(cut, build.path(name));
    after = after.replaceAll(placeholder, name);
    build.log(`${name}: ${(bytes.length / 1000).toFixed(1)} KB (from ${(readFileSync(source).length / 1000).toFixed(1)} KB)`);
  }
  const css = `main-${hash(after)}.css`;
  writeFileSync(build.path(css), after);
  unlinkSync(build.path(sheets[0]));
  const indexPath = build.path("index.html");
  const index = readFileSync(indexPath, "utf8");
  assume(
    index.includes(sheets[0]) && index.includes(sri(before)),
    `index.html does not link ${sheets[0]} with its integrity hash (Trunk writes integrity="sha384-…")`,
  );
  writeFileSync(indexPath, index.replace(sheets[0], css).replace(sri(before), sri(after)));
}
