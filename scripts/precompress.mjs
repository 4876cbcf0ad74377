// Writes brotli (.br, quality 11) and gzip (.gz, level 9) copies of the text and wasm files
// in a folder, for servers that serve precompressed files (nginx gzip_static / brotli_static).
// Usage: node scripts/precompress.mjs [DIR]   (DIR defaults to Trunk's staging folder: it
// runs as a post-build hook)
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { stagingDir } from "./hook.mjs";

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|txt)$/;

function walk(dir) {
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
    }
  }
}

walk(stagingDir("precompress"));
