/* Học vụ số: search in the header, from file:// as over HTTP, with no network.
 *
 * The index (assets/hocvuso/search-index.js, written by generator/search.py) is a script that
 * assigns HVS_SEARCH; it is inserted only when the learner starts searching, because fetch and
 * XHR fail from file:// while a <script> loads anywhere. Words are compared folded: lower case,
 * no diacritics, đ -> d, exactly as generator/textfold.py folds them. Pages with every word of the
 * query come first; then pages with some of them.
 *
 * Plain ES5 and the DOM, for old Android WebViews; Material's styles (md-search*) without its script.
 */
(function () {
  "use strict";

  var WEIGHT = [10, 4, 1];      // a word found in the title, the lead (summary, headings), the body
  var PREFIX = 0.6;             // the last word may be unfinished: a word that starts with it counts less
  var PHRASE = 12;              // the query's words, in order, in the title
  var SHOWN = 50;
  var BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  /* Lower case without diacritics, đ -> d: the site's one folding rule (window.HVS_TEXT, from
     hocvuso.js, which every page loads before a learner can type a query). */
  function fold(text) {
    return window.HVS_TEXT.fold(text);
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function postings(text, visit) {
    var i, doc = 0;
    if (!text) return;
    if (text.charAt(0) === "~") {
      for (i = 1; i < text.length; i++) {
        var bits = BITS.indexOf(text.charAt(i));
        for (var b = 0; bits; b++, bits >>= 1) if (bits & 1) visit((i - 1) * 6 + b);
      }
      return;
    }
    var gaps = text.split(".");
    for (i = 0; i < gaps.length; i++) visit(doc += parseInt(gaps[i], 36));
  }

  /* The first index of `terms` (sorted) not before `word`. */
  function lowerBound(terms, word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function Index(data) {
    this.data = data;
    this.terms = [];
    for (var term in data.terms) this.terms.push(term);
    this.terms.sort();
    this.titles = [];
    for (var i = 0; i < data.docs.length; i++) this.titles.push(" " + words(data.docs[i][1]).join(" ") + " ");
  }

  /* Documents with a score, best first: every word before some words, then by weight. */
  Index.prototype.search = function (query) {
    var asked = words(query), seen = {}, list = [];
    for (var w = 0; w < asked.length; w++) if (!seen[asked[w]]) { seen[asked[w]] = 1; list.push(asked[w]); }
    var n = this.data.docs.length, found = [], score = [], i;
    for (i = 0; i < n; i++) { found.push(0); score.push(0); }
    for (w = 0; w < list.length; w++) {
      var word = list[w], best = {}, last = w === list.length - 1;
      for (var t = lowerBound(this.terms, word); t < this.terms.length; t++) {
        var term = this.terms[t];
        if (term.lastIndexOf(word, 0) !== 0) break;
        if (term !== word && !last) continue;
        var factor = term === word ? 1 : PREFIX, fields = this.data.terms[term].split("|");
        for (var f = 0; f < fields.length; f++) {
          postings(fields[f], function (doc) {
            var value = WEIGHT[f] * factor;
            if (!(best[doc] >= value)) best[doc] = value;
          });
        }
      }
      for (var doc in best) { found[doc] += 1; score[doc] += best[doc]; }
    }
    var phrase = list.length > 1 ? " " + list.join(" ") : null, out = [];
    for (i = 0; i < n; i++) {
      if (!found[i]) continue;
      if (phrase && this.titles[i].indexOf(phrase) >= 0) score[i] += PHRASE;
      out.push({doc: i, all: found[i] === list.length, found: found[i], score: score[i]});
    }
    out.sort(function (a, b) { return b.found - a.found || b.score - a.score || a.doc - b.doc; });
    return {words: list, results: out};
  };

  function start(root) {
    var toggle = document.getElementById("__search");
    var input = root.querySelector("input[type=search]");
    var form = input.form;
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var base = root.getAttribute("data-hvs-base") || ".";
    var hint = meta.textContent;
    var index = null, state = "idle";

    function say(text) { meta.textContent = text; }

    function load() {
      if (state !== "idle") return;
      state = "loading";
      if (window.HVS_SEARCH) return ready();
      var script = document.createElement("script");
      script.src = root.getAttribute("data-hvs-index");
      script.onload = ready;
      script.onerror = function () { state = "failed"; say(root.getAttribute("data-hvs-failed")); };
      document.head.appendChild(script);
    }

    function ready() {
      if (!window.HVS_SEARCH) { state = "failed"; say(root.getAttribute("data-hvs-failed")); return; }
      index = new Index(window.HVS_SEARCH);
      state = "ready";
      run();
    }

    function message(key, values) {
      var text = (index.data.msg || {})[key] || "";
      for (var name in values) text = text.split("{" + name + "}").join(values[name]);
      return text;
    }

    /* The title, with the words of the query marked. */
    function title(text, asked) {
      var h1 = document.createElement("h1"), parts = String(text).split(/(\s+)/);
      for (var i = 0; i < parts.length; i++) {
        var hit = false, folded = words(parts[i]);
        for (var j = 0; j < folded.length && !hit; j++) {
          for (var w = 0; w < asked.length; w++) {
            if (folded[j] === asked[w] || (w === asked.length - 1 && folded[j].lastIndexOf(asked[w], 0) === 0)) hit = true;
          }
        }
        if (hit) {
          var mark = document.createElement("mark");
          mark.textContent = parts[i];
          h1.appendChild(mark);
        } else {
          h1.appendChild(document.createTextNode(parts[i]));
        }
      }
      return h1;
    }

    function item(result, asked) {
      var doc = index.data.docs[result.doc];
      var li = document.createElement("li"), a = document.createElement("a");
      var article = document.createElement("article"), area = document.createElement("p");
      li.className = "md-search-result__item";
      a.className = "md-search-result__link";
      a.href = base + "/" + doc[0];
      article.className = "md-search-result__article md-typeset";
      area.className = "hvs-search-area";
      area.textContent = index.data.areas[doc[2]];
      article.appendChild(title(doc[1], asked));
      article.appendChild(area);
      a.appendChild(article);
      li.appendChild(a);
      return li;
    }

    function heading(text) {
      var li = document.createElement("li");
      li.className = "md-search-result__meta hvs-search-partial";
      li.textContent = text;
      return li;
    }

    function run() {
      var query = input.value;
      list.innerHTML = "";
      if (!words(query).length) { say(hint); return; }
      if (state !== "ready") { say(root.getAttribute("data-hvs-loading")); load(); return; }
      var found = index.search(query), results = found.results, all = 0;
      while (all < results.length && results[all].all) all++;
      if (!results.length) say(message("none", {query: query.trim()}));
      else if (all) say(message("all", {count: all}));
      else say(message("some", {}));
      show(found, all, 0);
    }

    /* SHOWN results from `from` on, then a button for the next ones. */
    function show(found, all, from) {
      var results = found.results, i;
      for (i = from; i < results.length && i < from + SHOWN; i++) {
        if (i === all && all) list.appendChild(heading(message("partial", {})));
        list.appendChild(item(results[i], found.words));
      }
      if (i < results.length) {
        var li = document.createElement("li"), button = document.createElement("button");
        li.className = "md-search-result__item hvs-search-more";
        button.type = "button";
        button.className = "md-search-result__link";
        button.textContent = message("more", {count: results.length - i});
        button.addEventListener("click", function () {
          list.removeChild(li);
          show(found, all, i);
          var links = list.querySelectorAll("a");
          if (links[i]) links[i].focus();
        });
        li.appendChild(button);
        list.appendChild(li);
      }
    }

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      load();
    }

    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", function () { open(); run(); });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { input.focus(); load(); } else { input.blur(); }
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      input.blur();  // hides a phone's keyboard, so the results show
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    document.addEventListener("keydown", function (event) {
      if (!toggle || !toggle.checked) return;
      var links = list.querySelectorAll("a"), at = -1;
      for (var i = 0; i < links.length; i++) if (links[i] === document.activeElement) at = i;
      if (event.key === "Escape" || event.key === "Esc") { close(); event.preventDefault(); }
      else if (event.key === "ArrowDown" && links.length) { links[Math.min(at + 1, links.length - 1)].focus(); event.preventDefault(); }
      else if (event.key === "ArrowUp" && links.length) { (at > 0 ? links[at - 1] : input).focus(); event.preventDefault(); }
    });
    if (input.value) run();  // a query kept by the browser after going back
  }

  function init() {
    var root = document.querySelector("[data-hvs-search]");
    if (!root || root.getAttribute("data-hvs-search") === "ready") return;
    document.documentElement.classList.add("hvs-js");  // shows the search (site.css)
    start(root);
    root.setAttribute("data-hvs-search", "ready");
  }

  window.hvsSearch = {fold: fold, Index: Index};  // for tests and the curious
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
