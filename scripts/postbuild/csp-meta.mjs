// Writes khabar's Content-Security-Policy into the release index.html, as a
// <meta http-equiv="Content-Security-Policy"> right after <meta charset>, ahead of every
// stylesheet and script (a policy in a <meta> covers only what comes after it). The page then
// carries its policy on any host, also one that sends no header. The prerendered pages copy
// this head, and so the policy.
//
// The policy is the one nginx sends (deploy/nginx/khabar-headers.conf), read from that file,
// so that there is one place to widen it, without the directives a <meta> cannot carry
// (frame-ancestors, sandbox, report-uri: browsers ignore them there, with a warning). When
// index.html's <meta name="khabar:content-base"> names another origin, that origin is added to
// connect-src and img-src: the app fetches its JSON and images there.
//
// Release builds only: `trunk serve` (make serve) adds an inline live-reload script to its
// page, which the policy would block.
import { readFileSync, writeFileSync } from "node:fs";
import { assume } from "./build.mjs";

/** The nginx snippet the policy is read from. */
export const HEADERS = new URL("../../deploy/nginx/khabar-headers.conf", import.meta.url);

/** Directives a policy delivered in a <meta> element may not hold (CSP 3, §3.3). */
const HEADER_ONLY = ["frame-ancestors", "sandbox", "report-uri"];

/** @param {import("./build.mjs").Build} build */
export default function cspMeta(build) {
  const indexPath = build.path("index.html");
  const page = readFileSync(indexPath, "utf8");
  assume(
    !/<meta\b[^>]*\bhttp-equiv=["']?content-security-policy\b/i.test(page),
    `${indexPath} already has a Content-Security-Policy <meta>: the policy is written from ` +
      "deploy/nginx/khabar-headers.conf; widen it there",
  );
  const charsets = [...page.matchAll(/<meta\s+charset=(?:"[^"]*"|'[^']*'|[^\s>]+)\s*\/?>/gi)];
  assume(
    charsets.length === 1,
    `expected one <meta charset> in ${indexPath}, found ${charsets.length}: index.html declares ` +
      "its encoding first in its <head>",
  );
  const at = charsets[0].index + charsets[0][0].length;
  assume(
    !/<(?:script|link|style)\b/i.test(page.slice(0, at)),
    `${indexPath} loads a script or a stylesheet before its <meta charset>: the policy would not cover it`,
  );
  const policy = metaPolicy(readFileSync(HEADERS, "utf8"), contentBase(page));
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}">`;
  writeFileSync(indexPath, page.slice(0, at) + tag + page.slice(at));
  build.log(`index.html carries the policy of deploy/nginx/khabar-headers.conf: ${policy}`);
}

/** The policy of the nginx snippet `conf`, for a <meta>: without the directives only a header
 * may hold, and with the origin of `base` (the content base, when it is on another origin)
 * allowed to be fetched and shown. */
export function metaPolicy(conf, base) {
  const lines = [...conf.matchAll(/^\s*add_header\s+Content-Security-Policy\s+"([^"]*)"\s+always\s*;/gm)];
  assume(
    lines.length === 1,
    `expected one \`add_header Content-Security-Policy "…" always;\` in ${HEADERS.pathname}, found ${lines.length}`,
  );
  const directives = lines[0][1]
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .filter((d) => d[0] && !HEADER_ONLY.includes(d[0].toLowerCase()));
  if (base) {
    for (const name of ["connect-src", "img-src"]) {
      const directive = directives.find((d) => d[0] === name);
      assume(directive, `the policy has no ${name} to add the content base's origin ${base} to`);
      if (!directive.includes(base)) directive.push(base);
    }
  }
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The origin of index.html's content base when it is on another origin, else null. */
function contentBase(page) {
  for (const [tag] of page.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = Object.fromEntries(
      [...tag.matchAll(/([\w:-]+)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)].map((m) => [
        m[1].toLowerCase(),
        m[2] ?? m[3] ?? m[4],
      ]),
    );
    if (attrs.name !== "khabar:content-base" || !attrs.content) continue;
    const here = "https://khabar.invalid";
    const url = new URL(attrs.content.replaceAll("&amp;", "&"), `${here}/`);
    return url.origin === here ? null : url.origin;
  }
  return null;
}
