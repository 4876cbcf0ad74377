// The page's one parser-blocking script, in its head after the stylesheets
// (scripts/postbuild/external-start.mjs writes it to prefs-<hash>.js): the reader's settings,
// kept in localStorage under "khabar:prefs". Before anything is painted, it writes them on
// <html> as data-kh-theme, data-kh-size and data-kh-digits, so that style/main.css shows the
// chosen theme and text size from the first frame and the app writes numbers in the chosen
// digits (src/context.rs, digits). On a published page, whose dates and reading time were
// written in the site's digits, it rewrites them in the reader's as the parser adds them. It
// puts the settings menu (index.html's <template id="kh-prefs">) in the header's room for it
// (.kh-prefs, an empty element the app and the published pages render), with the current
// choices selected, and when the reader chooses there, applies the choice and keeps it. A value
// it does not know is left out; a storage the browser refuses keeps a choice for this page only,
// and the console says it could not be kept. A classic script, not a module (a module runs
// after parsing), so its names are in a block, off the page's global scope; a release build
// minifies it with terser.
{
  const html = document.documentElement;
  const keys = { theme: ["light", "dark"], size: ["90", "115", "130", "150"], digits: ["western", "arabic_indic"] };
  // (A storage that cannot be read, refused or holding no JSON, leaves the defaults; the
  // console hears of it when the reader chooses and the choice cannot be kept.)
  let chosen = {};
  try {
    chosen = JSON.parse(localStorage.getItem("khabar:prefs")) || {};
  } catch {}
  const apply = (name, value) =>
    keys[name].includes(value) ? html.setAttribute(`data-kh-${name}`, value) : html.removeAttribute(`data-kh-${name}`);
  for (const name in keys) apply(name, chosen[name]);
  // The numbers shown, in `digits` (U+0030 and U+0660 are zeros whose low four bits are each
  // digit's value).
  const write = (digits) => {
    for (const numbers of document.querySelectorAll("time,.kh-article__reading")) {
      const texts = document.createTreeWalker(numbers, NodeFilter.SHOW_TEXT);
      for (let text; (text = texts.nextNode()); ) {
        const written = text.data.replace(/[0-9\u0660-\u0669]/g, (d) =>
          String.fromCharCode((digits === "arabic_indic" ? 0x660 : 0x30) + (d.charCodeAt(0) & 15)),
        );
        if (written !== text.data) text.data = written;
      }
    }
  };
  new MutationObserver(() => {
    // A published page's numbers are rewritten as they come (the app's are written so already),
    // and first: the menu's template ends the page, and a frame painted while the parser is
    // between the header's room and the template must show the reader's digits already.
    if (html.hasAttribute("data-kh-digits")) write(html.getAttribute("data-kh-digits"));
    const template = document.getElementById("kh-prefs");
    if (!template) return;
    for (const room of document.querySelectorAll(".kh-prefs:empty")) {
      const menu = template.content.cloneNode(true);
      for (const select of menu.querySelectorAll("select")) select.value = html.getAttribute(`data-kh-${select.name}`) ?? "";
      room.append(menu);
    }
  }).observe(html, { childList: true, subtree: true });
  addEventListener("change", ({ target }) => {
    const room = target.closest(".kh-prefs");
    if (!room || !(target.name in keys)) return;
    chosen[target.name] = target.value;
    apply(target.name, target.value);
    if (target.name === "digits") write(target.value || room.dataset.siteDigits);
    try {
      localStorage.setItem("khabar:prefs", JSON.stringify(chosen));
    } catch (error) {
      console.warn("khabar: the reader's settings could not be kept:", error);
    }
  });
}
