/* Học vụ số — reading comfort: text size, high contrast, read aloud, glossary terms.
 *
 * No framework, no network, ES5 (2019 Android WebViews). Every word shown comes from the catalogue:
 * the parts only this script shows (the reader bar's buttons, the read-aloud controls, the header's
 * text sizes) take theirs from HVS_READER_MSG, which the plugin puts in front of this file, so that
 * they are not repeated in every page (issue 21). The head of each page applies the saved size and contrast
 * before the first paint; this file saves the learner's choices and runs the buttons. Storage may
 * throw (private mode, file:// rules): choices then last for the page only.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var KEYS = { size: "hvs.size", contrast: "hvs.contrast" };
  var MSG = window.HVS_READER_MSG || {};  // in front of this file: render.reader_prelude

  // make("button", {type: "button"}, [nodes or strings]): the parts this script builds, as nodes.
  function make(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function icon(path) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), line = document.createElementNS(ns, "path");
    svg.setAttribute("class", "hvs-ricon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    line.setAttribute("d", path);
    svg.appendChild(line);
    return svg;
  }

  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* remembered for this page only */ }
  }
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  /* --- text size and contrast ------------------------------------------------------------- */

  function currentSize() {
    var size = root.getAttribute("data-hvs-size");
    return size === "1" || size === "2" ? size : "0";
  }

  function showChoices() {
    var size = currentSize();
    all("[data-hvs-set-size], [data-hvs-pick-size]").forEach(function (b) {
      var mine = b.getAttribute("data-hvs-set-size") || b.getAttribute("data-hvs-pick-size");
      b.setAttribute("aria-pressed", String(mine === size));
    });
    var high = root.getAttribute("data-hvs-contrast") === "high";
    all("[data-hvs-set-contrast]").forEach(function (b) { b.setAttribute("aria-pressed", String(high)); });
  }

  function setSize(size) {
    if (size === "1" || size === "2") root.setAttribute("data-hvs-size", size);
    else root.removeAttribute("data-hvs-size");
    save(KEYS.size, size === "1" || size === "2" ? size : null);
    showChoices();
  }

  function toggleContrast() {
    var high = root.getAttribute("data-hvs-contrast") !== "high";
    if (high) root.setAttribute("data-hvs-contrast", "high");
    else root.removeAttribute("data-hvs-contrast");
    save(KEYS.contrast, high ? "high" : null);
    showChoices();
  }

  /* --- glossary terms: a button that shows the explanation in place -------------------------- */

  function closeTerm(button) {
    button.setAttribute("aria-expanded", "false");
    var pop = document.getElementById(button.getAttribute("aria-controls"));
    if (pop) pop.hidden = true;
  }

  function openTerm(button) {
    all(".hvs-term[aria-expanded=true]").forEach(closeTerm);
    button.setAttribute("aria-expanded", "true");
    var pop = document.getElementById(button.getAttribute("aria-controls"));
    if (pop) pop.hidden = false;
  }

  function setUpTerms(closeLabel) {
    all("a.hvs-term[data-hvs-term]").forEach(function (link) {
      var id = link.getAttribute("data-hvs-term");
      var note = document.querySelector("#hvs-gl-" + id + " .hvs-gl-text");
      if (!note) return;  // no explanation on the page: leave the plain link
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hvs-term";
      button.id = link.id;
      button.setAttribute("data-hvs-term", id);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", link.id + "-pop");
      button.textContent = link.textContent;
      var pop = document.createElement("span");
      pop.className = "hvs-term-pop";
      pop.id = link.id + "-pop";
      pop.hidden = true;
      var text = document.createElement("span");
      text.className = "hvs-term-text";
      text.textContent = note.textContent;
      var close = document.createElement("button");
      close.type = "button";
      close.className = "hvs-term-close";
      close.textContent = closeLabel || "×";
      pop.appendChild(text);
      pop.appendChild(close);
      link.parentNode.replaceChild(button, link);
      button.parentNode.insertBefore(pop, button.nextSibling);
      button.addEventListener("click", function () {
        if (button.getAttribute("aria-expanded") === "true") closeTerm(button);
        else openTerm(button);
      });
      close.addEventListener("click", function () { closeTerm(button); button.focus(); });
      pop.addEventListener("keydown", function (e) {
        if (e.key === "Escape" || e.key === "Esc") { closeTerm(button); button.focus(); }
      });
      button.addEventListener("keydown", function (e) {
        if (e.key === "Escape" || e.key === "Esc") closeTerm(button);
      });
    });
  }

  /* --- read aloud ------------------------------------------------------------------------------ */

  var synth = window.speechSynthesis;
  var canSpeak = !!(synth && window.SpeechSynthesisUtterance);
  var voice = null;

  // A Vietnamese voice installed on the phone, or none. Chrome on Android also lists languages whose
  // voice pack is missing and then speaks Vietnamese with an English voice, and a server voice fails
  // offline: only a voice that says it is vi-VN (or vi_VN) and runs on the device is trusted.
  function findVoice() {
    var voices = [];
    try { voices = synth.getVoices() || []; } catch (e) { voices = []; }
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang === "vi-vn" && voices[i].localService === true) return voices[i];
    }
    return null;
  }

  // Blocks whose text is read; parts never read (the quiz has its own buttons, a term's pop-up
  // would repeat the explanation, web addresses read badly).
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,figcaption,blockquote,summary";
  var SKIP = ".hvs-reader,.hvs-quiz,.hvs-meta,.hvs-to-quiz,.hvs-sources,.hvs-lesson-nav,.hvs-glossary-notes,.hvs-term-pop," +
             ".hvs-sheet-link,.hvs-select-text," +
             "pre,code,script,style,svg,nav,button:not(.hvs-term),select,[hidden],[aria-hidden=true]," +
             "[data-hvs-noread]";
  var SENTENCE_END = /[.!?\u2026]+["'\u201d\u2019\u00bb)\]]*(?=\s|$)/g;
  var WORDY = /[0-9A-Za-z\u00c0-\u1ef9]/;

  function closest(el, selector) {
    for (; el && el.nodeType === 1; el = el.parentNode) {
      if (el.matches ? el.matches(selector) : el.webkitMatchesSelector(selector)) return el;
    }
    return null;
  }

  function readable(node, scope) {
    var el = node.parentNode;
    if (closest(el, SKIP)) return false;
    var link = closest(el, "a");
    if (link && /^\s*(https?:|www\.)/i.test(link.textContent)) return false;
    return scope.contains(el) && el.getClientRects().length > 0;  // not what the page hides
  }

  // Wraps each sentence of the lesson in <span class="hvs-s">, once; returns the sentences as
  // {text, parts}: one utterance each, highlighted by a class on its parts.
  var lessonSentences = null;
  function splitLesson(scope) {
    if (lessonSentences) return lessonSentences;
    var groups = [], group = null;
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, null, false);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!readable(node, scope)) continue;
      var block = closest(node.parentNode, BLOCKS) || scope;
      if (!group || group.block !== block) {
        group = { block: block, nodes: [] };
        groups.push(group);
      }
      group.nodes.push(node);
    }
    var sentences = [];
    groups.forEach(function (g) {
      var text = "", starts = [];
      g.nodes.forEach(function (n) { starts.push(text.length); text += n.data; });
      var ranges = [], start = 0, m;
      SENTENCE_END.lastIndex = 0;
      while ((m = SENTENCE_END.exec(text))) {
        ranges.push([start, m.index + m[0].length]);
        start = m.index + m[0].length;
      }
      ranges.push([start, text.length]);
      var first = sentences.length;
      ranges.forEach(function (r) {
        var piece = text.slice(r[0], r[1]);
        r[0] += piece.length - piece.replace(/^\s+/, "").length;  // the highlight starts at the first word
        if (WORDY.test(piece)) sentences.push({ text: piece.replace(/\s+/g, " ").trim(), parts: [], range: r });
      });
      var mine = sentences.slice(first);
      g.nodes.forEach(function (n, i) {
        var a = starts[i], b = a + n.data.length, cuts = [];
        mine.forEach(function (s) {
          var from = Math.max(a, s.range[0]), to = Math.min(b, s.range[1]);
          if (to > from && /\S/.test(text.slice(from, to))) cuts.push([from - a, to - a, s]);
        });
        if (!cuts.length) return;
        var frag = document.createDocumentFragment(), at = 0;
        cuts.forEach(function (c) {
          if (c[0] > at) frag.appendChild(document.createTextNode(n.data.slice(at, c[0])));
          var span = document.createElement("span");
          span.className = "hvs-s";
          span.textContent = n.data.slice(c[0], c[1]);
          c[2].parts.push(span);
          frag.appendChild(span);
          at = c[1];
        });
        if (at < n.data.length) frag.appendChild(document.createTextNode(n.data.slice(at)));
        n.parentNode.replaceChild(frag, n);
      });
    });
    lessonSentences = sentences;
    return sentences;
  }

  function questionParts(q) {
    var items = [];
    function add(el) {
      var text = (el.textContent || "").replace(/\s+/g, " ").trim();
      if (WORDY.test(text)) items.push({ text: text, parts: [el] });
    }
    // The prompt block by block ("Câu 1", then its paragraphs), so each is said as its own phrase.
    var prompt = q.querySelector(".hvs-prompt");
    if (prompt) {
      var parts = all(".hvs-prompt > *", q);
      (parts.length ? parts : [prompt]).forEach(add);
    }
    all(".hvs-option-text, .hvs-order-text, .hvs-pair-left", q).forEach(add);
    return items;
  }

  function Player(bar) {
    this.bar = bar;
    this.items = [];
    this.pos = 0;
    this.state = "idle";
    this.token = 0;
    this.utterance = null;
  }

  Player.prototype.show = function () {
    var state = this.state;
    all("[data-hvs-act]", this.bar).forEach(function (b) {
      var act = b.getAttribute("data-hvs-act");
      b.hidden = !((act === "start" && state === "idle") || (act === "pause" && state === "playing") ||
                   (act === "resume" && state === "paused") || (act === "stop" && state !== "idle"));
    });
    root.classList.toggle("hvs-speaking", state !== "idle");
    this.bar.classList.toggle("is-active", state !== "idle");
  };

  Player.prototype.mark = function (item) {
    all(".is-reading").forEach(function (el) { el.classList.remove("is-reading"); });
    if (!item) return;
    item.parts.forEach(function (el) { el.classList.add("is-reading"); });
    var first = item.parts[0];
    if (!first) return;
    var box = first.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var bottom = window.innerHeight - (this.bar.offsetHeight || 0);
    if (box.top < top || box.bottom > bottom) {
      var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      try { first.scrollIntoView({ block: "center", behavior: calm ? "auto" : "smooth" }); }
      catch (e) { first.scrollIntoView(false); }
    }
  };

  Player.prototype.play = function (items) {
    this.stop();
    this.items = items;
    this.pos = 0;
    this.state = "playing";
    this.show();
    this.next();
  };

  Player.prototype.next = function () {
    var self = this;
    if (this.state !== "playing") return;
    if (this.pos >= this.items.length) { this.stop(); return; }
    var item = this.items[this.pos], token = ++this.token;
    this.mark(item);
    var u = new window.SpeechSynthesisUtterance(item.text);
    u.voice = voice;
    u.lang = voice ? voice.lang.replace("_", "-") : "vi-VN";
    u.rate = 0.9;  // a little slower than usual, for learners new to the words
    u.onend = function () {
      if (token !== self.token || self.state !== "playing") return;
      self.pos++;
      self.next();
    };
    u.onerror = function (e) {
      if (token !== self.token || e.error === "interrupted" || e.error === "canceled") return;
      self.stop();
      noVoice(true, true);
    };
    this.utterance = u;  // keep it referenced: some browsers drop the events of a collected utterance
    synth.speak(u);
  };

  Player.prototype.pause = function () {
    // cancel() rather than pause(): Android's pause() stops for good; resume restarts the sentence.
    this.state = "paused";
    this.token++;
    synth.cancel();
    this.show();
  };

  Player.prototype.resume = function () {
    this.state = "playing";
    this.show();
    this.next();
  };

  Player.prototype.stop = function () {
    this.token++;
    this.state = "idle";
    if (canSpeak) synth.cancel();
    this.mark(null);
    this.pos = 0;
    this.show();
  };

  var player = null;
  var questionLabel = "";

  // The guide to installing a Vietnamese voice, in the row kept for it; after a failure
  // mid-lesson, opened and focused.
  function noVoice(show, bringIntoView) {
    var note = document.querySelector("[data-hvs-no-voice]");
    if (!note || document.querySelector("[data-hvs-narration]")) return;  // a recording is there
    note.hidden = !show;
    if (show && bringIntoView) {
      note.open = true;
      note.setAttribute("tabindex", "-1");
      note.focus();
    }
  }

  function enableListening(bar, scope) {
    if (player) return;
    player = new Player(bar);
    // A teacher's recording (media.js) is preferred to the device's voice for the whole lesson.
    bar.hidden = !!scope.querySelector("[data-hvs-narration]");
    noVoice(false);
    player.show();
    bar.addEventListener("click", function (e) {
      var button = closest(e.target, "[data-hvs-act]");
      if (!button) return;
      var act = button.getAttribute("data-hvs-act");
      if (act === "start") player.play(splitLesson(scope));
      else if (act === "pause") player.pause();
      else if (act === "resume") player.resume();
      else if (act === "stop") player.stop();
    });
    all(".hvs-quiz .hvs-q").forEach(function (q) {
      var prompt = q.querySelector(".hvs-prompt");
      if (!prompt || q.querySelector(".hvs-q-listen")) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "hvs-rbtn hvs-q-listen";
      b.textContent = questionLabel;
      b.addEventListener("click", function () { player.play(questionParts(q)); });
      prompt.parentNode.insertBefore(b, prompt.nextSibling);
    });
    window.addEventListener("pagehide", function () { player.stop(); });
  }

  // The quiz's audio-first mode (media.js) speaks with this voice: tell it, or load it where the
  // page has no media of its own (no second voice check, nothing loaded on phones without a voice).
  function shareVoice() {
    if (window.hvsVoice) return;
    window.hvsVoice = voice;
    var mode = document.querySelector("[data-hvs-listen-mode]");
    if (!mode) return;
    if (window.hvsMedia || document.querySelector("script[src$='media.js']")) {
      var e = document.createEvent("Event");
      e.initEvent("hvs-voice", false, false);
      document.dispatchEvent(e);
      return;
    }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = mode.getAttribute("data-style");
    var js = document.createElement("script");
    js.src = mode.getAttribute("data-script");
    document.head.appendChild(css);
    document.head.appendChild(js);
  }

  // The quiz's audio-first switch, into its empty row (hidden until media.js has something to say):
  // media.js reads its words and reader.js where media.js and media.css are, beside this file.
  function buildListenMode() {
    var row = document.querySelector(".hvs-quiz .hvs-listen-row");
    if (!row || row.firstElementChild) return;
    var me = document.querySelector("script[src$='bundle.js'], script[src$='reader.js']");
    var dir = me ? me.getAttribute("src").replace(/[^\/]*$/, "") : "";
    row.appendChild(make("button", { type: "button", "class": "hvs-mbtn hvs-listen-mode", "data-hvs-listen-mode": "",
      "data-prompt": MSG.clip_prompt || "", "data-option": MSG.clip_option || "",
      "data-script": dir + "media.js", "data-style": dir + "media.css" }, [MSG.listen_mode || ""]));
    var e = document.createEvent("Event");
    e.initEvent("hvs-listen-mode", false, false);
    document.dispatchEvent(e);
  }

  // The read-aloud controls and the guide to installing a voice, into the lesson's empty slot (the
  // slot keeps their row, so the lesson does not move when they appear).
  var ACTS = [
    ["start", "listen", "M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"],
    ["pause", "pause", "M6 5h4v14H6zm8 0h4v14h-4z"],
    ["resume", "resume", "M7 4v16l13-8z"],
    ["stop", "stop", "M6 6h12v12H6z"]
  ];

  function listenControls(reader) {
    var slot = reader.querySelector(".hvs-listen-slot");
    if (!slot || slot.firstElementChild) return;
    var bar = make("div", { "class": "hvs-listen", "data-hvs-listen": "", hidden: "" }, ACTS.map(function (act, n) {
      var attrs = { type: "button", "class": n ? "hvs-rbtn" : "hvs-rbtn hvs-listen-start", "data-hvs-act": act[0] };
      if (n) attrs.hidden = "";
      return make("button", attrs, [icon(act[2]), MSG[act[1]] || ""]);
    }));
    var steps = String(MSG.voice_steps || "").split("\n").map(function (step) { return make("li", {}, [step]); });
    var help = make("details", { "class": "hvs-voice-help", "data-hvs-no-voice": "", hidden: "" }, [
      make("summary", {}, [MSG.voice_help || ""]), make("p", {}, [MSG.no_voice || ""]), make("ol", {}, steps)]);
    slot.appendChild(bar);
    slot.appendChild(help);
  }

  function setUpListening(reader) {
    listenControls(reader);
    var bar = reader.querySelector("[data-hvs-listen]");
    var scope = closest(reader, "article") || document.querySelector("article");
    if (!bar || !scope || !scope.querySelector(".hvs-lesson-head")) return;  // lessons only
    if (!canSpeak) { noVoice(true); return; }
    function check() {
      var found = findVoice();
      if (found) { voice = found; shareVoice(); enableListening(bar, scope); }
      return !!found;
    }
    if (check()) return;
    // Voices may arrive later (Chrome loads them asynchronously); give up after a few seconds,
    // and say so, but still listen in case they come.
    try { synth.addEventListener("voiceschanged", check); } catch (e) { synth.onvoiceschanged = check; }
    var tries = 0;
    var timer = window.setInterval(function () {
      if (check() || ++tries >= 12) {
        window.clearInterval(timer);
        if (!player) noVoice(true);
      }
    }, 250);
  }

  /* --- matching: the chosen answer shown whole -------------------------------------------------- */

  // A select shows its choice on one line, cut off on a phone. Beneath each select (same grid cell,
  // hocvuso.css) a box repeats the chosen text and wraps; the select on top keeps its border, arrow,
  // focus and tap, with its own text made transparent.
  function setUpChoiceTexts() {
    all(".hvs-pair select").forEach(function (select) {
      if (select.nextElementSibling && select.nextElementSibling.className === "hvs-select-text") return;
      var box = document.createElement("span");
      box.className = "hvs-select-text";
      box.setAttribute("aria-hidden", "true");
      select.parentNode.insertBefore(box, select.nextSibling);
      function show() {
        var option = select.options[select.selectedIndex];
        box.textContent = option ? option.text : "";
      }
      select.addEventListener("change", show);
      select.addEventListener("input", show);
      show();
      select.parentNode.classList.add("hvs-pair-whole");
    });
  }

  /* --- text size from the header, anywhere on the page ------------------------------------------ */

  function setUpSizePop() {
    var title = document.querySelector(".md-header__title");
    if (!title || !MSG.size) return;
    var toggle = document.querySelector(".hvs-size-toggle"), pop = document.getElementById("hvs-size-pop");
    if (!toggle) {
      toggle = make("button", { type: "button", "class": "md-header__button md-icon hvs-size-toggle", "aria-expanded": "false",
        "aria-controls": "hvs-size-pop", title: MSG.size }, [make("span", { "aria-hidden": "true" }, ["A", make("small", {}, ["A"])]),
        make("span", { "class": "hvs-visually-hidden" }, [MSG.size])]);
      pop = make("div", { "class": "hvs-size-pop", id: "hvs-size-pop", role: "group", "aria-label": MSG.size, hidden: "" });
      title.parentNode.insertBefore(pop, title.nextSibling);
      title.parentNode.insertBefore(toggle, pop);
      [0, 1, 2].forEach(function (n) {
        pop.appendChild(make("button", { type: "button", "class": "hvs-rbtn hvs-size-" + n, "data-hvs-pick-size": String(n),
          "aria-pressed": String(currentSize() === String(n)) }, [make("span", { "aria-hidden": "true" }, ["A"]),
          " " + (MSG["size_" + n] || "")]));
      });
    }
    function open(yes) {
      pop.hidden = !yes;
      toggle.setAttribute("aria-expanded", String(yes));
    }
    toggle.addEventListener("click", function () { open(pop.hidden); });
    pop.addEventListener("click", function (e) {
      var size = closest(e.target, "[data-hvs-pick-size]");
      if (size) setSize(size.getAttribute("data-hvs-pick-size"));
    });
    document.addEventListener("keydown", function (e) {
      if (!pop.hidden && (e.key === "Escape" || e.key === "Esc")) { open(false); toggle.focus(); }
    });
    // a tap elsewhere closes it, so it never stays over the text
    document.addEventListener("click", function (e) {
      if (!pop.hidden && !closest(e.target, ".hvs-size-pop, .hvs-size-toggle")) open(false);
    });
  }

  /* --- start ---------------------------------------------------------------------------------- */

  // The bar's size and contrast buttons, into the page's empty bar (theme/hvs/reader.html), before
  // its listen slot; the bar's row was kept for them from the first paint (reader.css).
  var CONTRAST = "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2v16a8 8 0 0 1 0-16z";

  function buildBar(reader) {
    var sizes = make("div", { "class": "hvs-reader-size", role: "group", "aria-labelledby": "hvs-size-label" },
      [make("span", { "class": "hvs-reader-label", id: "hvs-size-label" }, [MSG.size || ""])]);
    [0, 1, 2].forEach(function (n) {
      var name = MSG["size_" + n] || "";
      sizes.appendChild(make("button", { type: "button", "class": "hvs-rbtn hvs-size-" + n, "data-hvs-set-size": String(n),
        "aria-pressed": "false", title: (MSG.size || "") + ": " + name }, [make("span", { "aria-hidden": "true" }, ["A"]),
        make("span", { "class": "hvs-visually-hidden" }, [name])]));
    });
    var contrast = make("button", { type: "button", "class": "hvs-rbtn hvs-contrast-btn", "data-hvs-set-contrast": "",
      "aria-pressed": "false", title: MSG.contrast || "" }, [icon(CONTRAST), make("span", { "class": "hvs-visually-hidden" }, [MSG.contrast || ""])]);
    reader.setAttribute("role", "group");
    reader.setAttribute("aria-label", MSG.label || "");
    reader.insertBefore(contrast, reader.firstChild);
    reader.insertBefore(sizes, contrast);
  }

  function init() {
    var reader = document.querySelector("[data-hvs-reader]");
    buildListenMode();
    if (reader && !reader.getAttribute("data-hvs-ready")) {
      buildBar(reader);
      reader.setAttribute("data-hvs-ready", "1");
      questionLabel = MSG.listen_question || "";
      reader.addEventListener("click", function (e) {
        var size = closest(e.target, "[data-hvs-set-size]");
        if (size) setSize(size.getAttribute("data-hvs-set-size"));
        if (closest(e.target, "[data-hvs-set-contrast]")) toggleContrast();
      });
      setUpListening(reader);
    }
    showChoices();
    setUpTerms(MSG.close || "");
    setUpChoiceTexts();
    setUpSizePop();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
