// Shortens the names by which the wasm and its JS glue call each other. wasm-bindgen names
// each import after its JS function plus a random 16-digit hash
// (`__wbg_observe_1c390aab39e98a11`), and its closure exports after their full Rust types;
// random digits do not compress, and each name is written twice, in the wasm and in the glue.
// Here every such name becomes `$` and a short count (`$a`, `$b`, …) in both files, and the
// integrity hashes of both in index.html are updated: about 5 KB of brotli less
// (docs/build.md). Names a publisher calls (`mount`, the classes) are left alone: only
// wasm-bindgen's own names (`__wbg_…`, `__wbindgen_…`, `wasm_bindgen_…`) are renamed.
import { readFileSync, writeFileSync } from "node:fs";
import { assume, Broken } from "./build.mjs";

const RENAMED = /^(?:__wbg_|__wbindgen_|wasm_bindgen_)/;
const fail = (message) => {
  throw new Broken(message);
};

// --- reading and writing the wasm binary format (only what the import and export sections need)
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }
  byte() {
    if (this.at >= this.bytes.length) fail("the wasm ends inside a section");
    return this.bytes[this.at++];
  }
  /** An unsigned LEB128 number (u32 or u64; returned as a Number, exact up to 2^53). */
  uleb() {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (!(b & 0x80)) return value;
      scale *= 128;
    }
  }
  name() {
    const length = this.uleb();
    const start = this.at;
    this.at += length;
    return Buffer.from(this.bytes.subarray(start, this.at)).toString("utf8");
  }
  /** The bytes from `start` to where the reader is. */
  since(start) {
    return this.bytes.subarray(start, this.at);
  }
}

const uleb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
};
const name = (text) => {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([uleb(bytes.length), bytes]);
};

/** Skips an import's description (after its kind byte). */
function skipImportDesc(r, kind) {
  const limits = () => {
    const flags = r.byte();
    r.uleb();
    if (flags & 1) r.uleb();
  };
  switch (kind) {
    case 0: // function: type index
      r.uleb();
      break;
    case 1: // table: reference type, limits
      r.byte();
      limits();
      break;
    case 2: // memory: limits
      limits();
      break;
    case 3: // global: value type, mutability
      r.byte();
      r.byte();
      break;
    case 4: // tag: attribute, type index
      r.byte();
      r.uleb();
      break;
    default:
      fail(`an import of unknown kind ${kind}`);
  }
}

/** Rewrites the import (2) and export (7) sections of `wasm`, renaming names through `rename`;
 * adds the renamed import names to `imported`. */
function renameInWasm(wasm, rename, imported) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail("not a wasm module");
  const parts = [wasm.subarray(0, 8)];
  const r = new Reader(wasm, 8);
  while (r.at < wasm.length) {
    const id = r.byte();
    const size = r.uleb();
    const start = r.at;
    const end = start + size;
    if (id !== 2 && id !== 7) {
      r.at = end;
      parts.push(Buffer.from([id]), uleb(size), wasm.subarray(start, end));
      continue;
    }
    const entries = [];
    const count = r.uleb();
    entries.push(uleb(count));
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        const module = r.name();
        const field = r.name();
        const descStart = r.at;
        const kind = r.byte();
        skipImportDesc(r, kind);
        if (RENAMED.test(field)) imported.add(field);
        entries.push(name(module), name(rename(field)), r.since(descStart));
      } else {
        const field = r.name();
        const descStart = r.at;
        r.byte();
        r.uleb();
        entries.push(name(rename(field)), r.since(descStart));
      }
    }
    if (r.at !== end) fail(`section ${id} is not where its size says it ends`);
    const payload = Buffer.concat(entries);
    parts.push(Buffer.from([id]), uleb(payload.length), payload);
  }
  return Buffer.concat(parts);
}

/** `$` and the `i`th short name: `$a` … `$Z`, `$aa`, … */
function short(i) {
  const digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let out = "";
  do {
    out = digits[i % digits.length] + out;
    i = Math.floor(i / digits.length) - 1;
  } while (i >= 0);
  return "$" + out;
}

/** @param {import("./build.mjs").Build} build */
export default function shortenNames(build) {
  const { glue, wasm } = build.glueAndWasm();
  const shortNames = new Map();
  const imported = new Set();
  const rename = (field) => {
    if (!RENAMED.test(field)) return field;
    if (!shortNames.has(field)) shortNames.set(field, short(shortNames.size));
    return shortNames.get(field);
  };

  const wasmBefore = readFileSync(wasm);
  const wasmAfter = renameInWasm(wasmBefore, rename, imported);
  assume(
    [...imported].some((n) => n.startsWith("__wbg_")),
    "no `__wbg_` import names in the wasm: wasm-bindgen changed how it names its imports",
  );

  // wasm_split's `version_stamp!` exports `_WASM_SPLIT_MARKER_<hash>version`, the hash of the
  // crate's absolute path: the same source built in another folder would weigh up to 0.13 KB
  // more or less. index.html's wasm-opt parameters remove it (`--pass-arg=remove-exports@…`).
  const marker = WebAssembly.Module.exports(new WebAssembly.Module(wasmAfter))
    .map((e) => e.name)
    .find((n) => n.startsWith("_WASM_SPLIT_MARKER_"));
  assume(
    !marker,
    `the wasm exports ${marker}, whose name depends on the folder it was built in: ` +
      "index.html's wasm-opt `--pass-arg=remove-exports@…` should list _WASM_SPLIT_MARKER_*",
  );

  // In the glue, each name is an identifier or a property name: replace it where it stands whole.
  const source = readFileSync(glue, "utf8");
  // The short names must be new to the glue (terser could have named a variable `$a`).
  assume(
    !/(?<![\w$])\$[A-Za-z]+(?![\w$])/.test(source),
    "the glue already has a name like $a (terser's mangler, or wasm-bindgen, chose one)",
  );
  const seen = new Set();
  const code = source.replace(/[\w$]+/g, (word) => {
    if (!shortNames.has(word)) return word;
    seen.add(word);
    return shortNames.get(word);
  });
  // The glue must give every import (an export it never calls, like `__wbindgen_free`, may be absent).
  const missing = [...imported].filter((n) => !seen.has(n));
  assume(
    !missing.length,
    `the glue never names the wasm's imports ${missing.slice(0, 3).join(", ")}: is it this wasm's glue?`,
  );

  // index.html names both files with their integrity hashes.
  build.updateIntegrity([
    [wasmBefore, wasmAfter],
    [source, code],
  ]);
  writeFileSync(wasm, wasmAfter);
  writeFileSync(glue, code);
  build.log(
    `${shortNames.size} names; wasm ${wasmBefore.length} -> ${wasmAfter.length}, ` +
      `glue ${source.length} -> ${code.length} bytes`,
  );
}
