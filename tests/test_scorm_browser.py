"""SCORM 1.2 and Kolibri packages played as an LMS plays them, in headless Chromium.

The LMS side is the npm package `scorm-again` (`npm ci` installs it): a small page creates
`window.API = new Scorm12API(...)`, as an LMS does, and frames the package's SCO. The tests answer
the quiz in the frame, read what the runtime recorded (score, status, suspend data), launch the SCO
again with that suspend data and find the answers back. The suspend data's worst cases (every
question of the starter course's longest quiz, a 40-question quiz) stay under SCORM 1.2's 4,096
characters. An LMS that refuses things leaves the page on localStorage, silently.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from corpus_tools import make_course  # noqa: E402
from dist_tools import SVG  # noqa: E402
from generator.cli import main  # noqa: E402
from site_tools import serve  # noqa: E402
from test_quiz_browser import ALL_RIGHT, KEY, answer_all, q, results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
SCO = "pkg/4-an-toan/01-mat-khau.html"
LIMIT = 4096

# The LMS: scorm-again's SCORM 1.2 runtime on window.API, the SCO in a frame, and what it recorded.
LMS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title>
<style>body{font:16px system-ui;margin:1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left;max-width:60rem;word-break:break-all}</style>
<script src="scorm12.js"></script></head><body>
<h1>scorm-again (SCORM 1.2 LMS runtime): what the LMS recorded</h1><table id="record"></table>
<iframe id="sco" title="SCO" style="width:100%;height:500px;border:1px solid #999"></iframe>
<script>
window.calls = [];
window.sent = {};
window.launch = function (cmi, src) {
  window.API = new Scorm12API({logLevel: 5, autocommit: false});
  if (cmi) window.API.loadFromJSON(cmi);
  ['LMSInitialize', 'LMSCommit', 'LMSFinish'].forEach(function (name) {
    window.API.on(name, function () { window.calls.push(name); });
  });
  // cmi.core.exit and session_time are write-only: what the SCO sent
  window.API.on('LMSSetValue.cmi.*', function (element, value) { window.sent[element] = value; });
  document.getElementById('sco').src = src;
};
window.recorded = function () {
  var c = window.API.cmi;
  return {raw: c.core.score.raw, min: c.core.score.min, max: c.core.score.max, status: c.core.lesson_status,
          exit: sent['cmi.core.exit'] || '', suspend_data: c.suspend_data, session_time: sent['cmi.core.session_time'] || '',
          calls: window.calls};
};
window.show = function () {
  var r = window.recorded(), t = document.getElementById('record');
  t.innerHTML = '';
  Object.keys(r).forEach(function (k) {
    var tr = t.insertRow(), v = k === 'calls' ? r[k].join(', ') : String(r[k]);
    tr.insertCell().textContent = {raw: 'cmi.core.score.raw', min: 'cmi.core.score.min', max: 'cmi.core.score.max',
      status: 'cmi.core.lesson_status', exit: 'cmi.core.exit', suspend_data: 'cmi.suspend_data',
      session_time: 'cmi.core.session_time', calls: 'API calls'}[k];
    tr.insertCell().textContent = k === 'suspend_data' ? v + '  (' + v.length + ' characters)' : v;
  });
};
</script></body></html>
"""


def with_picture(course: Path) -> Path:
    """The mini course with a picture in the lesson that has the quiz."""
    (course / "content/4-an-toan/img").mkdir(exist_ok=True)
    (course / "content/4-an-toan/img/khoa.svg").write_text(SVG, encoding="utf-8")
    lesson = course / "content/4-an-toan/01-mat-khau.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![Ổ khóa](img/khoa.svg)\n", encoding="utf-8")
    return course


def export(course: Path, out: Path, *args: str) -> Path:
    assert main(["--root", str(course), "export", *args, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def lms_root(tmp_path_factory):
    """A served folder: the LMS page, scorm-again's runtime, and the mini course's SCORM package
    unzipped in `pkg/`."""
    if not RUNTIME.is_file():
        pytest.fail("node_modules/scorm-again is missing: run `npm ci` at the repository root first", pytrace=False)
    root = tmp_path_factory.mktemp("lms")
    course = with_picture(make_course(None, root / "course"))
    with zipfile.ZipFile(export(course, root / "mini-scorm.zip", "--format", "scorm12")) as z:
        z.extractall(root / "pkg")
    shutil.copy(RUNTIME, root / "scorm12.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    return root


def launch(browser, base: str, sco: str, cmi: dict | None = None):
    """Open the LMS page (anew: a new runtime) and launch `sco` in its frame with `cmi`."""
    browser.switch_to.default_content()
    browser.get(base + "lms.html")
    browser.execute_script("launch(arguments[0], arguments[1])", cmi, base + sco)
    frame = browser.find_element(By.ID, "sco")
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script(
            "var d = arguments[0].contentDocument; return d && d.readyState === 'complete' && "
            "d.location.href.indexOf('pkg/') > 0 && d.querySelector('.hvs-actions') !== null",
            frame,
        )
    )
    browser.switch_to.frame(frame)


def recorded(browser) -> dict:
    browser.switch_to.default_content()
    values = browser.execute_script("return recorded()")
    browser.switch_to.frame(browser.find_element(By.ID, "sco"))
    return values


def leave(browser):
    """The learner leaves the SCO (the LMS unloads its frame): pagehide."""
    browser.switch_to.default_content()
    browser.execute_script("document.getElementById('sco').src = 'about:blank'")
    WebDriverWait(browser, 10).until(lambda b: "LMSFinish" in b.execute_script("return recorded().calls"))


def test_a_sco_reports_score_and_status_and_keeps_its_answers_in_suspend_data(browser, lms_root):
    with serve(lms_root) as base:
        launch(browser, base, SCO)
        answer_all(browser, right=False)
        wrong = recorded(browser)
        assert (wrong["raw"], wrong["min"], wrong["max"], wrong["status"]) == ("0", "0", "100", "failed")
        launch(browser, base, SCO)  # another learner, or a new attempt: nothing carried over
        assert not any(results(browser).values())
        answer_all(browser, right=True)
        right = recorded(browser)
        assert (right["raw"], right["status"]) == ("100", "passed")
        assert 0 < len(right["suspend_data"]) <= LIMIT
        # the answers live in the LMS, not in this browser (a shared computer, another learner)
        assert browser.execute_script("return localStorage.getItem(arguments[0])", KEY) is None
        shots = os.environ.get("HVS_SHOTS")
        if shots:  # the SCO in the LMS's frame, its score shown
            browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.CSS_SELECTOR, ".hvs-score"))
            browser.switch_to.default_content()
            browser.execute_script("show()")
            browser.save_screenshot(str(Path(shots) / "scorm-again-playing.png"))
        leave(browser)
        left = browser.execute_script("return recorded()")
        assert left["exit"] == "suspend" and left["calls"][0] == "LMSInitialize" and left["calls"][-1] == "LMSFinish"
        assert left["session_time"].count(":") == 2 and "LMSCommit" in left["calls"]
        if shots:
            browser.execute_script("show()")
            browser.save_screenshot(str(Path(shots) / "scorm-again-recorded.png"))

        # launched again with what the LMS kept: every answer back, nothing read from localStorage
        launch(browser, base, SCO, {"suspend_data": left["suspend_data"]})
        assert results(browser) == ALL_RIGHT
        assert q(browser, "mk-text").find_element(By.TAG_NAME, "input").get_attribute("value") == "mat khau mot lan"
        assert browser.find_element(By.CSS_SELECTOR, ".hvs-quiz").get_attribute("data-passed") == "true"
        assert recorded(browser)["status"] == "passed"


# Every question answered as long as it gets: all options, 59 characters of text, every pair.
ANSWER_EVERYTHING = """
var text = new Array(60).join('ư');
document.querySelectorAll('.hvs-q').forEach(function (q) {
  var type = q.getAttribute('data-type'), inputs = q.querySelectorAll('.hvs-choices input');
  if (type === 'multiple') inputs.forEach(function (i) { i.checked = true; });
  if (type === 'single' || type === 'true_false') inputs[inputs.length - 1].checked = true;
  if (type === 'short_text') inputs[0].value = text;
  q.querySelectorAll('select').forEach(function (s) { s.value = s.options[s.options.length - 1].value; });
  q.querySelector('.hvs-actions button').click();
});
return document.querySelectorAll('.hvs-q[data-result]').length;
"""


def suspend_data_of_everything_answered(browser, base: str, sco: str) -> tuple[int, str]:
    launch(browser, base, sco)
    answered = browser.execute_script(ANSWER_EVERYTHING)
    return answered, recorded(browser)["suspend_data"]


def test_worst_case_suspend_data_of_the_starter_course_longest_quiz_fits(browser, tmp_path):
    from generator.loader import Project, load

    course = load(Project(ROOT)).course
    # the most questions, then the most typed answers (the longest records)
    longest = max(
        (x for x in course.lessons if x.quiz),
        key=lambda x: (len(x.quiz.questions), sum(q.type == "short_text" for q in x.quiz.questions)),
    )
    with zipfile.ZipFile(export(ROOT, tmp_path / "l.zip", "--format", "scorm12", "--lesson", longest.source)) as z:
        z.extractall(tmp_path / "pkg")
    shutil.copy(RUNTIME, tmp_path / "scorm12.js")
    (tmp_path / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    with serve(tmp_path) as base:
        answered, data = suspend_data_of_everything_answered(browser, base, "pkg/" + longest.page[:-3] + ".html")
        restored = data
        launch(browser, base, "pkg/" + longest.page[:-3] + ".html", {"suspend_data": data})
        again = len(results(browser)) and sum(1 for v in results(browser).values() if v)
    assert answered == len(longest.quiz.questions) and again == answered
    assert len(data) <= LIMIT
    print(f"\nworst case, {longest.page} ({answered} questions): {len(restored)} characters")


def test_worst_case_suspend_data_of_a_40_question_quiz_fits(browser, tmp_path):
    course = make_course(None, tmp_path / "course")
    quiz = {
        "title": "Bốn mươi câu",
        "pass_mark": 80,
        "questions": [
            {
                "id": f"dai-{n}",
                "type": "short_text",
                "prompt": f"Câu số {n}: gõ chữ OTP.",
                "accept": ["OTP"],
                "explanation": "OTP là mật khẩu một lần.",
            }
            for n in range(40)
        ],
    }
    (course / "quizzes/4-an-toan/01-mat-khau.yml").write_text(
        yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8"
    )
    with zipfile.ZipFile(export(course, tmp_path / "l.zip", "--format", "scorm12", "--area", "4")) as z:
        z.extractall(tmp_path / "pkg")
    shutil.copy(RUNTIME, tmp_path / "scorm12.js")
    (tmp_path / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    with serve(tmp_path) as base:
        answered, data = suspend_data_of_everything_answered(browser, base, SCO)
        launch(browser, base, SCO, {"suspend_data": data})
        back = results(browser)
        typed = q(browser, "dai-39").find_element(By.TAG_NAME, "input").get_attribute("value")
    assert answered == 40 and len(back) == 40 and all(v == "incorrect" for v in back.values())
    assert typed == "ư" * 59
    assert len(data) <= LIMIT
    print(f"\nworst case, 40 questions: {len(data)} characters")


def test_an_answer_too_long_for_suspend_data_keeps_its_result_without_the_text(browser, lms_root):
    with serve(lms_root) as base:
        launch(browser, base, SCO)
        q(browser, "mk-text").find_element(By.TAG_NAME, "input").send_keys("mật khẩu ; % " * 30)
        q(browser, "mk-text").find_element(By.CSS_SELECTOR, ".hvs-actions button").click()
        data = recorded(browser)["suspend_data"]
        launch(browser, base, SCO, {"suspend_data": data})
        assert results(browser)["mk-text"] == "incorrect"
        assert q(browser, "mk-text").find_element(By.TAG_NAME, "input").get_attribute("value") == ""


# LMSs that are odd: the page must work as on the site, answers in localStorage, no dialog.
ODD_APIS = {
    "initialize_refused": "window.API = {LMSInitialize: function () { return 'false'; }};",
    "throws": "window.API = {LMSInitialize: function () { throw new Error('odd'); }};",
    # Kolibri's bridge: a SCORM 1.2 API without cmi.suspend_data
    "no_suspend_data": """window.seen = {}; window.API = {
      LMSInitialize: function () { return 'true'; }, LMSFinish: function () { return 'true'; },
      LMSCommit: function () { return 'true'; }, err: 0,
      LMSGetValue: function (k) { this.err = k === 'cmi.suspend_data' ? 201 : 0; return ''; },
      LMSSetValue: function (k, v) { if (k === 'cmi.suspend_data') { this.err = 201; return 'false'; } seen[k] = v; return 'true'; },
      LMSGetLastError: function () { return this.err; }};""",
    "set_refused": """window.seen = {}; window.API = {
      LMSInitialize: function () { return 'true'; }, LMSFinish: function () { return 'true'; },
      LMSCommit: function () { return 'true'; }, LMSGetLastError: function () { return '0'; },
      LMSGetValue: function () { return ''; },
      LMSSetValue: function (k, v) { if (k === 'cmi.suspend_data') return 'false'; seen[k] = v; return 'true'; }};""",
}


@pytest.mark.parametrize("odd", sorted(ODD_APIS))
def test_an_odd_lms_leaves_the_page_on_local_storage_without_a_word(browser, lms_root, odd):
    page = (
        "<!DOCTYPE html><meta charset=utf-8><title>odd</title><script>window.dialogs = 0;"
        "window.alert = window.confirm = function () { dialogs++; };" + ODD_APIS[odd] + "</script>"
        '<iframe id="sco" style="width:100%;height:500px"></iframe>'
    )
    (lms_root / f"odd-{odd}.html").write_text(page, encoding="utf-8")
    with serve(lms_root) as base:
        browser.get(base + f"odd-{odd}.html")
        browser.execute_script("document.getElementById('sco').src = arguments[0]", base + SCO)
        frame = browser.find_element(By.ID, "sco")
        WebDriverWait(browser, 20).until(
            lambda b: b.execute_script(
                "var d = arguments[0].contentDocument; return d && d.querySelector('.hvs-actions') !== null", frame
            )
        )
        browser.switch_to.frame(frame)
        answer_all(browser, right=True)
        assert results(browser) == ALL_RIGHT
        kept = json.loads(browser.execute_script("return localStorage.getItem(arguments[0])", KEY))
        assert set(kept["q"]) == set(ALL_RIGHT)
        assert browser.find_elements(By.CSS_SELECTOR, ".hvs-storage-note") == []
        browser.switch_to.default_content()
        assert browser.execute_script("return dialogs") == 0
        if odd in ("no_suspend_data", "set_refused"):
            seen = browser.execute_script("return seen")
            assert (seen["cmi.core.score.raw"], seen["cmi.core.lesson_status"]) == ("100", "passed")


def test_the_kolibri_app_of_a_lesson_opens_from_file_and_works(browser, tmp_path):
    course = with_picture(make_course(None, tmp_path / "course"))
    with zipfile.ZipFile(
        export(course, tmp_path / "k.zip", "--format", "kolibri", "--lesson", "content/4-an-toan/01-mat-khau.md")
    ) as z:
        assert z.namelist()[0] == "index.html"
        z.extractall(tmp_path / "app")
    browser.get((tmp_path / "app" / "index.html").as_uri())
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".hvs-actions"))
    assert (
        browser.execute_script("return document.querySelector('img') && document.querySelector('img').naturalWidth") > 0
    )
    answer_all(browser, right=True)
    assert results(browser) == ALL_RIGHT
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-quiz").get_attribute("data-passed") == "true"


def test_the_kolibri_app_of_an_area_opens_from_file_and_works(browser, tmp_path):
    course = make_course(None, tmp_path / "course")
    with zipfile.ZipFile(export(course, tmp_path / "k.zip", "--format", "kolibri", "--area", "4")) as z:
        assert z.namelist() == ["index.html"]
        z.extractall(tmp_path / "app")
    browser.get((tmp_path / "app" / "index.html").as_uri())
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".hvs-actions"))
    answer_all(browser, right=True)
    assert results(browser) == ALL_RIGHT
