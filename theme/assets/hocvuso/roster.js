/* Học vụ số: the class roster (lop-hoc.html, issue 19). Learners' results codes, scanned with the
   camera (BarcodeDetector, only after "Quét mã") or pasted, tallied into learners x areas and
   competencies with totals, the same way as `hocvuso roster` (generator/roster.py). The codes are
   kept on this device only (`hocvuso:roster:v1:<course id>`); CSV for Excel (UTF-8 with BOM); print.
   Keep comments on lines of their own: the plugin drops those lines and the indentation. */
(function () {
  'use strict';
  var SITE = window.HVS_SHARE || {id: 'site', msg: {}}, COURSE = window.HVS_COURSE, CODE = window.HVS_RESULTS_CODE;
  var MSG = SITE.msg, KEY = 'hocvuso:roster:v1:' + SITE.id;
  var box = document.querySelector('[data-hvs-roster]');
  if (!box || !COURSE || !CODE) return;
  var codes = load(), memory = codes.slice();

  function t(key, values) {
    return String(MSG[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  function el(tag, cls, content, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (Array.isArray(content)) content.forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    else if (content != null) node.textContent = content;
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    return node;
  }
  function button(text, onclick) {
    var b = el('button', 'hvs-btn hvs-btn-2', text, {type: 'button'});
    b.addEventListener('click', onclick);
    return b;
  }
  function load() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(list) ? list.filter(function (x) { return typeof x === 'string'; }) : [];
    } catch (e) { return memory || []; }
  }
  function save() {
    memory = codes.slice();
    try { localStorage.setItem(KEY, JSON.stringify(codes)); } catch (e) { /* kept for this visit */ }
  }
  // A name folded as textfold.fold does: duplicates of one learner are one row.
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase().replace(/\s+/g, ' ').trim();
  }

  // {learners: [...merged results, by name], refused: [{line, kind}]}; `lines` as typed or stored.
  function tally(lines) {
    var byName = {}, refused = [], pages = CODE.structure(COURSE).pages;
    lines.forEach(function (line, i) {
      if (!CODE.normalise(line)) return;
      var r;
      try { r = CODE.decode(line, SITE.id, COURSE); } catch (kind) {
        refused.push({line: i + 1, kind: typeof kind === 'string' ? kind : 'format'});
        return;
      }
      var key = r.name.trim() ? fold(r.name) : '#' + CODE.normalise(line), m = byName[key];
      if (!m) { byName[key] = r; return; }
      m.done = pages.filter(function (p) { return m.done.indexOf(p) >= 0 || r.done.indexOf(p) >= 0; });
      Object.keys(r.scores).forEach(function (c) { m.scores[c] = Math.max(m.scores[c] || 0, r.scores[c]); });
      if (r.day > m.day) { m.day = r.day; m.name = r.name; }
    });
    var learners = Object.keys(byName).map(function (k) { return byName[k]; });
    learners.sort(function (a, b) { return fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : 0; });
    return {learners: learners, refused: refused};
  }

  // Header, a row per learner, totals, the number who completed each column (as roster.table).
  function rows(learners) {
    var pages = CODE.structure(COURSE).pages, totals = CODE.totals(COURSE);
    var areas = COURSE.areas.filter(function (a) { return a.lessons.length; }), codes = COURSE.competencies.map(function (c) { return c.code; });
    var head = [t('col_learner'), t('col_date'), t('col_lessons', {total: pages.length})]
      .concat(areas.map(function (a) { return t('col_area', {area: a.code + '. ' + a.name, total: a.lessons.length}); }))
      .concat(codes.map(function (c) { return t('col_competency', {code: c, total: totals[c] || 0}); }));
    var full = [pages.length].concat(areas.map(function (a) { return a.lessons.length; }), codes.map(function (c) { return totals[c] || 0; }));
    var sums = full.map(function () { return 0; }), completed = full.map(function () { return 0; });
    var body = learners.map(function (r) {
      var row = [r.done.length].concat(areas.map(function (a) {
        return a.lessons.filter(function (p) { return r.done.indexOf(p) >= 0; }).length;
      }), codes.map(function (c) { return r.scores[c] || 0; }));
      row.forEach(function (n, i) { sums[i] += n; completed[i] += full[i] > 0 && n >= full[i] ? 1 : 0; });
      var d = new Date(r.day);
      return [r.name || t('unnamed'), ('0' + d.getUTCDate()).slice(-2) + '/' + ('0' + (d.getUTCMonth() + 1)).slice(-2) + '/' + d.getUTCFullYear()].concat(row);
    });
    return [head].concat(body, [[t('total', {count: learners.length}), ''].concat(sums), [t('completed'), ''].concat(completed)]);
  }

  function csv(table) {
    return '\ufeff' + table.map(function (row) {
      return row.map(function (cell) {
        cell = String(cell);
        return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
      }).join(',');
    }).join('\r\n') + '\r\n';
  }

  var tableBox = el('div', 'hvs-roster-table'), errors = el('ul', 'hvs-roster-errors'), status = el('p', 'hvs-tools-msg', '', {role: 'status'});
  var paste = el('textarea', '', '', {id: 'hvs-roster-input', spellcheck: 'false', autocapitalize: 'characters'});
  function show(refused) {
    var result = tally(codes), table = rows(result.learners);
    tableBox.textContent = '';
    if (!result.learners.length) tableBox.appendChild(el('p', '', t('empty')));
    else {
      tableBox.appendChild(el('table', 'hvs-table', [el('caption', '', t('table_caption')),
        el('thead', '', [el('tr', '', table[0].map(function (h) { return el('th', '', h, {scope: 'col'}); }))]),
        el('tbody', '', table.slice(1).map(function (row) {
          return el('tr', '', row.map(function (cell, i) { return i ? el('td', '', String(cell)) : el('th', '', cell, {scope: 'row'}); }));
        }))]));
    }
    errors.textContent = '';
    (refused || []).forEach(function (r) {
      errors.appendChild(el('li', '', t('line_error', {line: r.line, error: t('err_' + r.kind)})));
    });
    return table;
  }
  // Keep the good codes of what was pasted; the refused ones are listed by line.
  function add(text) {
    var lines = text.split(/\r?\n/), result = tally(lines), good = 0;
    lines.forEach(function (line, i) {
      var bad = result.refused.some(function (r) { return r.line === i + 1; });
      if (!bad && CODE.normalise(line)) { codes.push(CODE.normalise(line)); good++; }
    });
    save();
    show(result.refused);
    status.textContent = t('added', {count: good});
    return result;
  }

  // The camera, only after "Quét mã", and only where the browser reads QR codes itself.
  var video = el('video', '', null, {playsinline: '', muted: '', hidden: ''}), halt = null;
  var stop = button(t('scan_stop'), function () { if (halt) halt(); halt = null; stop.hidden = true; });
  stop.hidden = true;
  var scan = button(t('scan'), function () {
    if (halt) return;
    halt = CODE.scan(video, function (value) {
      if (codes.indexOf(CODE.normalise(value)) >= 0) return;
      var result = add(value);
      if (result.learners.length) status.textContent = t('scanned', {name: result.learners[0].name || t('unnamed')});
    }, function () { halt = null; stop.hidden = true; status.textContent = t('scan_denied'); });
    status.textContent = t(halt ? 'scan_help' : 'scan_none');
    stop.hidden = !halt;
  });

  box.textContent = '';
  [el('p', '', t('roster_intro')), el('div', 'hvs-actions', [scan, stop]), video,
    el('label', 'hvs-text', t('paste_label'), {'for': 'hvs-roster-input'}), paste,
    button(t('add'), function () { add(paste.value); paste.value = ''; }), errors, status, tableBox,
    el('div', 'hvs-actions', [
      button(t('csv'), function () {
        var a = el('a', '', '', {download: 'lop-hoc-' + SITE.id + '-' + new Date().toISOString().slice(0, 10) + '.csv'});
        a.href = URL.createObjectURL(new Blob([csv(show())], {type: 'text/csv;charset=utf-8'}));
        document.body.appendChild(a).click();
        document.body.removeChild(a);
      }),
      button(t('print'), function () { window.print(); }),
      button(t('clear'), function () {
        if (window.confirm(t('clear_confirm'))) { codes = []; save(); show(); }
      })])].forEach(function (node) { box.appendChild(node); });
  show();
})();
