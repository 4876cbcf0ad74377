// The listener for the service worker's word that the page is read offline: sw.js
// (scripts/sw/sw.js) tells the page when it answered it from its copy because the network failed,
// and the reader is then told so (index.html's #kh-offline, a status whose text this writes).
// Messages the worker sent while the page was loading are held until a listener is set. main.js
// imports it first, so that it listens before the page asks for anything.
if (navigator.serviceWorker) {
  navigator.serviceWorker.onmessage = ({ data }) => {
    const notice = document.getElementById("kh-offline");
    if (data === "khabar:offline") notice.textContent = notice.dataset.text;
  };
}
