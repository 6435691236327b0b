/* Học vụ số: the service worker that keeps the whole course on the phone after the first visit over
   HTTP(S), so it keeps working at home with no connection. Written into the site at every build by
   generator/dist.py; VERSION is a hash of the files, so an unchanged course is not downloaded again. */
"use strict";
var VERSION = "__HVS_VERSION__";
var FILES = ["__HVS_FILES__"];
// Caches belong to the whole host, not to this folder: name them by scope so two courses served
// from one Wi-Fi box never delete each other's copy.
var PREFIX = "hocvuso " + self.registration.scope + " ";
var CACHE = PREFIX + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // All or nothing; "reload" skips the browser's HTTP cache so no page of the old build slips in.
    return cache.addAll(FILES.map(function (file) {
      return new Request(new URL(file, self.location).href, { cache: "reload" });
    }));
  }).then(function () {
    // Phones rarely close tabs: take over at once, the next page opened comes from the new build.
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // A folder address (the site's root) is its index.html.
  var key = url.pathname.slice(-1) === "/" ? new URL("index.html", url).href : request;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key, { ignoreSearch: true });
  }).then(function (hit) {
    return hit || fetch(request);
  }));
});
