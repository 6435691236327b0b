/* Học vụ số: self-assessments that check and explain answers, and progress kept in this browser.
   Contract (data-question-id, data-result) and storage format: docs-dev/self-assessment.md.
   ES5 plus URL, String#normalize and Math.imul: Android WebView/Chrome from 2019 on.
   At build time the plugin puts `var HVS_SITE = {id, name, msg}` in front of this file; the
   progress pages also load `course.js` (`var HVS_COURSE = {...}` and the progress views) before it.
   Keep comments on lines of their own: the plugin drops those lines and the indentation. */
(function () {
  'use strict';
  var SITE = window.HVS_SITE || {id: 'site', name: '', msg: {}};
  var KEY = 'hocvuso:v1:' + SITE.id;
  var me = document.currentScript;
  // The site root, from this file's own address: pages link to each other relatively.
  var ROOT = me ? me.src.replace(/assets\/hocvuso\/[\w.-]+\.js([?#].*)?$/, '') : '';

  // A learner-facing string from vi.yml (`ui.script`), `{name}` placeholders filled.
  function t(key, values) {
    return String(SITE.msg[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // el('p', 'hvs-x', 'text' or [nodes and strings], {attribute: value}); empty children are skipped.
  function el(tag, cls, content, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (Array.isArray(content)) add(node, content);
    else if (content != null) node.textContent = content;
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    return node;
  }

  function add(node, children) {
    children.forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fill(node, children) {
    node.textContent = '';
    return add(node, children);
  }

  function button(text, cls, onclick, attrs) {
    var b = el('button', 'hvs-btn' + (cls ? ' ' + cls : ''), text, attrs);
    b.type = 'button';
    if (onclick) b.addEventListener('click', onclick);
    return b;
  }

  // Focus without the browser's own scroll, which centres the focused button and throws the
  // verdict above the screen; reveal() then scrolls only as far as needed.
  function calmFocus(node) {
    try { node.focus({preventScroll: true}); } catch (e) { node.focus(); }
  }

  // Scroll the least that brings `box` into view below the sticky header, its top (the verdict)
  // first: a box taller than the screen starts at the top.
  function reveal(box) {
    var header = document.querySelector('.md-header'), r = box.getBoundingClientRect();
    var top = (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0) + 8, bottom = window.innerHeight - 8;
    var by = r.top < top ? r.top - top : r.bottom > bottom ? Math.min(r.bottom - bottom, r.top - top) : 0;
    if (by) window.scrollBy(0, by);
  }

  function isObject(x) { return !!x && typeof x === 'object' && !Array.isArray(x); }

  // A page's address from its source path, as render.page_url does: `4-an-toan/01-otp.md` -> `.html`.
  function pageUrl(page) { return ROOT + page.replace(/\.md$/, '.html'); }

  /* --- an LMS around the page: score, status, answers kept there --------------------------------
     Only the SCORM and Kolibri packages carry the LMS unit (generator/assets/lms.js, run before this
     file); on the website progress stays in this browser. */

  var lms = window.HVS_LMS || {storage: function () { return window.localStorage; }, report: function () {}};

  /* --- progress: one JSON value under one key; a memory copy when the browser will not store --- */

  var store = (function () {
    var ls = null, state = fresh(), problem = '';
    function fresh() { return {q: {}, done: {}, name: '', last: ''}; }
    // The stored value, checked record by record; null when it is not ours at all.
    function clean(data) {
      if (!isObject(data) || !isObject(data.q) || !isObject(data.done)) return null;
      var out = fresh();
      Object.keys(data.q).forEach(function (id) {
        var r = data.q[id];
        if (isObject(r) && typeof r.v === 'string' && typeof r.ok === 'boolean') out.q[id] = r;
      });
      Object.keys(data.done).forEach(function (page) {
        if (typeof data.done[page] === 'number') out.done[page] = data.done[page];
      });
      if (typeof data.name === 'string') out.name = data.name.slice(0, 200);
      if (typeof data.last === 'string') out.last = data.last.slice(0, 500);
      return out;
    }
    function save() {
      if (!ls) return;
      try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { ls = null; problem = 'no_storage'; notes(); }
    }
    try {
      ls = lms.storage();
      var raw = ls.getItem(KEY), data = null;
      if (raw) {
        try { data = clean(JSON.parse(raw)); } catch (e) { /* corrupt: handled below */ }
        if (data) state = data; else problem = 'corrupt';
      }
      // also proves that writing works (private mode, full storage)
      save();
    } catch (e) { ls = null; problem = 'no_storage'; }
    return {
      problem: function () { return problem; },
      get: function (id, version) { var r = state.q[id]; return r && r.v === version ? r : null; },
      put: function (id, record) { state.q[id] = record; save(); },
      done: function (page) { return page in state.done; },
      finish: function (page) { if (!this.done(page)) { state.done[page] = Date.now(); save(); } },
      doneAt: function (page) { return state.done[page] || 0; },
      // anything saved: an answer, a lesson done, the lesson last opened
      any: function () { return !!(state.last || Object.keys(state.done).length || Object.keys(state.q).length); },
      // the lesson the learner was last on, for "Học tiếp"
      last: function (page) { if (page && page !== state.last) { state.last = page; save(); } return state.last; },
      name: function (value) { if (value != null) { state.name = value; save(); } return state.name; },
      exported: function () { return {format: 'hocvuso-progress', course: SITE.id, data: state}; },
      // Imported records replace ours, completed lessons add up, our name stays if we have one.
      // Only questions and lessons the course has (`known`: {q: {id: 1}, done: {page: 1}}) are taken.
      // 'ok'; 'bad' (not progress, or nothing of this course); 'full' (storage refused it: nothing
      // changed); 'unsaved' (this browser keeps nothing: imported until the page closes).
      merge: function (data, known) {
        data = clean(data);
        if (!data) return 'bad';
        var ids = Object.keys(data.q), pages = Object.keys(data.done), before = JSON.stringify(state);
        if (known) {
          ids = ids.filter(function (id) { return known.q.hasOwnProperty(id); });
          pages = pages.filter(function (page) { return known.done.hasOwnProperty(page); });
          if (!ids.length && !pages.length && (Object.keys(data.q).length || Object.keys(data.done).length)) return 'bad';
        }
        ids.forEach(function (id) { state.q[id] = data.q[id]; });
        pages.forEach(function (page) { if (!(page in state.done)) state.done[page] = data.done[page]; });
        state.name = state.name || data.name;
        if (!ls) return 'unsaved';
        // not save(): a refusal here means this import is too big, not that storage is gone
        try { ls.setItem(KEY, JSON.stringify(state)); } catch (e) { state = JSON.parse(before); return 'full'; }
        return 'ok';
      },
      reset: function () { state = fresh(); save(); }
    };
  })();

  // The note shown where progress matters when it cannot be kept (or was lost).
  function notes() {
    var problem = store.problem();
    if (problem) {
      all('.hvs-quiz, [data-hvs-results], [data-hvs-dashboard]').forEach(function (box) {
        var note = box.querySelector('.hvs-storage-note') ||
          box.insertBefore(el('p', 'hvs-storage-note', '', {role: 'status'}), box.querySelector('.hvs-q') || box.firstChild);
        note.textContent = t(problem);
      });
    }
  }

  /* --- answers: how each question type reads, restores and grades an answer ------------------ */

  // Vietnamese text folding: the browser's half of generator/textfold.py (tests/test_textfold.py
  // checks both give the same result). Shared with search.js through window.HVS_TEXT.
  var EDGE = /^[\s"'“”‘’«».,;:!?¿¡…()\[\]{}\/\\-]+|[\s"'“”‘’«».,;:!?¿¡…()\[\]{}\/\\-]+$/g;
  // Where String.prototype.normalize is missing (very old WebViews), precomposed Vietnamese
  // letters still fold by this table.
  var LETTERS = {a: 'àáảãạăằắẳẵặâầấẩẫậ', e: 'èéẻẽẹêềếểễệ', i: 'ìíỉĩị', o: 'òóỏõọôồốổỗộơờớởỡợ',
    u: 'ùúủũụưừứửữự', y: 'ỳýỷỹỵ', d: 'đ'}, BASE = {};
  Object.keys(LETTERS).forEach(function (base) {
    LETTERS[base].split('').forEach(function (ch) { BASE[ch] = base; });
  });
  function nfc(text) { return text.normalize ? text.normalize('NFC') : text; }
  function fold(text, keepDiacritics) {
    text = nfc(String(text)).trim().replace(/\s+/g, ' ').toLowerCase();
    if (keepDiacritics) return text;
    text = text.replace(/đ/g, 'd');
    return text.normalize ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')
      : text.replace(/[^\u0000-\u007f]/g, function (ch) { return BASE[ch] || ch; });
  }
  function answerKey(text, keepDiacritics) {
    return fold(nfc(String(text)).replace(EDGE, ''), keepDiacritics);
  }
  window.HVS_TEXT = {fold: fold, answerKey: answerKey};

  function picked(q) {
    return q.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
  }

  // Question types, one unit each, registered by the name the markup's `data-type` carries (the
  // same names as generator/questions/; tests/test_question_types.py checks the three lists agree).
  // A unit: read(q) -> the answer or null, write(q, answer), grade(q, answer) -> true/false, and
  // optionally setUp(q), marks(q, answer) -> [[element, message key]], feedback(q, answer) -> [elements],
  // reset(q) -> the element to focus on "Làm lại".
  var TYPES = {};
  function registerType(name, unit) { TYPES[name] = unit; }

  function choice(many) {
    return {
      read: function (q) { var p = picked(q).map(Number); return p.length ? p : null; },
      write: function (q, answer) { q.inputs.forEach(function (i) { i.checked = answer.indexOf(+i.value) >= 0; }); },
      grade: function (q, answer) { return answer.sort().join() === q.key.slice().sort().join(); },
      marks: function (q, answer) {
        return q.inputs.map(function (i) {
          var chosen = answer.indexOf(+i.value) >= 0, right = q.key.indexOf(+i.value) >= 0;
          return [i.parentNode, chosen ? (right ? 'chose_right' : 'chose_wrong') : right && many ? 'missed' : ''];
        });
      },
      feedback: function (q, answer) {
        return answer.map(function (n) {
          var fb = q.root.querySelector('.hvs-key li[data-option="' + n + '"] .hvs-fb');
          if (!fb || !fb.textContent.trim()) return null;
          // for `multiple`, each chosen option's feedback under that option's text
          var box = el('div', 'hvs-fb', [many &&
            el('p', 'hvs-fb-option', q.inputs[n].parentNode.querySelector('.hvs-option-text').textContent)]);
          // copies of the nodes the page already holds: never course text parsed again as HTML
          add(box, Array.prototype.map.call(fb.childNodes, function (n) { return n.cloneNode(true); }));
          return box;
        });
      }
    };
  }
  registerType('single', choice(false));
  registerType('multiple', choice(true));

  registerType('true_false', {
    read: function (q) { var p = picked(q); return p.length ? p[0] === 'true' : null; },
    write: function (q, answer) { q.inputs.forEach(function (i) { i.checked = i.value === String(answer); }); },
    grade: function (q, answer) { return answer === q.key; },
    marks: function (q, answer) {
      return q.inputs.map(function (i) {
        return [i.parentNode, i.value === String(answer) ? (answer === q.key ? 'chose_right' : 'chose_wrong') : ''];
      });
    },
    feedback: function (q, answer) {
      var fb = q.root.querySelector('.hvs-fb[data-for="' + answer + '"]');
      return [fb && fb.textContent.trim() && fb.cloneNode(true)];
    }
  });

  registerType('short_text', {
    read: function (q) { var v = q.inputs[0].value; return v.trim() ? v : null; },
    write: function (q, answer) { q.inputs[0].value = answer; },
    grade: function (q, answer) {
      var keep = !!q.key.diacritics, mine = answerKey(answer, keep);
      return q.key.accept.some(function (a) { return answerKey(a, keep) === mine; });
    }
  });

  registerType('ordering', {
    setUp: setUpOrdering,
    read: function (q) { return items(q).map(function (li) { return +li.getAttribute('data-item'); }); },
    write: function (q, answer) {
      var list = q.root.querySelector('.hvs-order'), lis = items(q);
      answer.forEach(function (n) {
        lis.forEach(function (li) { if (+li.getAttribute('data-item') === n) list.appendChild(li); });
      });
      moveButtons(q);
    },
    grade: function (q, answer) { return answer.every(function (n, i) { return n === i; }); },
    marks: function (q) {
      return items(q).map(function (li, i) { return [li, +li.getAttribute('data-item') === i ? 'place_right' : 'place_wrong']; });
    }
  });

  registerType('matching', {
    read: function (q) {
      var values = q.inputs.map(function (s) { return s.value; });
      return values.indexOf('') < 0 ? values : null;
    },
    write: function (q, answer) { q.inputs.forEach(function (s, i) { s.value = answer[i]; }); },
    grade: function (q, answer) {
      return q.inputs.every(function (s, i) { return answer[i] === s.getAttribute('data-left'); });
    },
    marks: function (q, answer) {
      return q.inputs.map(function (s, i) {
        return [s.parentNode, answer[i] === s.getAttribute('data-left') ? 'pair_right' : 'pair_wrong'];
      });
    }
  });

  // A tap on the picture picks the first region holding it, or -1 for none; the radio list under
  // it is the same choice for keyboards and screen readers. After checking, the right regions show.
  registerType('hotspot', {
    setUp: function (q) {
      var pic = q.root.querySelector('.hvs-hs-pic'), img = pic.querySelector('img');
      var regions = JSON.parse(q.root.getAttribute('data-answer'));
      q.dot = pic.appendChild(el('span', 'hvs-hs-dot', '', {hidden: ''}));
      regions.forEach(function (r) {
        if (r[4]) pic.appendChild(el('span', 'hvs-hs-box')).style.cssText = box(r);
      });
      img.addEventListener('click', function (e) {
        if (q.root.hasAttribute('data-result')) return;
        var b = img.getBoundingClientRect(), x = 100 * (e.clientX - b.left) / b.width, y = 100 * (e.clientY - b.top) / b.height;
        var hit = regions.map(function (r) { return x >= r[0] && x <= r[0] + r[2] && y >= r[1] && y <= r[1] + r[3]; }).indexOf(true);
        q.tap = true;
        q.inputs.forEach(function (i) { i.checked = +i.value === hit; });
        q.dot.hidden = false;
        q.dot.style.cssText = 'left:' + x + '%;top:' + y + '%';
        q.result.textContent = t('tapped');
      });
      q.inputs.forEach(function (i) { i.addEventListener('change', function () { q.dot.hidden = true; }); });
    },
    read: function (q) { var p = picked(q); return p.length ? +p[0] : q.tap ? -1 : null; },
    write: function (q, answer) { q.inputs.forEach(function (i) { i.checked = +i.value === answer; }); },
    grade: function (q, answer) { return answer >= 0 && !!q.key[answer][4]; },
    marks: function (q, answer) { return answer < 0 ? [] : [[q.inputs[answer].parentNode, q.key[answer][4] ? 'chose_right' : 'chose_wrong']]; },
    feedback: function (q, answer) {
      var fb = q.root.querySelector(answer < 0 ? '.hvs-key .hvs-fb[data-for="miss"]' : '.hvs-key li[data-option="' + answer + '"] .hvs-fb');
      return [fb && fb.textContent.trim() && fb.cloneNode(true)];
    },
    reset: function (q) {
      q.tap = false;
      q.dot.hidden = true;
      return q.root.querySelector('.hvs-hs-list summary');
    }
  });

  function box(r) { return 'left:' + r[0] + '%;top:' + r[1] + '%;width:' + r[2] + '%;height:' + r[3] + '%'; }

  // A scenario: one screen at a time; a choice goes to its step, "Quay lại" one step back, and
  // reaching an ending checks the answer, which is the path taken (step names).
  function step(q) { return q.path[q.path.length - 1]; }
  function showStep(q, moved) {
    var now = null;
    q.steps.forEach(function (s) {
      s.hidden = s.getAttribute('data-step') !== step(q);
      if (!s.hidden) now = s;
    });
    if (!now) throw new Error('step');
    var end = now.hasAttribute('data-end');
    q.back.hidden = end || q.path.length < 2;
    if (moved) now.querySelector('.hvs-sc-num').focus();
    if (moved && end) q.root.querySelector('.hvs-actions .hvs-btn').click();
  }
  registerType('scenario', {
    setUp: function (q) {
      q.steps = all('.hvs-sc-step', q.root);
      q.path = [q.steps[0].getAttribute('data-step')];
      q.back = q.root.querySelector('.hvs-scenario').appendChild(button(t('back'), 'hvs-btn-2 hvs-sc-back', function () {
        q.path.pop();
        showStep(q, true);
      }));
      all('.hvs-sc-choice', q.root).forEach(function (b) {
        b.addEventListener('click', function () {
          q.path.push(b.getAttribute('data-next'));
          showStep(q, true);
        });
      });
      showStep(q);
    },
    read: function (q) { return q.steps.some(function (s) { return s.hidden === false && s.hasAttribute('data-end'); }) ? q.path.slice() : null; },
    write: function (q, answer) { q.path = answer.slice(); showStep(q); },
    grade: function (q, answer) { return q.key.right.indexOf(answer[answer.length - 1]) >= 0; },
    feedback: function (q, answer) {
      return all('.hvs-key li[data-step] .hvs-fb', q.root).filter(function (fb) {
        return fb.parentNode.getAttribute('data-step') === answer[answer.length - 1] && fb.textContent.trim();
      }).map(function (fb) { return fb.cloneNode(true); });
    },
    reset: function (q) {
      q.path = q.path.slice(0, 1);
      showStep(q);
      return q.root.querySelector('.hvs-sc-step:not([hidden]) button');
    }
  });

  /* --- ordering by buttons: touch and keyboard, no dragging --------------------------------- */

  function items(q) { return all('.hvs-order-item', q.root); }

  function moveButtons(q) {
    var lis = items(q);
    lis.forEach(function (li, i) {
      var b = li.querySelectorAll('.hvs-move button');
      if (b.length) { b[0].disabled = !i; b[1].disabled = i === lis.length - 1; }
    });
  }

  function setUpOrdering(q) {
    items(q).forEach(function (li) {
      var text = li.textContent.trim(), box = li.appendChild(el('span', 'hvs-move'));
      [['up', -1, '↑'], ['down', 1, '↓']].forEach(function (dir) {
        var b = box.appendChild(button(dir[2] + '\u00a0' + t(dir[0]), 'hvs-btn-2', function () {
          var lis = items(q), j = lis.indexOf(li) + dir[1];
          li.parentNode.insertBefore(li, dir[1] < 0 ? lis[j] : lis[j].nextSibling);
          moveButtons(q);
          (b.disabled ? box.querySelector('button:not([disabled])') : b).focus();
          q.result.textContent = t('moved', {item: text, n: j + 1, count: lis.length});
        }, {'aria-label': t(dir[0] + '_label', {item: text})}));
      });
    });
    moveButtons(q);
  }

  /* --- one question ------------------------------------------------------------------------- */

  function setUpQuestion(root, quiz) {
    var type = TYPES[root.getAttribute('data-type')], answerKey = root.querySelector('.hvs-key');
    var q = {
      root: root, type: root.getAttribute('data-type'), id: root.getAttribute('data-question-id'),
      version: root.getAttribute('data-version'), inputs: all('.hvs-choices input, .hvs-choices select', root),
      result: el('div', 'hvs-result', '', {role: 'status'})
    };
    var check = button(t('check'), '', function () {
      readKey();
      var answer = type.read(q);
      if (answer == null) { q.result.textContent = t('need_answer'); return; }
      var ok = type.grade(q, answer);
      store.put(q.id, {v: q.version, ok: ok, a: answer});
      store.last(quiz.page);
      show(ok, answer);
      q.result.className += ' hvs-new';
      // No jump: the verdict, announced by its status role, stays in view rather than the button.
      calmFocus(retry);
      reveal(q.result);
      quiz.update();
    });
    var retry = button(t('retry'), 'hvs-btn-2', function () {
      clear();
      lock(false);
      answerKey.open = false;
      var first = type.reset ? type.reset(q) : q.inputs[0] || root.querySelector('.hvs-move button:not([disabled])');
      if (first) { calmFocus(first); reveal(first); }
    });
    root.insertBefore(q.result, answerKey);
    root.insertBefore(el('div', 'hvs-actions', [check, retry]), answerKey);
    if (type.setUp) type.setUp(q);

    // Read at each check: the markup is the one source of the answer.
    function readKey() { q.key = JSON.parse(root.getAttribute('data-answer')); }

    // Checked: the answer stays as given until "Làm lại"; the answer key may be opened.
    function lock(locked) {
      q.inputs.forEach(function (i) { i.disabled = locked; });
      all('.hvs-move', root).concat(check).forEach(function (m) { m.hidden = locked; });
      retry.hidden = answerKey.hidden = !locked;
    }

    function clear() {
      all('.hvs-js-mark', root).forEach(function (m) {
        m.parentNode.removeAttribute('data-mark');
        m.parentNode.removeChild(m);
      });
      fill(q.result, []).className = 'hvs-result';
      root.removeAttribute('data-result');
    }

    // The verdict by text and icon, marks on the options, the chosen options' feedback, the explanation.
    function show(ok, answer) {
      clear();
      root.setAttribute('data-result', ok ? 'correct' : 'incorrect');
      var parts = [el('p', 'hvs-verdict', t(ok ? 'correct' : 'incorrect')), !ok && el('p', '', t('try_again'))];
      if (answer == null) {
        parts.push(el('p', '', t('imported')));
      } else {
        if (type.marks) {
          type.marks(q, answer).forEach(function (m) {
            var kind = m[1].split('_').pop();
            if (kind) m[0].appendChild(el('span', 'hvs-mark hvs-js-mark hvs-mark-' + kind, t(m[1]))).parentNode.setAttribute('data-mark', kind);
          });
        }
        if (type.feedback) parts = parts.concat(type.feedback(q, answer));
      }
      var explanation = root.querySelector('.hvs-key .hvs-explanation');
      parts.push(explanation && explanation.cloneNode(true));
      add(q.result, parts);
      lock(true);
    }

    readKey();
    lock(false);
    var saved = store.get(q.id, q.version);
    if (saved) {
      try {
        if ('a' in saved) type.write(q, saved.a);
        show(saved.ok, 'a' in saved ? saved.a : null);
      } catch (e) {
        // a saved answer that no longer fits: start afresh
        clear();
        lock(false);
        if (type.reset) type.reset(q);
      }
    }
    return q;
  }

  /* --- a quiz: score and pass mark; passing completes the lesson ------------------------------ */

  function setUpQuiz(section) {
    var page = section.getAttribute('data-lesson'), pass = +section.getAttribute('data-pass-mark');
    var score = section.appendChild(el('div', 'hvs-score', '', {role: 'status'}));
    var quiz = {page: page, questions: [], update: function () {
      var total = quiz.questions.length, correct = 0, answered = 0;
      quiz.questions.forEach(function (q) {
        var r = store.get(q.id, q.version);
        if (r) { answered++; correct += r.ok ? 1 : 0; }
      });
      if (!answered) return;
      var percent = Math.round(100 * correct / total), passed = percent >= pass;
      section.setAttribute('data-score', percent);
      section.setAttribute('data-passed', passed);
      fill(score, [el('p', '', t('score', {correct: correct, total: total, percent: percent, pass_mark: pass})),
        el('p', 'hvs-verdict', passed ? t('passed') : answered < total ? t('left', {n: total - answered}) : t('not_passed'))]);
      if (passed) {
        store.finish(page);
        markDone();
      }
      lms.report(store);
    }};
    all('.hvs-q', section).forEach(function (root) {
      // a question the script cannot handle keeps its <details> answer
      try { quiz.questions.push(setUpQuestion(root, quiz)); } catch (e) { /* nothing more to do */ }
    });
    quiz.update();
  }

  /* --- progress shown across the site ------------------------------------------------------- */

  // Completed lessons: a tick (and words for screen readers) in the navigation and lesson lists.
  function markDone() {
    all('li[data-lesson], nav:not(.hvs-lesson-nav) a[href]').forEach(function (node) {
      var page = node.getAttribute('data-lesson') ||
        node.href.indexOf(ROOT) === 0 && !/^#/.test(node.getAttribute('href')) &&
        node.href.split('#')[0].slice(ROOT.length).replace(/\.html$/, '.md');
      if (page && store.done(page) && !node.querySelector('.hvs-done-mark')) {
        (node.querySelector('a.hvs-row') || node).appendChild(el('span', 'hvs-done-mark', ['✓', el('span', 'hvs-sr', ' ' + t('done'))]));
      }
    });
  }

  /* --- start --------------------------------------------------------------------------------- */

  function start() {
    var course = window.HVS_COURSE;
    all('.hvs-quiz').forEach(function (section) {
      // a quiz the script cannot handle stays readable as it is without the script
      try { setUpQuiz(section); } catch (e) { /* nothing more to do */ }
    });
    var heads = all('.hvs-lesson-head[data-lesson]');
    if (heads.length === 1) store.last(heads[0].getAttribute('data-lesson'));
    markDone();
    lms.report(store);
    var wants = document.querySelector('[data-hvs-course]');
    if (course) progress(course);
    else if (wants && store.any()) {
      // course.js (the whole course's structure: heavy in a big course) only for a learner with
      // saved progress; a new learner's dashboard, area progress and results are in the HTML as
      // they are. The results page waits unseen for it (it would say "nothing done" meanwhile).
      all('[data-hvs-results]').forEach(function (box) { box.classList.add('hvs-wait'); });
      var script = document.createElement('script');
      script.src = wants.getAttribute('data-hvs-course');
      script.onload = function () { if (window.HVS_COURSE) progress(window.HVS_COURSE); };
      script.onerror = function () { progress(null); };
      document.head.appendChild(script);
    } else if (wants) progress(null);
    notes();
  }

  // The progress views (home, area, module and results pages) come with the course's data in
  // course.js; the results page has them in results.js, and calls them with no course for a new learner.
  function progress(course) {
    if (window.HVS_PROGRESS) {
      window.HVS_PROGRESS({t: t, el: el, fill: fill, button: button, all: all, store: store, pageUrl: pageUrl,
        notes: notes, isObject: isObject, site: SITE}, course);
    }
    notes();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
