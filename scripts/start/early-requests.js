// The content every page needs first, asked for before the wasm is fetched, so that it
// downloads with the wasm rather than after it: site.json, and on /article/{slug} that article.
// The app takes these requests over (take_early in src/content/fetch.rs), each once: with the
// same URL it would ask for (the content base of <meta name="khabar:content-base">, then the
// path) and the same abort controller, so its timeout and abort on leaving still apply; a
// failure is reported by the app when it takes the request (hence the empty catch). The
// default content base, an article's path and the longest slug are the route table's
// (khabar:routes, which scripts/postbuild/build.mjs writes from scripts/routes.json, itself
// written from src/route.rs). It runs once the page is painted (after-paint.js).
import "./after-paint.js";
import { articlePath, contentBase, slugMax } from "khabar:routes";

let base = (document.querySelector('meta[name="khabar:content-base"]')?.content ?? "").trim() || contentBase;
if (!base.endsWith("/")) base += "/";
const early = (window.__khabarEarly = {});
const ask = (path) => {
  const url = base + path;
  const controller = new AbortController();
  const response = fetch(url, { signal: controller.signal });
  response.catch(() => {});
  early[url] = [response, controller];
};
ask("site.json");
const article = articlePath.exec(location.pathname);
if (article && article[1].length <= slugMax) ask(`articles/${article[1]}.json`);
