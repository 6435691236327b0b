/* Học vụ số: what every page runs besides the self-assessments and the reading comfort, as a file
   rather than inline code repeated in every page (issue 21): the learner pages have it in bundle.js,
   the worksheets and owner pages (theme/hvs-sheet.html) load it alone.
   - Over HTTP(S) only, never from file:// (a USB stick, a phone's Downloads folder, where a service
     worker cannot run and Chrome refuses the manifest): keep the whole course on the phone after one
     visit (sw.js, at the site's root so its scope is the whole site), and on learner pages (not
     where the script tag says `data-hvs-owner`) link the web app manifest (generator/webapp.py),
     so the course can be added to the home screen.
   - The worksheet's "print" button (an inline onclick would need the policy to allow inline handlers).
   Attributes, not class names, in its strings: slim.py keeps the styles of any class a script names. */
(function () {
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.closest && t.closest("[data-hvs-print]")) print();
  });
  var me = document.currentScript;
  if (!me || !/^https?:$/.test(location.protocol)) return;
  // The site root, from this file's own address (pages link to each other relatively).
  var root = me.src.replace(/assets\/hocvuso\/[\w.-]+\.js([?#].*)?$/, "");
  if (!me.hasAttribute("data-hvs-owner")) {
    var link = document.createElement("link");
    link.rel = "manifest";
    link.href = root + "manifest.webmanifest";
    document.head.appendChild(link);
  }
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () { navigator.serviceWorker.register(root + "sw.js")["catch"](function () {}); });
  }
})();
