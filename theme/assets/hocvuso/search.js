/* Học vụ số: search in the header, from file:// as over HTTP, with no network.
 *
 * The index (written by generator/search.py, explained in docs-dev/search.md) is a set of scripts
 * that call hvsSearchData(name, data): a small head (search-index.js), word and pair shards
 * (search/w<n>.js, search/p<n>.js) and one file per page (search/d<n>.js: its title and text, for
 * the result and its snippet). Scripts, because fetch and XHR fail from file:// while a <script>
 * loads anywhere. The head loads when the learner starts searching; a query then loads only the
 * shards holding its words, and the page files of the results it shows.
 *
 * Ranking, in this order (docs-dev/search.md): pages with more of the query's words; then more of
 * its adjacent words found together (a phrase: "chuyển tiền", not "chuyển … tiền"), spelled as
 * typed; then more words spelled with the diacritics typed ("chuyển" above "chuyện" when the query
 * has them); then where the words are: title 10, lead (summary, headings) 4, body 1.
 *
 * Words are folded by window.HVS_TEXT (hocvuso.js), the site's one folding rule. Plain ES5 and the
 * DOM, for old Android WebViews; course text only ever goes into text nodes.
 */
(function () {
  "use strict";

  var WEIGHT = [10, 4, 1];      // a word found in the title, the lead (summary, headings), the body
  var PREFIX = 0.6;             // the last word may be unfinished: a word that starts with it counts less
  var MIN_PREFIX = 2;           // ... if it has at least two letters
  var LOOSE = 0.5;              // a phrase found only without the diacritics typed counts less
  var SHOWN = 10;               // results per screen; the next ones are one tap away
  var CONTEXT = 70;             // characters of a snippet on each side of the match
  var SETTLE = 300;             // ms without typing before the results' page files load
  var BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var WORD = /[0-9a-z\u00c0-\u024f\u1e00-\u1eff]+/g;   // as generator/search.py
  var WORD_ANY_CASE = /[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+/g;
  var END = "\uffff";

  /* Lower case, without diacritics unless `keep`: the site's one folding rule. */
  function fold(text, keep) {
    return window.HVS_TEXT.fold(text, keep);
  }

  /* The words of a text, lower case, with their diacritics. */
  function words(text) {
    return fold(text, true).match(WORD) || [];
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

  /* The first index of the sorted `list` not before `key`. */
  function lowerBound(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* What a query asks: its words (the last one maybe unfinished) and its pairs of adjacent words.
     A term: {exact: "chuyển tiền", folded: "chuyen tien", parts: ["chuyển", "tiền"], prefix}. */
  function parse(query) {
    var list = words(query), seen = {}, unique = [], pairs = [], i;
    function term(parts, prefix) {
      return {exact: parts.join(" "), folded: fold(parts.join(" ")), parts: parts, prefix: prefix};
    }
    for (i = 0; i < list.length; i++) {
      if (!seen[list[i]]) { seen[list[i]] = 1; unique.push(term([list[i]], false)); }
      if (i && list[i] !== list[i - 1]) pairs.push(term([list[i - 1], list[i]], false));
    }
    // the last word may be unfinished (not a word repeated earlier; a single letter is a word:
    // every word that starts with "c" would load a fifth of the index for nothing)
    var last = list[list.length - 1], open = last && fold(last).length >= MIN_PREFIX;
    if (open && unique[unique.length - 1].exact === last) unique[unique.length - 1].prefix = true;
    if (open && pairs.length) pairs[pairs.length - 1].prefix = true;
    return {words: unique, pairs: pairs};
  }

  /* Whether a term as written in a page matches a term of the query, diacritics included: a query
     word typed without diacritics matches any spelling. */
  function spelled(found, asked) {
    var parts = found.split(" ");
    for (var i = 0; i < asked.parts.length; i++) {
      var want = asked.parts[i], got = parts[i] || "";
      if (want === fold(want)) continue;
      if (asked.prefix && i === asked.parts.length - 1 ? got.lastIndexOf(want, 0) !== 0 : got !== want) return false;
    }
    return true;
  }

  /* The shards (`firsts`: the first key of each) that may hold keys from `lo` to `hi`. */
  function shardsFor(firsts, lo, hi) {
    var out = [];
    for (var i = 0; i < firsts.length; i++) {
      if (firsts[i] > hi) break;
      if (i + 1 === firsts.length || firsts[i + 1] >= lo) out.push(i);
    }
    return out;
  }

  /* A loaded shard: its entries' folded keys (sorted), terms and posting lists. */
  function Shard(entries) {
    this.keys = []; this.terms = []; this.lists = [];
    for (var i = 0; i < entries.length; i++) {
      var cut = entries[i].indexOf("|"), term = cut < 0 ? entries[i] : entries[i].slice(0, cut);
      this.terms.push(term);
      this.keys.push(fold(term));
      this.lists.push(cut < 0 ? [] : entries[i].slice(cut + 1).split("|"));
    }
  }

  /* Calls visit(term as written, field, doc) for each page having a term that matches `asked`. */
  Shard.prototype.each = function (asked, visit) {
    for (var t = lowerBound(this.keys, asked.folded); t < this.keys.length; t++) {
      var key = this.keys[t];
      if (asked.prefix ? key.lastIndexOf(asked.folded, 0) !== 0 : key !== asked.folded) break;
      for (var f = 0; f < this.lists[t].length; f++) {
        postings(this.lists[t][f], visit.bind(null, this.terms[t], f, key === asked.folded));
      }
    }
  };

  function Index(head) {
    this.head = head;
  }

  /* The names of the shards a query needs. */
  Index.prototype.needs = function (asked) {
    var names = [], head = this.head;
    function add(kind, firsts, term) {
      var hi = term.prefix ? term.folded + END : term.folded;
      var found = shardsFor(firsts || [], term.folded, hi);
      for (var i = 0; i < found.length; i++) if (names.indexOf(kind + found[i]) < 0) names.push(kind + found[i]);
    }
    for (var w = 0; w < asked.words.length; w++) add("w", head.w, asked.words[w]);
    for (var p = 0; p < asked.pairs.length; p++) add("p", head.p, asked.pairs[p]);
    return names;
  };

  /* Results, best first: [{doc, found, phrases, exact, weight, all}]. `shards`: name -> Shard. */
  Index.prototype.rank = function (asked, shards) {
    var docs = {}, out = [], names = this.needs(asked);
    function doc(d) {
      return docs[d] || (docs[d] = {doc: d, found: 0, phrases: 0, exact: 0, weight: 0});
    }
    function each(kind, term, visit) {
      for (var i = 0; i < names.length; i++) if (names[i].charAt(0) === kind) shards[names[i]].each(term, visit);
    }
    function best(kind, term) {
      var seen = {};   // doc -> {weight, exact}
      each(kind, term, function (written, field, whole, d) {
        var exact = spelled(written, term), weight = WEIGHT[field] * (whole ? 1 : PREFIX);
        var s = seen[d] || (seen[d] = {weight: 0, exact: false, strict: 0});
        if (weight > s.weight) s.weight = weight;
        if (exact) { s.exact = true; if (weight > s.strict) s.strict = weight; }
      });
      return seen;
    }
    var d, s;
    for (var w = 0; w < asked.words.length; w++) {
      var words = best("w", asked.words[w]);
      for (d in words) {
        s = doc(d); s.found += 1; s.weight += words[d].weight;
        if (words[d].exact) s.exact += 1;
      }
    }
    for (var p = 0; p < asked.pairs.length; p++) {
      var pairs = best("p", asked.pairs[p]);
      for (d in pairs) {
        s = doc(d);
        if (pairs[d].exact) { s.phrases += 1; s.weight += pairs[d].strict; }
        else s.weight += pairs[d].weight * LOOSE;
      }
    }
    for (d in docs) {
      docs[d].doc = +d;
      docs[d].all = docs[d].found === asked.words.length;
      out.push(docs[d]);
    }
    out.sort(function (a, b) {
      return b.found - a.found || b.phrases - a.phrases || b.exact - a.exact || b.weight - a.weight || a.doc - b.doc;
    });
    return out;
  };

  /* The words of a text with their places: [{start, end, exact, folded}]. */
  function located(text) {
    var out = [], m;
    WORD_ANY_CASE.lastIndex = 0;
    while ((m = WORD_ANY_CASE.exec(text))) {
      var exact = fold(m[0], true);
      out.push({start: m.index, end: m.index + m[0].length, exact: exact, folded: fold(exact)});
    }
    return out;
  }

  /* How well the page's word at `i` (and the next) matches the query: 4 a phrase as typed, 3 a
     phrase without those diacritics, 2 a word as typed, 1 a word without them, 0 no match. */
  function matchAt(list, i, asked) {
    var score = 0, w, p;
    function hit(term, parts) {
      var written = parts.join(" ");
      var same = term.prefix ? fold(written).lastIndexOf(term.folded, 0) === 0 : fold(written) === term.folded;
      return same ? (spelled(written, term) ? 2 : 1) : 0;
    }
    if (i + 1 < list.length) {
      for (p = 0; p < asked.pairs.length; p++) {
        var pair = hit(asked.pairs[p], [list[i].exact, list[i + 1].exact]);
        if (pair) score = Math.max(score, pair + 2);
      }
    }
    for (w = 0; w < asked.words.length; w++) score = Math.max(score, hit(asked.words[w], [list[i].exact]));
    return score;
  }

  /* Whether a word of a page is one of the query's words (with or without its diacritics). */
  function isAsked(word, asked) {
    return matchAt([word], 0, {words: asked.words, pairs: []}) > 0;
  }

  /* A short excerpt of `text` around the best match, the query's words marked: a list of
     [text, marked] pieces (made into text nodes and <mark> by the caller). */
  function excerpt(text, asked) {
    var list = located(text), at = -1, top = 0, i;
    for (i = 0; i < list.length; i++) {
      var score = matchAt(list, i, asked);
      if (score > top) { top = score; at = i; }
    }
    // the match: [from, to); the excerpt: CONTEXT characters each side, cut between words
    var from = at < 0 ? 0 : list[at].start, to = at < 0 ? 0 : list[top > 2 ? at + 1 : at].end;
    var start = Math.max(0, from - CONTEXT), end = Math.min(text.length, to + (at < 0 ? 2 : 1) * CONTEXT);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < from) start = space + 1; }
    if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > to) end = back; }
    var pieces = marked(text, list, asked, start, end);
    if (start > 0) pieces.unshift(["…", false]);
    if (end < text.length) pieces.push(["…", false]);
    return pieces;
  }

  /* text[start:end] as [text, marked] pieces, the query's words marked (adjacent ones as one mark). */
  function marked(text, list, asked, start, end) {
    var pieces = [], done = start;
    for (var i = 0; i < list.length; i++) {
      if (list[i].start < start || list[i].end > end || !isAsked(list[i], asked)) continue;
      var gap = text.slice(done, list[i].start), last = pieces[pieces.length - 1];
      if (last && last[1] && /^\s+$/.test(gap)) last[0] += gap + text.slice(list[i].start, list[i].end);
      else pieces.push([gap, false], [text.slice(list[i].start, list[i].end), true]);
      done = list[i].end;
    }
    pieces.push([text.slice(done, end), false]);
    return pieces;
  }

  function start(root) {
    var toggle = document.getElementById("__search");
    var input = root.querySelector("input[type=search]");
    var form = input.form;
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var base = root.getAttribute("data-hvs-base") || ".";
    var address = root.getAttribute("data-hvs-index");
    var cut = address.indexOf("?"), version = cut < 0 ? "" : address.slice(cut);
    var folder = address.slice(0, cut < 0 ? address.length : cut).replace(/[^\/]*$/, "") + "search/";
    var hint = meta.textContent;
    var store = {}, pending = {}, index = null, state = "idle", latest = 0, settle = null, showNow = null;

    /* Every file of the index calls this with its name and data. */
    window.hvsSearchData = function (name, data) { store[name] = data; };

    function say(text) { meta.textContent = text; }

    /* Make the named files' data available (inserting their scripts once), then done(ok). */
    function need(names, done) {
      var left = 0, ok = true;
      function arrived(good) { ok = ok && good; if (--left === 0) done(ok); }
      for (var i = 0; i < names.length; i++) {
        var name = names[i];
        if (store[name] !== undefined) continue;
        left++;
        if (pending[name]) { pending[name].push(arrived); continue; }
        pending[name] = [arrived];
        var script = document.createElement("script");
        script.src = name === "head" ? address : folder + name + ".js" + version;
        script.onload = script.onerror = finish.bind(null, name);
        document.head.appendChild(script);
      }
      if (!left) done(true);
    }

    function finish(name) {
      var waiting = pending[name] || [];
      delete pending[name];
      for (var i = 0; i < waiting.length; i++) waiting[i](store[name] !== undefined);
    }

    function failed() { state = "failed"; say(root.getAttribute("data-hvs-failed")); }

    function load() {
      if (state !== "idle") return;
      state = "loading";
      need(["head"], function (ok) {
        if (!ok) return failed();
        window.HVS_SEARCH = store.head;
        index = new Index(store.head);
        state = "ready";
        run();
      });
    }

    function message(key, values) {
      var text = (index.head.msg || {})[key] || "";
      for (var name in values) text = text.split("{" + name + "}").join(values[name]);
      return text;
    }

    /* Text nodes and <mark>s in `parent`, from [text, marked] pieces. */
    function fill(parent, pieces) {
      for (var i = 0; i < pieces.length; i++) {
        if (!pieces[i][0]) continue;
        if (pieces[i][1]) {
          var mark = document.createElement("mark");
          mark.textContent = pieces[i][0];
          parent.appendChild(mark);
        } else {
          parent.appendChild(document.createTextNode(pieces[i][0]));
        }
      }
      return parent;
    }

    /* The title, with the words of the query marked. */
    function title(text, asked) {
      return fill(document.createElement("h1"), marked(text, located(text), asked, 0, text.length));
    }

    function item(result, asked) {
      var page = store["d" + result.doc];
      var li = document.createElement("li"), a = document.createElement("a");
      var article = document.createElement("article"), area = document.createElement("p");
      var snippet = document.createElement("p");
      li.className = "md-search-result__item";
      a.className = "md-search-result__link";
      a.href = base + "/" + page[0];
      article.className = "md-search-result__article md-typeset";
      area.className = "hvs-search-area";
      area.textContent = index.head.areas[page[2]];
      snippet.className = "hvs-search-snippet";
      article.appendChild(title(page[1], asked));
      article.appendChild(area);
      if (page[3]) article.appendChild(fill(snippet, excerpt(page[3], asked)));
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

    /* Answer the query in the field: load its shards, rank, say how many pages have it, and once
       the learner stops typing for SETTLE ms (or presses Enter) show the first results. A newer
       query wins: each step checks it is still the latest. */
    function run() {
      var query = input.value, asked = parse(query), turn = ++latest;
      clearTimeout(settle);
      showNow = null;
      if (!asked.words.length) { list.innerHTML = ""; say(hint); return; }
      if (state !== "ready") { list.innerHTML = ""; say(root.getAttribute("data-hvs-loading")); load(); return; }
      var names = index.needs(asked);
      need(names, function (ok) {
        if (turn !== latest) return;
        if (!ok) return failed();
        var shards = {};
        for (var i = 0; i < names.length; i++) {
          if (!(store[names[i]] instanceof Shard)) store[names[i]] = new Shard(store[names[i]]);
          shards[names[i]] = store[names[i]];
        }
        var results = index.rank(asked, shards), all = 0;
        while (all < results.length && results[all].all) all++;
        var found = {words: asked.words, pairs: asked.pairs, results: results, all: all, query: query, turn: turn};
        if (!results.length) say(message("none", {query: query.trim()}));
        else if (all) say(message("all", {count: all}));
        else say(message("some", {}));
        // each letter typed would otherwise load the page files of its own ten results
        showNow = function () { clearTimeout(settle); showNow = null; show(found, 0); };
        settle = setTimeout(showNow, results.length ? SETTLE : 0);
      });
    }

    /* SHOWN results from `from` on (once their page files are there), then a button for the next ones. */
    function show(found, from) {
      var results = found.results, names = [], i;
      for (i = from; i < results.length && i < from + SHOWN; i++) names.push("d" + results[i].doc);
      need(names, function (ok) {
        if (found.turn !== latest) return;
        if (!ok) return failed();
        if (!from) list.innerHTML = "";
        for (i = from; i < results.length && i < from + SHOWN; i++) {
          if (i === found.all && found.all) list.appendChild(heading(message("partial", {})));
          list.appendChild(item(results[i], found));
        }
        if (i < results.length) more(found, i);
        root.setAttribute("data-hvs-answered", found.query);  // for tests: the list answers this query
      });
    }

    function more(found, next) {
      var li = document.createElement("li"), button = document.createElement("button");
      li.className = "md-search-result__item hvs-search-more";
      button.type = "button";
      button.className = "md-search-result__link";
      button.textContent = message("more", {count: found.results.length - next});
      button.addEventListener("click", function () {
        list.removeChild(li);
        var before = list.querySelectorAll("a").length;
        show(found, next);
        var wait = setInterval(function () {   // focus the first new result once it is there
          var links = list.querySelectorAll("a");
          if (found.turn !== latest || links.length > before) {
            clearInterval(wait);
            if (links[before]) links[before].focus();
          }
        }, 30);
      });
      li.appendChild(button);
      list.appendChild(li);
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
      if (showNow) showNow();
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
    // hocvuso.js loads this file as the learner opens the search or taps its field: take over
    if ((toggle && toggle.checked) || document.activeElement === input) open();
    if (input.value) run();  // a query kept by the browser after going back, or typed while loading
  }

  function init() {
    var root = document.querySelector("[data-hvs-search]");
    if (!root || root.getAttribute("data-hvs-search") === "ready") return;
    document.documentElement.classList.add("hvs-js");  // shows the search (site.css)
    start(root);
    root.setAttribute("data-hvs-search", "ready");
  }

  // for tests and the curious
  window.hvsSearch = {fold: function (text) { return fold(text); }, parse: parse, excerpt: excerpt, Index: Index, Shard: Shard};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
