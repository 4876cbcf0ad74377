// Sums layout shifts (without recent input) through load and the app's take-over, then through a scroll to the
// bottom, a wait for whatever loads there (related news, lazy images), and back to the top.
// Run with WebDriver's executeAsync: the last argument is the callback.
const done = arguments[arguments.length - 1];
let cls = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) cls += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const until = async (check, ms) => { const end = performance.now() + ms; while (!check() && performance.now() < end) await sleep(50); };
// A published page is loaded once the app has taken it over too (scripts/start/takeover.js).
const loaded = () => document.readyState === 'complete'
  && [...document.images].every(i => i.complete || i.loading === 'lazy')
  && !document.querySelector('#khabar[hidden]');
const settled = () => [...document.images].every(i => i.complete) && !document.querySelector('[aria-busy="true"]');
const atBottom = () => scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
(async () => {
  await until(loaded, 10000);
  await sleep(300);
  const load = cls;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < 400 && !atBottom(); i++) { scrollBy(0, 300); await sleep(40); }
    await until(settled, 8000);
    await sleep(300);
  }
  for (let i = 0; i < 400 && scrollY > 0; i++) { scrollBy(0, -300); await sleep(40); }
  await sleep(300);
  done({load, total: cls, height: document.documentElement.scrollHeight});
})();
