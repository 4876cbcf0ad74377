// Prepended to the page's start-up script by scripts/postbuild/external-start.mjs. It runs
// before the wasm is fetched, and asks for the content every page needs first, so that it
// downloads with the wasm rather than after it: site.json, and on /article/{slug} that article.
// The app takes these requests over (take_early in src/content/fetch.rs), each once: with the
// same URL it would ask for (the content base of <meta name="khabar:content-base">, then the
// path) and the same abort controller, so its timeout and abort on leaving still apply; a
// failure is reported by the app when it takes the request (hence the empty catch). Comment
// lines are dropped, and the KHABAR_ names are the route table's (scripts/routes.json, from
// src/route.rs): the default content base, an article's path and the longest slug.
{
  let base = (document.querySelector('meta[name="khabar:content-base"]')?.content ?? "").trim() || KHABAR_CONTENT_BASE;
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
  const article = KHABAR_ARTICLE_PATH.exec(location.pathname);
  if (article && article[1].length <= KHABAR_SLUG_MAX) ask(`articles/${article[1]}.json`);
}
