// Minifies wasm-bindgen's JS glue (khabar-<hash>.js) and updates its subresource-integrity
// hash in index.html, so the page still verifies what it loads. Trunk does not minify the
// glue; terser (npm, package.json) takes it from about 62 KB to 28 KB raw and 8.8 KB to 6.6 KB
// brotli (docs/build.md). First it drops the exported classes whose wasm exports wasm-opt
// removed (server_fn's stream adapters, `IntoUnderlyingSource` and kin, which khabar never
// uses: index.html's data-wasm-opt-params), and checks that every wasm export the glue still
// calls exists. Then it routes the glue's one `innerHTML` write through a Trusted Types policy
// named `khabar` (`withTrustedHtml`), so that a host page enforcing Trusted Types can embed the
// widgets by allowing that name (docs/embedding.md).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "acorn";
import { minify } from "terser";
import { assume } from "./build.mjs";

/** @param {import("./build.mjs").Build} build */
export default async function minifyGlue(build) {
  const { glue, wasm } = build.glueAndWasm();
  const source = readFileSync(glue, "utf8");
  const exported = new Set(
    WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasm))).map((e) => e.name),
  );
  const { out: live, dead } = withoutDeadClasses(source, exported);
  if (dead.size) build.log(`dropped ${[...dead].join(", ")} (no wasm exports left)`);
  const out = withTrustedHtml(live);
  // `unsafe_methods` writes the import object's `$a: function (…) {…}` as `$a(…) {…}` (about
  // 200 of them; 66 bytes of brotli): unsafe only for a method called with `new`, which the
  // wasm's imports never are.
  const { code } = await minify(out, {
    module: true,
    ecma: 2020,
    compress: { unsafe_methods: true },
    mangle: true,
  });
  build.updateIntegrity([[source, code]]);
  writeFileSync(glue, code);
  build.log(`${basename(glue)} ${source.length} -> ${code.length} bytes`);
}

/** `source` with each `x.innerHTML = text` written `x.innerHTML = khabarHtml.createHTML(text)`,
 * where `khabarHtml` is the Trusted Types policy `khabar`, or a stand-in that returns the text
 * where the browser has no Trusted Types or the page does not allow that name (the write then
 * fails as before, and the browser says why). Only the wasm calls these writes: tachys
 * (Leptos' renderer) fills its `<template>` elements with the views' own static markup, never
 * content (khabar's code has no `inner_html`), so the policy passes text through unchanged.
 * A page that enforces Trusted Types refuses a plain string there, even "". The policy object
 * stays inside the glue module: no other script can use it. Throws unless there is at least
 * one such write, so a wasm-bindgen that writes it another way stops the build. */
function withTrustedHtml(source) {
  const writes = [];
  const visit = (node) => {
    if (!node || typeof node.type !== "string") return;
    if (
      node.type === "AssignmentExpression" &&
      node.operator === "=" &&
      node.left.type === "MemberExpression" &&
      !node.left.computed &&
      node.left.property.name === "innerHTML"
    ) {
      writes.push(node.right);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object") visit(value);
    }
  };
  visit(parse(source, { ecmaVersion: "latest", sourceType: "module" }));
  assume(writes.length > 0, "the glue writes no `innerHTML`: wasm-bindgen or tachys changed how templates are filled");
  let out = "";
  let at = 0;
  for (const right of writes.sort((a, b) => a.start - b.start)) {
    out += `${source.slice(at, right.start)}khabarHtml.createHTML(${source.slice(right.start, right.end)})`;
    at = right.end;
  }
  const policy =
    "let khabarHtml = { createHTML: (s) => s };\n" +
    'try { khabarHtml = trustedTypes.createPolicy("khabar", khabarHtml); } catch {}\n';
  return policy + out + source.slice(at);
}

/** `source` without the exported classes none of whose wasm exports are left in `exported`
 * (with their finalization registries and `Symbol.dispose` lines): `out`, and the names of the
 * classes dropped, `dead`. Throws if what is left calls a wasm export that does not exist. */
function withoutDeadClasses(source, exported) {
  const calls = (text) => [...text.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]);
  const text = (node) => source.slice(node.start, node.end);
  const body = parse(source, { ecmaVersion: "latest", sourceType: "module" }).body;
  const all = new Set(calls(source));
  assume(all.size > 0, "the glue never calls `wasm.<export>`: wasm-bindgen changed how its glue calls the wasm");
  const dead = new Set();
  for (const node of body) {
    const cls = node.type === "ExportNamedDeclaration" ? node.declaration : null;
    if (cls?.type !== "ClassDeclaration") continue;
    const used = calls(text(cls)).filter((name) => !name.startsWith("__wbg_") || !name.endsWith("_free"));
    if (used.length > 0 && !used.some((name) => exported.has(name))) dead.add(cls.id.name);
  }
  const mentions = (node) => [...dead].some((name) => new RegExp(`\\b${name}(Finalization)?\\b`).test(text(node)));
  let out = "";
  let at = 0;
  for (const node of body) {
    const top =
      (node.type === "ExportNamedDeclaration" && dead.has(node.declaration?.id?.name)) ||
      ((node.type === "IfStatement" || node.type === "VariableDeclaration") && mentions(node));
    if (!top) continue;
    out += source.slice(at, node.start);
    at = node.end;
  }
  out += source.slice(at);
  const missing = [...new Set(calls(out))].filter((name) => !exported.has(name));
  assume(
    !missing.length,
    `the glue calls wasm exports that do not exist: ${missing.join(", ")} ` +
      "(wasm-opt removed them, or the glue is not this wasm's)",
  );
  return { out, dead };
}
