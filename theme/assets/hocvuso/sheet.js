/* Học vụ số: the worksheets' and owner pages' one script, a file rather than inline code in each of
   600 pages (issue 21; the Content-Security-Policy then allows no inline script at all there).
   The "print" button (an inline onclick would need the policy to allow inline handlers), and the
   service worker over HTTP(S) as on every page (partials/hocvuso-sw.html), at the site's root. */
(function () {
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.closest && t.closest(".hvs-ws-print")) print();
  });
  var me = document.currentScript;
  if (me && /^https?:$/.test(location.protocol) && "serviceWorker" in navigator) {
    var sw = me.src.replace(/assets\/hocvuso\/sheet\.js([?#].*)?$/, "sw.js");
    addEventListener("load", function () { navigator.serviceWorker.register(sw)["catch"](function () {}); });
  }
})();
