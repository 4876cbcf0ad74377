// Resolves with the headline's Element Timing entry (renderTime, from navigation start), the
// first contentful paint, and every response completed by then (navigation included).
// Run with WebDriver's executeAsync: the last argument is the callback.
const done = arguments[arguments.length - 1];
const timer = setTimeout(() => done(null), 25000);
const file = (name, r) => ({name, start: r.startTime, end: r.responseEnd, transfer: r.transferSize, decoded: r.decodedBodySize});
new PerformanceObserver((list, observer) => {
  const entry = list.getEntries().find(e => e.identifier === 'headline');
  if (!entry) return;
  observer.disconnect();
  clearTimeout(timer);
  const t = entry.renderTime || entry.loadTime;
  const nav = performance.getEntriesByType('navigation')[0];
  const before = performance.getEntriesByType('resource').filter(r => r.responseEnd > 0 && r.responseEnd <= t);
  const fcp = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
  done({
    headline: t,
    fcp: fcp ? fcp.startTime : null,
    files: [file(location.pathname, nav)].concat(before.map(r => file(new URL(r.name).pathname, r))),
  });
}).observe({type: 'element', buffered: true});
