// Prepended to the page's start-up script by scripts/postbuild/external-start.mjs, first, so
// that it listens before the page asks for anything: the service worker (sw.js) tells the page
// when it answered it from its copy because the network failed, and the reader is then told
// that the page is read offline (index.html's #kh-offline, a status whose text this writes).
// Messages the worker sent while the page was loading are held until a listener is set here.
// Comment lines are dropped.
if (navigator.serviceWorker) {
  navigator.serviceWorker.onmessage = ({ data }) => {
    const notice = document.getElementById("kh-offline");
    if (data === "khabar:offline") notice.textContent = notice.dataset.text;
  };
}
