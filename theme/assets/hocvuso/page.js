/* Học vụ số: what every page runs besides the self-assessments and the reading comfort, as a file
   rather than code or markup repeated in every page (issue 21): the learner pages have it in
   bundle.js, the worksheets and owner pages (theme/hvs-sheet.html) load it alone.
   - The search panel (Material's form, field and result list): built here, not sent in every page
     (it is shown only with JavaScript anyway, site.css), its words from the catalogue in
     HVS_PAGE_MSG, which the plugin puts in front of this file (render.page_prelude). search.js
     itself (7 KB gzip) only once the learner opens the search: most visits never search.
   - Over HTTP(S) only, never from file:// (a USB stick, a phone's Downloads folder, where a service
     worker cannot run and Chrome refuses the manifest): keep the whole course on the phone after one
     visit (sw.js, at the site's root so its scope is the whole site), and on learner pages (not
     where the script tag says `data-hvs-owner`) link the web app manifest (generator/webapp.py),
     so the course can be added to the home screen.
   - The worksheet's "print" button (an inline onclick would need the policy to allow inline handlers).
   Attributes, not class names, in its own strings: slim.py keeps the styles of any class a script
   names (Material's search classes are named on purpose: their styles must stay). */
(function () {
  var MSG = window.HVS_PAGE_MSG || {};
  var ICON = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
  };

  // make("div", "md-x", {attribute: value}, [nodes or strings])
  function make(tag, cls, attrs, children) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(path) {
    var ns = "http://www.w3.org/2000/svg", icon = document.createElementNS(ns, "svg"), line = document.createElementNS(ns, "path");
    icon.setAttribute("viewBox", "0 0 24 24");
    line.setAttribute("d", path);
    icon.appendChild(line);
    return icon;
  }

  function text(key) { return MSG[key] || ""; }

  function searchPanel(root) {
    if (root.querySelector("input")) return;
    var label = text("label"), clear = text("clear");
    root.setAttribute("data-hvs-loading", text("loading"));
    root.setAttribute("data-hvs-failed", text("failed"));
    var form = make("form", "md-search__form", { name: "search", novalidate: "" }, [
      make("label", "hvs-visually-hidden", { "for": "hvs-search-input" }, [label]),
      make("input", "md-search__input", { type: "search", id: "hvs-search-input", name: "q", placeholder: text("placeholder"),
        autocapitalize: "off", autocorrect: "off", autocomplete: "off", spellcheck: "false", enterkeyhint: "search", required: "" }),
      make("label", "md-search__icon md-icon", { "for": "__search", title: text("close") }, [svg(ICON.magnify), svg(ICON.back)]),
      make("nav", "md-search__options", { "aria-label": label }, [
        make("button", "md-search__icon md-icon", { type: "reset", title: clear, "aria-label": clear, tabindex: "-1" }, [svg(ICON.close)])
      ])
    ]);
    var results = make("div", "md-search-result", {}, [
      make("div", "md-search-result__meta", { "aria-live": "polite" }, [text("hint")]), make("ol", "md-search-result__list")]);
    root.appendChild(make("label", "md-search__overlay", { "for": "__search" }));
    root.appendChild(make("div", "md-search__inner", { role: "search" }, [
      form, make("div", "md-search__output", {}, [make("div", "md-search__scrollwrap", { tabindex: "0" }, [results])])]));
  }

  function searchOnDemand() {
    var root = document.querySelector("[data-hvs-search][data-hvs-script]"), toggle = document.getElementById("__search");
    if (!root) return;
    searchPanel(root);
    function load() {
      var src = root.getAttribute("data-hvs-script");
      if (!src) return;
      root.removeAttribute("data-hvs-script");
      var script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
    }
    var input = root.querySelector("input");
    if (toggle) {
      toggle.addEventListener("change", function () {
        // focus inside the tap itself: a phone opens its keyboard only then
        if (toggle.checked && input) input.focus();
        load();
      });
    }
    root.addEventListener("focusin", load);
    if ((toggle && toggle.checked) || (input && input.value)) load();  // a search kept by the browser
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", searchOnDemand);
  else searchOnDemand();

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
