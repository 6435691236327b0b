/* Học vụ số: the results page's results code (issue 19): a QR code and the same code as text for a
   message; "Nhập kết quả" merges a code from another phone or edition into this one's progress.
   Reads and merges the stored progress (`hocvuso:v1:<course id>`, docs-dev/self-assessment.md)
   itself, so hocvuso.js is not touched. Loaded only by the results page, after results-code.js. The
   code needs the course's structure (course.js) and the QR code vendor/qrcode.js (qrcode-generator,
   MIT): both are fetched only as the box comes near the screen, so a first visit, which does not
   scroll down, loads neither (issues 14 and 21).
   Keep comments on lines of their own: the plugin drops those lines and the indentation. */
(function () {
  'use strict';
  var SITE = window.HVS_SHARE || {id: 'site', msg: {}}, COURSE = null, CODE = window.HVS_RESULTS_CODE;
  var MSG = SITE.msg, KEY = 'hocvuso:v1:' + SITE.id;
  var box = document.querySelector('[data-hvs-share]'), wants = document.querySelector('[data-hvs-course]');
  if (!box || !wants || !CODE) return;

  // A script of the site, once (hocvuso.js may be fetching course.js already): ready() when `name` is set.
  function need(src, name, ready) {
    if (window[name]) return ready(window[name]);
    var script = document.querySelector('script[src="' + src + '"]');
    if (!script) {
      script = document.createElement('script');
      script.src = src;
      document.head.appendChild(script);
    }
    script.addEventListener('load', function () { if (window[name]) ready(window[name]); });
  }
  function withCourse(ready) {
    need(wants.getAttribute('data-hvs-course'), 'HVS_COURSE', function (course) { COURSE = course; ready(); });
  }

  function t(key, values) {
    return String(MSG[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  function el(tag, cls, text, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    return node;
  }
  function read() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || '{}');
      return data && typeof data === 'object' ? data : {};
    } catch (e) { return {}; }
  }
  // This phone's results, as the code carries them: lessons passed, right answers per competency.
  function mine() {
    var data = read(), q = data.q || {}, done = data.done || {}, scores = {};
    Object.keys(COURSE.lessons).forEach(function (page) {
      COURSE.lessons[page].questions.forEach(function (x) {
        var r = q[x[0]];
        if (r && r.v === x[1] && r.ok === true) scores[x[2]] = (scores[x[2]] || 0) + 1;
      });
    });
    return {name: typeof data.name === 'string' ? data.name : '', day: Date.now(), done: done, scores: scores};
  }

  // The QR code as one SVG path, dark modules on white, with the 4-module quiet zone scanners need.
  function qrSvg(code, label) {
    var qr = window.qrcode(0, 'M');
    qr.addData(code, 'Alphanumeric');
    qr.make();
    var n = qr.getModuleCount(), size = n + 8, d = '', NS = 'http://www.w3.org/2000/svg';
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) if (qr.isDark(r, c)) d += 'M' + (c + 4) + ' ' + (r + 4) + 'h1v1h-1z';
    var svg = document.createElementNS(NS, 'svg'), bg = document.createElementNS(NS, 'rect'), path = document.createElementNS(NS, 'path');
    svg.setAttribute('viewBox', '0 0 ' + size + ' ' + size);
    svg.setAttribute('class', 'hvs-qr');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    svg.setAttribute('shape-rendering', 'crispEdges');
    svg.setAttribute('data-qr-version', String((n - 17) / 4));
    bg.setAttribute('width', size);
    bg.setAttribute('height', size);
    bg.setAttribute('fill', '#fff');
    path.setAttribute('d', d);
    path.setAttribute('fill', '#000');
    svg.appendChild(bg);
    svg.appendChild(path);
    return svg;
  }

  var figure = el('div', 'hvs-qr-box'), text = el('output', 'hvs-code hvs-share-code', '', {id: 'hvs-share-code'});
  var status = el('p', 'hvs-tools-msg', '', {role: 'status', tabindex: '-1'});
  var drawn = false;
  function show() {
    var results = mine(), code = CODE.encode(SITE.id, COURSE, results);
    figure.textContent = '';
    figure.appendChild(qrSvg(code, t('qr_label', {name: results.name || t('no_name')})));
    text.textContent = CODE.grouped(code);
    text.setAttribute('data-code', code);
    drawn = true;
  }
  // The code and its QR code once both scripts are here.
  function draw() {
    withCourse(function () { need(box.getAttribute('data-hvs-qr'), 'qrcode', show); });
  }
  var copy = el('button', 'hvs-btn hvs-btn-2', t('copy'), {type: 'button'});
  copy.addEventListener('click', function () {
    var range = document.createRange(), selection = window.getSelection();
    range.selectNodeContents(text);
    selection.removeAllRanges();
    selection.addRange(range);
    try { if (document.execCommand('copy')) status.textContent = t('copied'); } catch (e) { /* the code stays selected */ }
  });

  // Merge a code's lessons into this phone's record: added, never replacing what is here.
  var input = el('input', 'hvs-text-input', '', {id: 'hvs-share-input', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false'});
  var bring = el('button', 'hvs-btn hvs-btn-2', t('import_button'), {type: 'button'});
  bring.addEventListener('click', function () {
    if (!COURSE) return withCourse(function () { bring.click(); });
    var found;
    try { found = CODE.decode(input.value, SITE.id, COURSE); } catch (kind) {
      status.textContent = t('err_' + (typeof kind === 'string' ? kind : 'format'));
      status.className = 'hvs-tools-msg hvs-share-error';
      return status.focus();
    }
    var data = read(), added = 0;
    data.q = data.q && typeof data.q === 'object' ? data.q : {};
    data.done = data.done && typeof data.done === 'object' ? data.done : {};
    found.done.forEach(function (page) { if (!(page in data.done)) { data.done[page] = found.day; added++; } });
    if (!data.name && found.name) data.name = found.name;
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) {
      status.textContent = t('import_unsaved');
      return status.focus();
    }
    // The page anew, so the summary above counts the merged lessons; the outcome is said after.
    try { sessionStorage.setItem('hvs.share.msg', added ? t('imported', {added: added}) : t('imported_none')); } catch (e) { /* the summary shows it */ }
    location.reload();
  });

  // Or read the other phone's QR code with the camera, where the browser can.
  var video = el('video', '', null, {playsinline: '', muted: '', hidden: ''}), halt = null;
  var scan = el('button', 'hvs-btn hvs-btn-2', t('scan'), {type: 'button'});
  scan.addEventListener('click', function () {
    if (halt) { halt(); halt = null; scan.textContent = t('scan'); return; }
    halt = CODE.scan(video, function (value) {
      if (halt) halt();
      halt = null;
      input.value = CODE.grouped(CODE.normalise(value));
      bring.click();
    }, function () { halt = null; scan.textContent = t('scan'); status.textContent = t('scan_denied'); });
    scan.textContent = t(halt ? 'scan_stop' : 'scan');
    status.textContent = t(halt ? 'scan_help' : 'scan_none');
  });

  box.textContent = '';
  [el('h2', '', t('title')), el('p', '', t('intro')), figure, el('p', 'hvs-text', t('text_label')), text, copy,
    el('h3', '', t('import_title')), el('p', '', t('import_help')),
    el('label', 'hvs-text', t('import_label'), {'for': 'hvs-share-input'}), input, bring, scan, video, status].forEach(function (node) {
    box.appendChild(node);
  });
  // Drawn as the box comes near the screen (a learner scrolling down, a link to it, a tab through its
  // buttons), in the square share.css keeps for it; at once where the browser cannot tell.
  if (window.IntersectionObserver) {
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      seen.disconnect();
      draw();
    }, {rootMargin: '0px 0px 150px 0px'});
    seen.observe(box);
  } else draw();
  // The learner's name, typed in the results summary (hocvuso.js saves it first), goes into the code.
  document.addEventListener('input', function (event) { if (drawn && event.target && event.target.id === 'hvs-name') show(); });
  try {
    var said = sessionStorage.getItem('hvs.share.msg');
    if (said) {
      sessionStorage.removeItem('hvs.share.msg');
      status.textContent = said;
    }
  } catch (e) { /* nothing to say */ }
})();
