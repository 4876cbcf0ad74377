// Writes brotli (.br, quality 11) and gzip (.gz, level 9) copies of the text and wasm files
// in the build's folder and its subfolders, for servers that serve precompressed files (nginx
// gzip_static / brotli_static; deploy/nginx/khabar.conf).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|txt|xml)$/;

/** @param {import("./build.mjs").Build} build */
export default function precompress(build) {
  let files = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (COMPRESSIBLE.test(name)) {
        const raw = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }));
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        files++;
      }
    }
  };
  walk(build.dir);
  build.log(`a .br and a .gz copy of each of ${files} files`);
}
