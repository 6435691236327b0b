/* Học vụ số: the service worker that keeps the whole course on the phone after the first visit over
   HTTP(S), so it keeps working at home with no connection. Written into the site at every build by
   generator/dist.py; VERSION is a hash of the files, so an unchanged course is not downloaded again.
   Long audio and video are not in FILES (media.precache_excluded): one the learner plays is kept
   then, whole, in MEDIA, and later answered from there, in the slices (Range) a player asks for. */
"use strict";
var VERSION = "__HVS_VERSION__";
var FILES = ["__HVS_FILES__"];
// Caches belong to the whole host, not to this folder: name them by scope so two courses served
// from one Wi-Fi box never delete each other's copy.
var PREFIX = "hocvuso " + self.registration.scope + " ";
var CACHE = PREFIX + VERSION;
// Played media of this build: a new build starts it afresh (a re-recorded file keeps its name).
var MEDIA = PREFIX + VERSION + " media";
// generator/media.py's AUDIO and VIDEO (tests/test_media_clips_browser.py keeps them the same).
var PLAYABLE = /\.(mp3|ogg|oga|opus|m4a|aac|wav|mp4|webm|ogv|m4v)$/i;

// After a failed download (a file missing on the server, the connection lost) the phone waits this
// long before trying the same version again, instead of downloading the course at every visit.
// A new build (a new VERSION) is tried at once.
var RETRY_AFTER = 6 * 60 * 60 * 1000;
var FAILED = "hocvuso-install " + self.registration.scope;
var FAILED_KEY = self.registration.scope + "hocvuso-install-failed";

function lastFailure() {
  return caches.open(FAILED).then(function (cache) { return cache.match(FAILED_KEY); })
    .then(function (hit) { return hit ? hit.json() : null; })["catch"](function () { return null; });
}

function remember(failure) {
  return caches.open(FAILED).then(function (cache) {
    return cache.put(FAILED_KEY, new Response(JSON.stringify(failure), { headers: { "Content-Type": "application/json" } }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(lastFailure().then(function (failed) {
    if (failed && failed.version === VERSION && Date.now() - failed.time < RETRY_AFTER) {
      throw new Error("the last download of this version failed; waiting before trying again");
    }
    return caches.open(CACHE);
  }).then(function (cache) {
    // Each file on its own, skipping what an earlier, failed attempt of this VERSION already got
    // (VERSION hashes the contents, so those are the same bytes). "reload" skips the HTTP cache
    // so no page of the old build slips in. The worker takes over only if every file is there.
    return Promise.all(FILES.map(function (file) {
      var request = new Request(new URL(file, self.location).href, { cache: "reload" });
      return cache.match(request).then(function (hit) {
        return hit || cache.add(request);
      }).then(function () { return true; }, function () { return false; });
    })).then(function (got) {
      if (got.indexOf(false) >= 0) {
        return remember({ version: VERSION, time: Date.now() }).then(function () {
          throw new Error("some files of the course could not be downloaded");
        });
      }
      return caches["delete"](FAILED);
    });
  }).then(function () {
    // Phones rarely close tabs: take over at once, the next page opened comes from the new build.
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE && name !== MEDIA;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// The course's own "page not found" (404.html), in place of the browser's English error page when
// a page is neither in the copy nor reachable, or of a web server's English 404. Its links are
// made absolute, since it answers at any depth of the site.
function notFound(cache) {
  var scope = self.registration.scope;
  return cache.match(new URL("404.html", scope).href).then(function (page) {
    return page && page.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + scope + '">')
        .replace(/(\s(?:href|src)=")\/(?!\/)/g, "$1" + scope);
      return new Response(html, { status: 404, statusText: "Not Found", headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

// The part of a whole kept file a player asked for ("Range: bytes=a-b"), as the server would send it.
function slice(response, range) {
  var m = /^bytes=(\d*)-(\d*)$/.exec(range || "");
  if (!m || (m[1] === "" && m[2] === "")) return response;
  return response.arrayBuffer().then(function (body) {
    var size = body.byteLength;
    var start = m[1] === "" ? Math.max(0, size - Number(m[2])) : Number(m[1]);
    var end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start >= size || start > end) {
      return new Response("", { status: 416, statusText: "Range Not Satisfiable", headers: { "Content-Range": "bytes */" + size } });
    }
    return new Response(body.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: {
      "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": "bytes " + start + "-" + end + "/" + size,
      "Content-Length": String(end - start + 1),
      "Accept-Ranges": "bytes"
    } });
  });
}

// A long recording or video: from the kept copy; else the whole file from the server, answered
// whole (a player accepts a full answer to its Range request) and kept for the next time, offline.
var keeping = {};  // files being downloaded whole: a player's other requests meanwhile go as they are

function played(event, url) {
  var request = event.request, key = url.origin + url.pathname;
  return caches.open(MEDIA).then(function (cache) {
    return cache.match(key).then(function (hit) {
      if (hit) return slice(hit, request.headers.get("Range"));
      if (keeping[key]) return fetch(request);
      keeping[key] = true;
      var done = function () { delete keeping[key]; };
      return fetch(key).then(function (response) {
        if (response.status === 200 && response.type === "basic") {
          // "catch": a phone too full keeps nothing, and the learner still hears it
          event.waitUntil(cache.put(key, response.clone()).then(done, done));
        } else {
          done();
        }
        return response;
      }, function (error) { done(); throw error; });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // A folder address (the site's root) is its index.html.
  var key = url.pathname.slice(-1) === "/" ? new URL("index.html", url).href : request;
  var page = request.mode === "navigate";
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key, { ignoreSearch: true }).then(function (hit) {
      if (hit && PLAYABLE.test(url.pathname)) return slice(hit, request.headers.get("Range"));
      if (!hit && PLAYABLE.test(url.pathname)) return played(event, url);
      return hit || fetch(request).then(function (response) {
        return page && response.status === 404 ? notFound(cache).then(function (own) { return own || response; }) : response;
      }, function (error) {
        if (!page) throw error;
        return notFound(cache).then(function (own) { if (own) return own; throw error; });
      });
    });
  }));
});
