/* Học vụ số: the progress views — the home page's dashboard, an area's progress box, the results
   page — from the course's structure and the saved answers. Only the pages that show progress
   load this file: the plugin puts `var HVS_COURSE = {...}` (the course's structure) and
   `var HVS_PROGRESS_MSG = {...}` (the strings only these views show) in front of it,
   and hocvuso.js, which runs after it, calls window.HVS_PROGRESS with its own helpers and store.
   The results page has these views in its own results.js (generator/slim.py) and the course's
   structure only when it needs it (generator/results_page.py).
   Keep comments on lines of their own: the plugin drops those lines and the indentation. */
(function () {
  'use strict';
  window.HVS_PROGRESS = function (core, course) {
    var t = core.t, el = core.el, fill = core.fill, button = core.button, all = core.all, store = core.store;
    var pageUrl = core.pageUrl, notes = core.notes, isObject = core.isObject, SITE = core.site;
    // the strings only these views show came with the course's structure (render.PROGRESS_STRINGS)
    var more = window.HVS_PROGRESS_MSG || {};
    Object.keys(more).forEach(function (key) { SITE.msg[key] = more[key]; });

    // Per area and per competency, from the course structure in course.js and the saved answers.
    function summary(course) {
      function tally(pages, code) {
        var s = {done: 0, total: pages.length, correct: 0, questions: 0};
        pages.forEach(function (page) {
          s.done += store.done(page) ? 1 : 0;
          course.lessons[page].questions.forEach(function (q) {
            var r = store.get(q[0], q[1]);
            if (!code || q[2] === code) {
              s.questions++;
              s.correct += r && r.ok ? 1 : 0;
            }
          });
        });
        s.reached = s.done === s.total;
        return s;
      }
      var s = tally(Object.keys(course.lessons));
      s.areas = course.areas.filter(function (a) { return a.lessons.length; }).map(function (a) {
        var x = tally(a.lessons);
        x.area = a;
        return x;
      });
      s.competencies = course.competencies.map(function (c) {
        var x = tally(c.lessons, c.code);
        x.name = c.code + ' ' + c.name;
        x.code = c.code;
        return x;
      });
      s.reached = s.competencies.filter(function (x) { return x.reached; });
      s.text = t('summary', {done: s.done, total: s.total, reached: s.reached.length, competencies: s.competencies.length});
      return s;
    }

    function bar(s) {
      return el('span', 'hvs-bar', [el('span', '', '', {style: 'width:' + Math.round(100 * s.done / s.total) + '%'})],
        {'aria-hidden': 'true'});
    }

    // Where "Học tiếp" leads: from the lesson the learner was last on (or else the one passed last),
    // the first lesson in course order not yet complete, going round to the start; none when all are.
    function nextLesson(course) {
      var pages = [], at, latest = 0;
      course.areas.forEach(function (a) { pages = pages.concat(a.lessons); });
      at = pages.indexOf(store.last());
      if (at < 0) {
        pages.forEach(function (page, i) {
          if (store.doneAt(page) > latest) { latest = store.doneAt(page); at = i; }
        });
      }
      at = Math.max(at, 0);
      for (var k = 0; k < pages.length; k++) {
        var page = pages[(at + k) % pages.length];
        if (!store.done(page)) return page;
      }
      return null;
    }

    function goButton(course, s) {
      var next = nextLesson(course);
      if (!next) return null;
      var go = el('a', 'hvs-btn hvs-next-lesson', t(s.done ? 'continue' : 'start', {title: course.lessons[next].title}));
      go.href = pageUrl(next);
      return go;
    }

    function dashboard(box, course) {
      var s = summary(course), more = el('a', 'hvs-btn hvs-btn-2', t('see_results'));
      more.href = pageUrl(course.results);
      // One tap back to where the learner stopped (nextLesson).
      var go = goButton(course, s);
      fill(box, [el('h2', '', t('progress_title')), el('p', '', s.text), go,
        el('ul', 'hvs-dash-areas', s.areas.map(function (a) {
          var link = el('a', '', a.area.code + '. ' + a.area.name);
          link.href = pageUrl(a.area.page);
          return el('li', '', [link, el('span', '', ' ' + t('lessons_done', a)), bar(a)]);
        })),
        el('h3', '', t('reached_title')),
        s.reached.length ? el('ul', 'hvs-dash-reached', s.reached.map(function (c) { return el('li', '', '✓ ' + c.name); }))
          : el('p', '', t('none_reached')),
        more]);
    }

    function areaProgress(box, course) {
      var s = summary(course), a = s.areas.filter(function (x) { return x.area.code === box.getAttribute('data-hvs-area'); })[0];
      if (a) fill(box, [el('p', '', t('area_progress', a)), bar(a)]);
      s.reached.forEach(function (c) {
        var li = document.querySelector('li[data-competency="' + c.code + '"]');
        if (li && !li.querySelector('.hvs-mark')) li.appendChild(el('span', 'hvs-mark hvs-mark-right', t('reached')));
      });
    }

    /* --- the results page: summary, name, print, export/import, reset ------------------------- */

    // A module's progress (on its area's page, a count; on its own page, the sentence its box carries
    // in data-hvs-text, and a bar): its lessons are the course's lessons inside its folder.
    function moduleProgress(box, course) {
      var prefix = box.getAttribute('data-hvs-module') + '/';
      var pages = Object.keys(course.lessons).filter(function (p) { return p.indexOf(prefix) === 0; });
      var s = {done: pages.filter(function (p) { return store.done(p); }).length, total: pages.length};
      var text = box.getAttribute('data-hvs-text');
      var line = text ? text.replace('{done}', s.done).replace('{total}', s.total) : t('lessons_done', s);
      if (s.total) fill(box, text ? [el('p', '', line), bar(s)] : [line]);
    }

    function table(caption, head, rows) {
      return el('table', 'hvs-table', [el('caption', '', caption),
        el('thead', '', [el('tr', '', head.map(function (h) { return el('th', '', h, {scope: 'col'}); }))]),
        el('tbody', '', rows.map(function (row) {
          return el('tr', '', row.map(function (cell, i) { return i ? el('td', '', cell) : el('th', '', cell, {scope: 'row'}); }));
        }))]);
    }

    // A results file bigger than this is not ours, and is not read.
    var MAX_IMPORT = 2000000;

    // What the course has, for store.merge: imports keep nothing else.
    function known(course) {
      var k = {q: {}, done: {}};
      Object.keys(course.lessons).forEach(function (page) {
        k.done[page] = 1;
        course.lessons[page].questions.forEach(function (q) { k.q[q[0]] = 1; });
      });
      return k;
    }

    // Per area, the next lesson not yet complete, as a link; or that the area is done.
    function nextByArea(course, s) {
      return el('ul', 'hvs-res-next', s.areas.map(function (a) {
        var next = a.area.lessons.filter(function (page) { return !store.done(page); })[0], link;
        if (next) {
          link = el('a', 'hvs-row', [el('span', 'hvs-row-title', course.lessons[next].title)]);
          link.href = pageUrl(next);
        }
        return el('li', '', [el('p', 'hvs-res-area', a.area.code + '. ' + a.area.name + ': ' + t('lessons_done', a)),
          next ? link : el('p', 'hvs-mark hvs-mark-right', t('area_all_done'))]);
      }));
    }

    // course.js, for what needs the whole course on a results page that has none yet (an import).
    function withCourse(ready) {
      if (window.HVS_COURSE) return ready(window.HVS_COURSE);
      var script = el('script', '', null, {src: document.querySelector('[data-hvs-course]').getAttribute('data-hvs-course')});
      script.onload = function () { ready(window.HVS_COURSE); };
      document.head.appendChild(script);
    }

    function today() {
      var d = new Date();
      return t('date', {date: d.getDate() + '/' + (d.getMonth() + 1) + '/' + d.getFullYear()});
    }

    function nameField(name) {
      name.value = store.name();
      name.addEventListener('input', function () { store.name(name.value); });
      return name;
    }

    // The page as written is this view for a learner with no progress (generator/results_page.py):
    // without the course's structure (course.js), only the name, the date and working tools to add.
    function bind(box) {
      var name = box.querySelector('#hvs-name'), date = box.querySelector('[data-hvs-date]'), old = box.querySelector('.hvs-tools');
      if (name) nameField(name);
      if (date) date.textContent = today();
      if (old) old.parentNode.replaceChild(tools(box, null), old);
      notes();
    }

    // Encouragement first: what the learner has done, where to go on; the tables after.
    function results(box, course) {
      box.classList.remove('hvs-wait');
      if (!course) return bind(box);
      var s = summary(course), name = nameField(el('input', 'hvs-text-input', '', {id: 'hvs-name', autocomplete: 'name'}));
      var did = s.done ? t('you_did', {done: s.done, reached: s.reached.length}) : t('you_did_none');
      fill(box, [el('section', 'hvs-res-done', [el('h2', '', t('you_did_title')), el('p', 'hvs-verdict', did),
          s.reached.length && el('ul', 'hvs-dash-reached', s.reached.map(function (c) { return el('li', '', '✓ ' + c.name); })),
          goButton(course, s)]),
        el('div', 'hvs-res-head', [el('label', 'hvs-text', t('name'), {'for': 'hvs-name'}), name,
        el('p', '', today(), {'data-hvs-date': ''}),
        el('p', '', SITE.name + '. ' + t('framework', course) + '.')]),
        el('section', 'hvs-res-way', [el('h2', '', t('next_by_area')), nextByArea(course, s)]),
        el('p', 'hvs-res-summary', s.text),
        table(t('by_area'), [t('col_area'), t('col_lessons'), t('col_answers')], s.areas.map(function (a) {
          return [a.area.code + '. ' + a.area.name, a.done + '/' + a.total, a.correct + '/' + a.questions];
        })),
        table(t('by_competency'), [t('col_competency'), t('col_answers'), t('col_result')], s.competencies.map(function (c) {
          // not a wall of failures: what is not reached yet is being learnt, or not started
          var answered = c.done > 0 || c.correct > 0;
          return [c.name, c.questions ? c.correct + '/' + c.questions : '–',
            t(c.reached ? 'reached' : answered ? 'in_progress' : 'not_started')];
        })),
        tools(box, course)]);
      notes();
    }

    function tools(box, course) {
      var message = el('p', 'hvs-tools-msg', '', {role: 'status', tabindex: '-1'});
      function say(key) { message.textContent = t(key); }
      // after an import or a reset: the page anew, and the outcome read out
      function again(key) {
        results(box, course);
        box.querySelector('.hvs-tools-msg').textContent = t(key);
        box.querySelector('.hvs-tools-msg').focus();
      }
      // Tell what an import did: only 'ok' says the results were taken and kept.
      function imported(outcome, bad) {
        if (outcome === 'ok') again('imported_ok');
        else if (outcome === 'unsaved') again('import_unsaved');
        else say(outcome === 'full' ? 'import_full' : bad);
      }
      var file = el('input', '', '', {type: 'file', accept: '.json,application/json', hidden: ''});
      file.addEventListener('change', function () {
        var chosen = file.files[0], reader = new FileReader();
        // the same file may be chosen again after freeing space
        file.value = '';
        if (!chosen) return;
        // A results file is a few KB per hundred questions: a bigger one is not ours, and is not read.
        if (chosen.size > MAX_IMPORT) return say('import_too_big');
        reader.onload = function () {
          var data = null;
          try { data = JSON.parse(reader.result); } catch (e) { /* reported below */ }
          if (!isObject(data) || data.format !== 'hocvuso-progress' || data.course !== SITE.id) return imported('bad', 'bad_file');
          // what the course has decides what is kept: its structure, fetched now if the page had none
          withCourse(function (whole) {
            course = whole;
            imported(store.merge(data.data, known(course)), 'bad_file');
          });
        };
        reader.readAsText(chosen);
      });
      var reset = button(t('reset'), 'hvs-btn-2', function () { confirm.hidden = false; no.focus(); });
      var no = button(t('reset_no'), 'hvs-btn-2', function () { confirm.hidden = true; reset.focus(); });
      var confirm = el('div', 'hvs-confirm', [el('p', '', t('reset_confirm')),
        button(t('reset_yes'), 'hvs-btn-danger', function () { store.reset(); again('reset_ok'); }), no], {hidden: ''});
      return el('section', 'hvs-tools', [el('h2', '', t('tools')),
        el('div', 'hvs-actions', [button(t('print'), '', function () { window.print(); }),
          button(t('export_file'), 'hvs-btn-2', function () {
            var a = el('a', '', '', {download: 'ket-qua-' + SITE.id + '-' + new Date().toISOString().slice(0, 10) + '.json'});
            a.href = URL.createObjectURL(new Blob([JSON.stringify(store.exported())], {type: 'application/json'}));
            document.body.appendChild(a).click();
            document.body.removeChild(a);
          }),
          file, button(t('import_file'), 'hvs-btn-2', function () { file.click(); })]),
        el('div', 'hvs-actions', [reset]), confirm, message]);
    }

    // The results page calls with no course for a learner without progress (its page is drawn as is).
    if (course) {
      all('[data-hvs-dashboard]').forEach(function (box) { dashboard(box, course); });
      all('[data-hvs-area]').forEach(function (box) { areaProgress(box, course); });
      all('[data-hvs-module]').forEach(function (box) { moduleProgress(box, course); });
    }
    all('[data-hvs-results]').forEach(function (box) { results(box, course); });
  };
})();
