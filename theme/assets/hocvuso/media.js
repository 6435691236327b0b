/* Học vụ số: the recorded narration's player (generator/media.py writes the markup and its words).
   Large buttons, three speeds, and the place where the learner stopped, kept per lesson on this
   phone. Loaded only on pages that have audio or video; without it the browser's own controls stay.
   Also the quiz's recorded clips (links to the file, played here in place) and its audio-first
   mode: a listen button beside each prompt and option, playing the clip where the teacher recorded
   one and otherwise speaking the text with the phone's Vietnamese voice, which reader.js finds and
   shares as window.hvsVoice (it also loads this file on quiz pages without media once it has one). */
(function () {
  "use strict";
  if (window.hvsMedia) return;
  window.hvsMedia = true;
  var SPEEDS = [0.75, 1, 1.25];

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds || 0));
    var r = s % 60;
    return Math.floor(s / 60) + ":" + (r < 10 ? "0" : "") + r;
  }

  function button(className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "hvs-mbtn " + className;
    b.textContent = text;
    return b;
  }

  function setUp(audio) {
    var s = store();
    var key = "hvs.narration:" + location.pathname + "|" + (audio.getAttribute("data-hvs-key") || "");
    var saved = s ? parseFloat(s.getItem(key)) : NaN;
    var words = function (name) { return audio.getAttribute("data-" + name) || ""; };
    var bar = document.createElement("div");
    bar.className = "hvs-player";
    var play = button("hvs-mplay", words("play"));
    var back = button("hvs-mback", words("back"));
    var time = document.createElement("span");
    time.className = "hvs-mtime";
    var seek = document.createElement("input");
    seek.type = "range";
    seek.min = "0";
    seek.step = "1";
    seek.value = "0";
    seek.className = "hvs-mseek";
    seek.setAttribute("aria-label", words("position"));
    var speeds = document.createElement("div");
    speeds.className = "hvs-mspeeds";
    speeds.setAttribute("role", "group");
    speeds.setAttribute("aria-label", words("speed"));
    SPEEDS.forEach(function (rate) {
      var b = button("hvs-mspeed", String(rate).replace(".", ",") + "×");
      b.setAttribute("data-rate", String(rate));
      b.setAttribute("aria-pressed", rate === 1 ? "true" : "false");
      speeds.appendChild(b);
    });
    bar.appendChild(play);
    bar.appendChild(back);
    bar.appendChild(seek);
    bar.appendChild(time);
    bar.appendChild(speeds);
    audio.parentNode.insertBefore(bar, audio.nextSibling);
    audio.controls = false;
    audio.hidden = true;

    function show() {
      var playing = !audio.paused && !audio.ended;
      play.textContent = playing ? words("pause") : words("play");
      play.setAttribute("aria-pressed", playing ? "true" : "false");
      var d = isFinite(audio.duration) ? audio.duration : 0;
      seek.max = String(Math.floor(d) || 1);
      seek.value = String(Math.floor(audio.currentTime || 0));
      time.textContent = clock(audio.currentTime) + (d ? " / " + clock(d) : "");
    }
    var restored = false;
    function restore() {
      if (restored) return;
      restored = true;
      if (saved > 0 && (!audio.duration || saved < audio.duration - 1)) {
        try { audio.currentTime = saved; } catch (e) { /* not seekable yet: start from the beginning */ }
      }
      show();
    }
    var last = -1;
    audio.addEventListener("loadedmetadata", restore);
    if (audio.readyState >= 1) restore();
    audio.addEventListener("timeupdate", function () {
      var now = Math.floor(audio.currentTime || 0);
      if (now !== last && restored) {
        last = now;
        try { if (s) s.setItem(key, String(audio.currentTime)); } catch (e) { /* storage full: no memory */ }
      }
      show();
    });
    audio.addEventListener("ended", function () {
      try { if (s) s.removeItem(key); } catch (e) { /* nothing to forget */ }
      show();
    });
    ["play", "pause", "durationchange"].forEach(function (name) { audio.addEventListener(name, show); });
    play.addEventListener("click", function () {
      if (audio.paused || audio.ended) {
        if (audio.readyState < 1) audio.load();
        var p = audio.play();
        if (p && p.catch) p.catch(function () { show(); });
      } else {
        audio.pause();
      }
    });
    back.addEventListener("click", function () {
      audio.currentTime = Math.max(0, (audio.currentTime || 0) - 10);
    });
    seek.addEventListener("input", function () { audio.currentTime = Number(seek.value) || 0; });
    speeds.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("[data-rate]") : null;
      if (!b) return;
      audio.playbackRate = Number(b.getAttribute("data-rate"));
      Array.prototype.forEach.call(speeds.children, function (other) {
        other.setAttribute("aria-pressed", other === b ? "true" : "false");
      });
    });
    show();
  }

  /* --- the quiz: recorded clips and the audio-first mode ------------------------------------ */

  var LISTEN_KEY = "hvs.listen";
  // A loudspeaker (Material Design's volume_up, as the clip buttons generator/questions/common.py draws).
  var SPEAKER = "M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05c1.48-.73 2.5-2.25 2.5-4.02zM14 3.23v2.06" +
    "c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z";
  var clip = null;      // one <audio> for every clip: a new tap stops the one before
  var busy = null;      // the button whose clip or text is being heard
  var utterance = null; // kept referenced: some browsers drop the events of a collected utterance

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  function pressed(button, on) {
    if (on) { if (busy && busy !== button) pressed(busy, false); busy = button; }
    else if (busy === button) busy = null;
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function hush() {
    if (clip) clip.pause();
    all("audio").forEach(function (a) { if (a !== clip && !a.paused) a.pause(); });  // the narration too
    try { if (window.speechSynthesis) window.speechSynthesis.cancel(); } catch (e) { /* nothing spoken */ }
    pressed(busy, false);
  }

  function playClip(button, url) {
    var again = busy === button;
    hush();
    if (again) return;  // a second tap stops it
    if (!clip) {
      clip = document.createElement("audio");
      clip.setAttribute("data-hvs-clip-player", "");
      clip.preload = "auto";
      clip.hidden = true;
      document.body.appendChild(clip);
      ["ended", "pause", "error"].forEach(function (name) {
        clip.addEventListener(name, function () {  // not a pause left over from the clip before
          if (clip.paused || clip.ended) pressed(busy && busy.href === clip.src ? busy : null, false);
        });
      });
    }
    clip.src = url;
    pressed(button, true);
    var p = clip.play();
    if (p && p.catch) p.catch(function () { pressed(button, false); });
  }

  function speak(button, text) {
    var again = busy === button, voice = window.hvsVoice;
    hush();
    if (again || !voice) return;
    var u = new window.SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = String(voice.lang || "vi-VN").replace("_", "-");
    u.rate = 0.9;  // as reader.js: a little slower, for learners new to the words
    u.onend = u.onerror = function () { pressed(button, false); };
    utterance = u;
    pressed(button, true);
    window.speechSynthesis.speak(u);
  }

  function asButton(link) {
    link.setAttribute("role", "button");
    link.setAttribute("aria-pressed", "false");
    link.addEventListener("click", function (e) { e.preventDefault(); playClip(link, link.href); });
    link.addEventListener("keydown", function (e) {  // a button answers the space bar too
      if (e.key === " " || e.key === "Spacebar") { e.preventDefault(); playClip(link, link.href); }
    });
  }

  function sayButton(label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "hvs-clip hvs-say";
    b.setAttribute("aria-label", label);
    b.setAttribute("aria-pressed", "false");
    var NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg"), path = document.createElementNS(NS, "path");
    [["class", "hvs-clip-icon"], ["viewBox", "0 0 24 24"], ["width", "28"], ["height", "28"], ["aria-hidden", "true"],
     ["focusable", "false"]].forEach(function (a) { svg.setAttribute(a[0], a[1]); });
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", SPEAKER);
    svg.appendChild(path);
    b.appendChild(svg);
    b.addEventListener("click", function () { speak(b, text); });
    return b;
  }

  function words(el) { return (el ? el.textContent : "").replace(/\s+/g, " ").trim(); }

  function ownClip(q) {
    for (var el = q.firstElementChild; el; el = el.nextElementSibling) {
      if (el.hasAttribute("data-hvs-clip")) return el;
    }
    return null;
  }

  // The spoken buttons of one question, for what has no recording: made once, then shown or hidden.
  function addSayButtons(q, toggle) {
    var made = [], prompt = q.querySelector(".hvs-prompt");
    if (prompt && !ownClip(q)) {
      var b = sayButton(toggle.getAttribute("data-prompt"), words(prompt));
      prompt.parentNode.insertBefore(b, prompt.nextSibling);
      made.push(b);
    }
    all(".hvs-choices label.hvs-option", q).forEach(function (label, i) {
      var row = label.parentNode;
      if (row.className === "hvs-option-row" && row.querySelector("[data-hvs-clip]")) return;
      var letter = String.fromCharCode(65 + i);
      var s = sayButton(toggle.getAttribute("data-option").replace("{letter}", letter),
                        words(label.querySelector(".hvs-option-text")));
      if (row.className !== "hvs-option-row") {
        row = document.createElement("div");
        row.className = "hvs-option-row";
        label.parentNode.insertBefore(row, label);
        row.appendChild(label);
      }
      row.appendChild(s);
      made.push(s);
    });
    return made;
  }

  function setUpQuiz() {
    all("a[data-hvs-clip]").forEach(asButton);
    setUpListenMode();
  }

  // The switch is made by reader.js (its words are in that cached file: issue 21), which may run
  // after this file: it then says so with an `hvs-listen-mode` event.
  function setUpListenMode() {
    var toggle = document.querySelector("[data-hvs-listen-mode]");
    if (!toggle || toggle.getAttribute("data-hvs-ready")) return;
    toggle.setAttribute("data-hvs-ready", "1");
    var s = store(), said = null;
    function on() { return toggle.getAttribute("aria-pressed") === "true"; }
    function show() {
      // Without the phone's voice the mode adds nothing: the recorded clips have their buttons already.
      if (!window.hvsVoice || !window.SpeechSynthesisUtterance) return;
      if (!said) {
        said = [];
        all(".hvs-quiz .hvs-q").forEach(function (q) { said = said.concat(addSayButtons(q, toggle)); });
      }
      toggle.parentNode.hidden = !said.length;
      said.forEach(function (b) { b.hidden = !on(); });
      if (!on()) hush();
    }
    var saved = null;
    try { saved = s && s.getItem(LISTEN_KEY); } catch (e) { saved = null; }
    toggle.setAttribute("aria-pressed", saved === "1" ? "true" : "false");
    toggle.addEventListener("click", function () {
      var now = !on();
      toggle.setAttribute("aria-pressed", now ? "true" : "false");
      try { if (s) { if (now) s.setItem(LISTEN_KEY, "1"); else s.removeItem(LISTEN_KEY); } } catch (e) { /* this page only */ }
      show();
    });
    document.addEventListener("hvs-voice", show);  // reader.js found the voice after this file ran
    window.addEventListener("pagehide", hush);
    show();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hvs-narration] audio"), setUp);
    setUpQuiz();
  }

  document.addEventListener("hvs-listen-mode", setUpListenMode);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
