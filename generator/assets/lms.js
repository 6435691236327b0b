/* Học vụ số: an LMS (SCORM 1.2: Moodle, Kolibri) around the page, for the SCORM and Kolibri
   packages only (generator/exchange/): the website never runs inside an LMS, so its script does not
   carry this. Runs before hocvuso.js, which uses window.HVS_LMS when it is there.
   Keep comments on lines of their own: the packages drop those lines and the indentation. */
(function () {
  'use strict';
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* --- an LMS (SCORM 1.2: Moodle, Kolibri) around the page: score, status, answers kept there ----
     Found the standard way (window.API in this window, its parents, the opener's). When found, the
     answers live in cmi.suspend_data (the compact encoding of docs-dev/self-assessment.md) instead
     of this browser; an LMS that refuses anything leaves the page on localStorage, silently. */

  window.HVS_LMS = (function () {
    var api = null, mode = 'local', started = Date.now(), MAX = 4096, TEXT = 60;
    function find(win) {
      for (var i = 0; win && i < 8; i++) {
        try { if (win.API && typeof win.API.LMSInitialize === 'function') return win.API; } catch (e) { return null; }
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    }
    function call(name, a, b) {
      try { return String(api[name](a, b)); } catch (e) { return 'false'; }
    }
    function set(name, value) { return call('LMSSetValue', name, String(value)) === 'true'; }
    function begin() {
      if (call('LMSInitialize', '') !== 'true') return;
      var saved = call('LMSGetValue', 'cmi.suspend_data');
      mode = call('LMSGetLastError') === '0' ? 'lms' : 'report';
      return saved;
    }
    try { api = find(window) || (window.opener && find(window.opener)); } catch (e) { api = null; }
    var saved = api ? begin() : null;

    // The page's quizzes and questions, in page order: the encoding is positional.
    function pageQuestions() {
      return all('.hvs-quiz').map(function (quiz) {
        return {page: quiz.getAttribute('data-lesson'),
          questions: all('.hvs-q', quiz).map(function (q) {
            return {id: q.getAttribute('data-question-id'), v: q.getAttribute('data-version')};
          })};
      });
    }
    function escapeText(text) { return text.replace(/%/g, '%25').replace(/;/g, '%3B'); }
    function answer(a) {
      if (typeof a === 'boolean') return a ? 't' : 'f';
      if (typeof a === 'string') return 's' + escapeText(a);
      var small = Array.isArray(a) && a.every(function (x) { return String(+x) === String(x) && +x >= 0 && +x < 36; });
      if (small) return (typeof a[0] === 'string' ? 'm' : 'n') + a.map(function (x) { return (+x).toString(36); }).join('');
      return 'j' + escapeText(JSON.stringify(a));
    }
    function unanswer(text) {
      var kind = text[0], rest = decodeURIComponent(text.slice(1));
      if (kind === 't' || kind === 'f') return kind === 't';
      if (kind === 's') return rest;
      if (kind === 'j') return JSON.parse(rest);
      return rest.split('').map(function (c) { return kind === 'm' ? String(parseInt(c, 36)) : parseInt(c, 36); });
    }
    // '1' (format) + one completion digit per quiz, then per question ';' + 4 version digits, 1/0 for
    // right/wrong and the answer (omitted when it would take more than TEXT characters).
    function encode(state) {
      var quizzes = pageQuestions(), head = '1', records = [];
      quizzes.forEach(function (quiz) {
        head += quiz.page in state.done ? '1' : '0';
        quiz.questions.forEach(function (q) {
          var r = state.q[q.id];
          if (!r || r.v !== q.v) return records.push('');
          var a = 'a' in r ? answer(r.a) : '';
          records.push(r.v.slice(0, 4) + (r.ok ? '1' : '0') + (a.length <= TEXT ? a : ''));
        });
      });
      var text = [head].concat(records).join(';');
      // beyond the limit (hundreds of questions on one page), results without the answers
      if (text.length > MAX) text = [head].concat(records.map(function (r) { return r.slice(0, 5); })).join(';');
      return text.slice(0, MAX);
    }
    function decode(text) {
      var state = {q: {}, done: {}, name: ''}, fields = String(text || '').split(';'), i = 1;
      if (fields[0][0] !== '1') return null;
      pageQuestions().forEach(function (quiz, n) {
        if (fields[0][n + 1] === '1') state.done[quiz.page] = Date.now();
        quiz.questions.forEach(function (q) {
          var f = fields[i++] || '';
          if (f.length < 5 || q.v.slice(0, 4) !== f.slice(0, 4)) return;
          var r = {v: q.v, ok: f[4] === '1'};
          try { if (f.length > 5) r.a = unanswer(f.slice(5)); } catch (e) { /* the result without it */ }
          state.q[q.id] = r;
        });
      });
      return state;
    }
    // localStorage's two methods, over suspend_data while the LMS takes it, else localStorage itself.
    var storage = {
      getItem: function (key) {
        var state = mode === 'lms' ? decode(saved) : null;
        return mode === 'lms' ? state && JSON.stringify(state) : window.localStorage.getItem(key);
      },
      setItem: function (key, value) {
        if (mode === 'lms' && set('cmi.suspend_data', encode(JSON.parse(value)))) return;
        if (mode === 'lms') mode = 'report';
        window.localStorage.setItem(key, value);
      }
    };
    function time(ms) {
      var s = Math.floor(ms / 1000), two = function (n) { return (n < 10 ? '0' : '') + n; };
      return two(Math.min(9999, Math.floor(s / 3600))) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
    }
    // Score (0-100, over every question of the page) and status; commit at each change.
    function report(store) {
      if (mode === 'local') return;
      var quizzes = pageQuestions(), total = 0, correct = 0, answered = 0, passed = true;
      quizzes.forEach(function (quiz) {
        quiz.questions.forEach(function (q) {
          var r = store.get(q.id, q.v);
          if (r) { answered++; correct += r.ok ? 1 : 0; }
        });
        total += quiz.questions.length;
        // passed once, complete for good: as the site's tick (store.finish)
        passed = passed && store.done(quiz.page);
      });
      if (answered) {
        set('cmi.core.score.min', 0);
        set('cmi.core.score.max', 100);
        set('cmi.core.score.raw', Math.round(100 * correct / total));
      }
      set('cmi.core.lesson_status', !quizzes.length ? 'completed' : passed ? 'passed' :
        answered === total ? 'failed' : 'incomplete');
      call('LMSCommit', '');
    }
    function finish() {
      if (mode === 'local') return;
      set('cmi.core.exit', 'suspend');
      set('cmi.core.session_time', time(Date.now() - started));
      call('LMSCommit', '');
      call('LMSFinish', '');
      mode = 'local';
    }
    window.addEventListener('pagehide', finish);
    return {storage: function () { return api && mode !== 'local' ? storage : window.localStorage; },
      report: report};
  })();
})();
