/* Học vụ số: the results code (format 2), the browser's twin of generator/results_code.py.
   Format: docs-dev/self-assessment.md. Loaded only by the results and class-roster pages.
   ES5 plus Math.imul and TextEncoder-free UTF-8 (encodeURIComponent). Exposes window.HVS_RESULTS_CODE.
   Keep comments on lines of their own: the plugin drops those lines and the indentation. */
(function () {
  'use strict';
  var ABC = '0123456789ABCDEFGHJKMNPQRSTVWXYZ', VERSION = 2, MAX_NAME = 48, DAY = 86400000;
  var EPOCH = Date.UTC(2020, 0, 1);

  function utf8(text) {
    var s = unescape(encodeURIComponent(text)), out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
    return out;
  }
  function fromUtf8(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    try { return decodeURIComponent(escape(s)); } catch (e) { return '\ufffd'; }
  }
  function fnv(bytes) {
    for (var h = 2166136261, i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return h;
  }
  function structure(course) {
    var pages = [];
    course.areas.forEach(function (a) { pages = pages.concat(a.lessons); });
    return {pages: pages, codes: course.competencies.map(function (c) { return c.code; })};
  }
  function edition(course) {
    var s = structure(course);
    return fnv(utf8(s.pages.join('\n') + '|' + s.codes.join('\n'))) & 0xFFFF;
  }
  function varint(n, out) {
    do { out.push((n & 0x7F) | (n > 0x7F ? 0x80 : 0)); n = Math.floor(n / 128); } while (n);
    return out;
  }
  function bytes(n, size, out) {
    for (var i = size - 1; i >= 0; i--) out.push(Math.floor(n / Math.pow(256, i)) & 0xFF);
    return out;
  }
  function number(list) {
    return list.reduce(function (n, b) { return n * 256 + b; }, 0);
  }
  // A set of lesson indexes: a bitmap or a list of gaps, whichever is shorter.
  function set(indexes, size) {
    var bitmap = [], listed = varint(indexes.length, []), last = -1, i;
    for (i = 0; i < (size + 7) >> 3; i++) bitmap.push(0);
    indexes.forEach(function (i) { bitmap[i >> 3] |= 0x80 >> (i & 7); });
    indexes.slice().sort(function (a, b) { return a - b; }).forEach(function (i) { varint(i - last - 1, listed); last = i; });
    return bitmap.length < listed.length ? [0].concat(bitmap) : [1].concat(listed);
  }
  // The scores: one varint each, or only the non-zero ones with their gaps, whichever is shorter.
  function scores(values) {
    var dense = varint(values.length, []), sparse = varint(values.length, []), given = 0, last = -1;
    values.forEach(function (n) { varint(n, dense); given += n ? 1 : 0; });
    varint(given, sparse);
    values.forEach(function (n, i) {
      if (n) { varint(i - last - 1, sparse); varint(n, sparse); last = i; }
    });
    return dense.length <= sparse.length ? [0].concat(dense) : [1].concat(sparse);
  }
  function nameBytes(name) {
    var b = utf8(String(name || '').split(/\s+/).filter(Boolean).join(' ')).slice(0, MAX_NAME);
    // not a character cut in half: drop a trailing incomplete UTF-8 sequence
    var i = b.length;
    while (i > 0 && (b[i - 1] & 0xC0) === 0x80) i--;
    if (i > 0 && b[i - 1] >= 0xC0) {
      var need = b[i - 1] >= 0xF0 ? 4 : b[i - 1] >= 0xE0 ? 3 : 2;
      if (b.length - (i - 1) < need) b = b.slice(0, i - 1);
    }
    return b;
  }
  function toBase32(data) {
    var bits = '', out = '';
    data.forEach(function (b) { bits += (b + 256).toString(2).slice(1); });
    while (bits.length % 5) bits += '0';
    for (var i = 0; i < bits.length; i += 5) out += ABC[parseInt(bits.substr(i, 5), 2)];
    return out;
  }
  function fromBase32(text) {
    var bits = '', out = [];
    for (var i = 0; i < text.length; i++) bits += (ABC.indexOf(text[i]) + 32).toString(2).slice(1);
    var rest = bits.length % 8;
    if (rest >= 5 || /1/.test(bits.slice(bits.length - rest))) throw 'checksum';
    for (i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.substr(i, 8), 2));
    return out;
  }

  // results: {name, day (Date or ms), done: {page: any}, scores: {code: n}} -> the code, no separators.
  function encode(courseId, course, results) {
    var s = structure(course), out = [VERSION], idx = [];
    bytes(fnv(utf8(courseId)) & 0xFFFFFF, 3, out);
    bytes(edition(course), 2, out);
    bytes(Math.max(0, Math.min(0xFFFF, Math.floor((+results.day - EPOCH) / DAY))), 2, out);
    var name = nameBytes(results.name);
    out = out.concat([name.length], name);
    s.pages.forEach(function (page, i) { if (results.done[page]) idx.push(i); });
    out = out.concat(set(idx, s.pages.length));
    out = out.concat(scores(s.codes.map(function (code) { return results.scores[code] || 0; })));
    bytes(fnv(out) & 0xFFFFFF, 3, out);
    return toBase32(out);
  }
  function grouped(code) { return code.replace(/(.{4})(?=.)/g, '$1-'); }
  function normalise(text) {
    return String(text).toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1').replace(/[^0-9A-Z]/g, '');
  }
  // The results in a code: {name, day (ms, UTC midnight), done: [pages], scores: {code: n}},
  // or throws 'format', 'checksum', 'course' or 'edition' (as results_code.CodeError).
  function decode(text, courseId, course) {
    var code = normalise(text);
    if (!code || /[ILOU]/.test(code)) throw 'format';
    var data = fromBase32(code), at = 0;
    if (data.length < 12) throw 'format';
    if ((fnv(data.slice(0, -3)) & 0xFFFFFF) !== number(data.slice(-3))) throw 'checksum';
    data = data.slice(0, -3);
    function take(n) {
      if (at + n > data.length) throw 'format';
      at += n;
      return data.slice(at - n, at);
    }
    function readVarint() {
      for (var n = 0, shift = 0; ; shift += 7) {
        var b = take(1)[0];
        n += (b & 0x7F) * Math.pow(2, shift);
        if (!(b & 0x80) || shift >= 28) return n;
      }
    }
    if (take(1)[0] !== VERSION) throw 'format';
    if (number(take(3)) !== (fnv(utf8(courseId)) & 0xFFFFFF)) throw 'course';
    if (number(take(2)) !== edition(course)) throw 'edition';
    var s = structure(course), day = EPOCH + number(take(2)) * DAY, name = fromUtf8(take(take(1)[0])), idx = [], i;
    if (take(1)[0] === 0) {
      var bitmap = take((s.pages.length + 7) >> 3);
      for (i = 0; i < s.pages.length; i++) if (bitmap[i >> 3] & (0x80 >> (i & 7))) idx.push(i);
    } else {
      for (var n = readVarint(), last = -1; n > 0; n--) { last += readVarint() + 1; idx.push(last); }
    }
    var sparse = take(1)[0], got = {};
    if (idx.some(function (i) { return i >= s.pages.length; }) || readVarint() !== s.codes.length) throw 'format';
    s.codes.forEach(function (code) { got[code] = sparse ? 0 : readVarint(); });
    if (sparse) {
      for (n = readVarint(), last = -1; n > 0; n--) {
        last += readVarint() + 1;
        if (last >= s.codes.length) throw 'format';
        got[s.codes[last]] = readVarint();
      }
    }
    return {name: name, day: day, done: idx.map(function (i) { return s.pages[i]; }), scores: got};
  }
  // Questions per competency: a score's denominator.
  function totals(course) {
    var out = {};
    Object.keys(course.lessons).forEach(function (page) {
      course.lessons[page].questions.forEach(function (q) { out[q[2]] = (out[q[2]] || 0) + 1; });
    });
    return out;
  }

  // The camera reading QR codes, where the browser can (BarcodeDetector, Android Chrome): called
  // only after a tap. scan(video, found(text), failed()) -> a function that stops it; null when the
  // browser cannot read QR codes (the page then offers pasting only).
  function scan(video, found, failed) {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return null;
    var stream = null, stopped = false, detector = new window.BarcodeDetector({formats: ['qr_code']});
    function stop() {
      stopped = true;
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      video.hidden = true;
    }
    navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}}).then(function (s) {
      stream = s;
      if (stopped) return stop();
      video.srcObject = s;
      video.hidden = false;
      var playing = video.play();
      // a refused autoplay only delays the picture; the detector still reads the frames it gets
      if (playing && playing.catch) playing.catch(function () {});
      (function look() {
        if (stopped) return;
        detector.detect(video).then(function (codes) {
          if (codes.length && codes[0].rawValue) found(codes[0].rawValue);
          setTimeout(look, 300);
        }, function () { setTimeout(look, 300); });
      })();
    }, function () { stop(); failed(); });
    return stop;
  }

  window.HVS_RESULTS_CODE = {encode: encode, decode: decode, grouped: grouped, normalise: normalise,
    totals: totals, structure: structure, scan: scan};
})();
