/* Học vụ số: the recorded narration's player (generator/media.py writes the markup and its words).
   Large buttons, three speeds, and the place where the learner stopped, kept per lesson on this
   phone. Loaded only on pages that have audio or video; without it the browser's own controls stay. */
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hvs-narration] audio"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
