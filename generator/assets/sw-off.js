/* Học vụ số: written instead of the real service worker while an author previews with
   `mkdocs serve`. It removes any copy of the course an earlier visit to this address cached,
   then unregisters itself, so the author always sees the pages just built. */
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  var prefix = "hocvuso " + self.registration.scope + " ";
  event.waitUntil(caches.keys().then(function (names) {
    // the course's copies, and the note of a failed download (see sw.js)
    return Promise.all(names.filter(function (name) {
      return name.indexOf(prefix) === 0 || name === "hocvuso-install " + self.registration.scope;
    })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.registration.unregister(); }));
});
