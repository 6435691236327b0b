"""The search index built at build time (generator/search.py) and the lighter site after the
build (generator/slim.py, generator/cssprune.py): plain Python, no browser."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest

from generator import cssprune, search, slim


def _call(script: str) -> tuple[str, object]:
    """(name, data) of one file of the index: `hvsSearchData("name",data);`."""
    prefix = f"{search.CALLBACK}("
    assert script.startswith(prefix) and script.endswith(");\n")
    name, _, data = script[len(prefix) : -3].partition(",")
    return json.loads(name), json.loads(data)


# --- folding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["thanh toán", "THANH TOÁN", "Thanh Toán", "thanh toan", unicodedata.normalize("NFD", "thanh toán")]
)
def test_case_and_diacritics_fold_to_the_same_tokens(text):
    assert search.tokens(text) == ["thanh", "toan"]


def test_every_vietnamese_letter_folds_to_its_base_letter():
    assert search.fold("ĐƯỜNG đi Ở ẤP Ơ Ữ ỹ ặ ộ") == "duong di o ap o u y a o"


def test_tokens_are_letters_and_digits_only():
    assert search.tokens("Mã OTP: 6 số, gửi qua SMS/Zalo — đừng đọc!") == [
        "ma",
        "otp",
        "6",
        "so",
        "gui",
        "qua",
        "sms",
        "zalo",
        "dung",
        "doc",
    ]


# --- posting lists -----------------------------------------------------------------------------


def test_sparse_lists_are_base36_gaps_and_dense_lists_are_bitmaps():
    assert search.encode_postings([3, 5, 40]) == "3.2.z"
    dense = search.encode_postings(range(0, 60))
    assert dense == "~" + "_" * 10
    assert search.decode_postings(dense) == list(range(60))


def test_postings_round_trip():
    rng = random.Random(4)
    for _ in range(300):
        ids = sorted(rng.sample(range(700), rng.randint(0, 500)))
        assert search.decode_postings(search.encode_postings(ids)) == ids


# --- the index ---------------------------------------------------------------------------------


def _index() -> search.SearchIndex:
    index = search.SearchIndex()
    index.add_page(
        "2-giao-tiep/01-qr.html",
        "Thanh toán bằng mã QR",
        "Giao tiếp",
        "<h2>Quét mã</h2><p>Quét mã rồi <strong>thanh toán</strong>.</p>"
        '<img src="a.svg" alt="Màn hình xác nhận">'
        "<script>var bimat = 1;</script><style>.an{}</style>",
        lead=["Trả tiền nhanh."],
    )
    index.add_page("4-an-toan/01-mk.html", "Mật khẩu", "An toàn", "<p>Giữ mật khẩu an toàn.</p>")
    return index


def _entries(index: search.SearchIndex, pairs: bool = False) -> dict[str, list[list[int]]]:
    out = {}
    for entry in index.entries(pairs):
        term, *fields = entry.split("|")
        out[term] = [search.decode_postings(f) for f in fields] + [[]] * (3 - len(fields))
    return out


def test_a_page_is_listed_under_the_strongest_field_that_has_the_word():
    words = _entries(_index())
    assert words["thanh"] == [[0], [], []]  # title (and body): title only
    assert words["quét"] == [[], [0], []]  # a heading: the lead
    assert words["nhanh"] == [[], [0], []]  # the summary: the lead
    assert words["khẩu"] == [[1], [], []]
    assert words["an"] == [[], [], [1]]  # body only
    assert words["xác"] == [[], [], [0]]  # an image's text


def test_terms_keep_their_diacritics_and_sort_by_their_folded_form():
    index = search.SearchIndex()
    index.add_page("a.html", "Chuyện tiền", "X", "<p>Chuyển tiền. Chuyen tien.</p>")
    words = _entries(index)
    assert list(words) == ["chuyen", "chuyển", "chuyện", "tien", "tiền"]
    assert words["chuyện"] == [[0], [], []] and words["chuyển"] == [[], [], [0]]
    pairs = _entries(index, pairs=True)
    assert list(pairs) == ["chuyen tien", "chuyển tiền", "chuyện tiền", "tiền chuyen"]


def test_pairs_are_adjacent_words_in_order_within_a_field():
    index = search.SearchIndex()
    index.add_page("a.html", "Mật khẩu", "X", "<h2>Đổi mật</h2><p>khẩu mới</p>", lead=["Giữ kỹ"])
    assert set(_entries(index, pairs=True)) == {"mật khẩu", "giữ kỹ", "kỹ đổi", "đổi mật", "khẩu mới"}


def test_scripts_and_styles_are_not_indexed():
    assert "bimat" not in _entries(_index())
    assert "bimat" not in _index().texts[0]


def test_the_files_call_back_with_their_data_and_the_head_lists_the_shards(monkeypatch):
    monkeypatch.setattr(search, "SHARD_BYTES", 40)
    index = _index()
    files = {
        _call(script)[0]: _call(script)[1] for script in index.files(messages={"none": "Không có “{query}”"}).values()
    }
    head = files["head"]
    assert head["v"] == 2 and head["n"] == 2 and head["msg"] == {"none": "Không có “{query}”"}
    assert head["areas"] == ["Giao tiếp", "An toàn"]
    assert len(head["w"]) > 3 and len(head["p"]) > 3  # small shards: many of them
    for kind in "wp":
        entries = [e for n in range(len(head[kind])) for e in files[f"{kind}{n}"]]
        assert entries == index.entries(pairs=kind == "p")  # the shards, in order, are every entry
        assert head[kind] == [search.fold(files[f"{kind}{n}"][0].split("|")[0]) for n in range(len(head[kind]))]
    assert files["d0"] == [
        "2-giao-tiep/01-qr.html",
        "Thanh toán bằng mã QR",
        0,
        "Trả tiền nhanh. Quét mã — Quét mã rồi thanh toán.",
    ]
    assert files["d1"] == ["4-an-toan/01-mk.html", "Mật khẩu", 1, "Giữ mật khẩu an toàn."]


def test_a_long_page_keeps_the_beginning_of_its_text_for_snippets():
    index = search.SearchIndex()
    index.add_page("a.html", "A", "X", "<p>" + "chuyển tiền " * 1000 + "</p>")
    assert len(index.texts[0]) <= search.MAX_TEXT and index.texts[0].endswith("tiền")


def test_line_separators_cannot_end_the_script_early():
    index = search.SearchIndex()
    index.add_page("a.html", "A\u2028B", "X", "")
    assert all("\u2028" not in script for script in index.files().values())
    assert "\\u2028" in index.files()[f"{search.SHARD_FOLDER}d0.js"]


def test_the_version_changes_with_the_content():
    a, b = _index().files(), search.SearchIndex().files()
    assert search.version(a) == search.version(_index().files()) != search.version(b)


# --- stylesheet pruning ------------------------------------------------------------------------


def test_rules_for_classes_no_page_uses_are_dropped():
    css = (
        '@charset "utf-8";:root{--c:red}a{color:var(--c)}.used,.unused{x:1}.unused .used{x:2}'
        ".used:not(.unused){x:3}.used:is(.unused,.x){x:4}@media screen{.unused{x:5}.used{x:6}}"
        '@media print{.unused{x:7}}@font-face{font-family:f}.used:before{content:"{.unused}"}'
        '[data-x=".unused"]{x:8}'
    )
    assert cssprune.prune(css, {"used"}) == (
        '@charset "utf-8";:root{--c:red}a{color:var(--c)}.used{x:1}.used:not(.unused){x:3}'
        ".used:is(.unused,.x){x:4}@media screen{.used{x:6}}@font-face{font-family:f}"
        '.used:before{content:"{.unused}"}[data-x=".unused"]{x:8}'
    )


def test_pruning_with_every_class_changes_nothing_in_materials_stylesheet():
    from pathlib import Path

    import material

    (sheet,) = (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
    css = sheet.read_text(encoding="utf-8")
    every = set(cssprune._SELECTOR_CLASS.findall(css))
    assert cssprune.prune(css, every) == css


def test_classes_come_from_class_attributes_and_from_scripts():
    assert cssprune.classes_in_html('<p class="a  b"><i class=c></i><b data-class="d">') == {"a", "b", "c"}
    assert cssprune.classes_in_script('el.className = "md-search-result__item hvs-x"; var md = 1;') == {
        "md-search-result__item",
        "hvs-x",
    }


# --- compact pages -----------------------------------------------------------------------------


def test_indentation_between_tags_becomes_one_line_break_and_nothing_else_changes():
    html = (
        '<ul>\n    <li>\n      <a href="x" title="a\n   b">Mật  khẩu\n   OTP</a>\n    </li>\n  </ul>'
        "<pre>\n   <code>x\n  </code>\n  </pre>\n  <textarea>\n  </textarea>\n"
        '  <script>\n  var a = "<b>\n  </b>";\n  </script> <b>x</b>  <i>y</i>'
    )
    assert slim.compact_html(html) == (
        '<ul>\n<li>\n<a href="x" title="a\n   b">Mật  khẩu\n   OTP</a>\n</li>\n</ul>'
        "<pre>\n   <code>x\n  </code>\n  </pre>\n<textarea>\n  </textarea>\n"
        '<script>\n  var a = "<b>\n  </b>";\n  </script> <b>x</b>  <i>y</i>'
    )


def test_the_sites_stylesheet_drops_other_directions_palettes_elements_and_unread_properties():
    css = (
        ":root{--used:1;--chain:var(--deep);--deep:2;--unread:url('data:x;y')}[dir=rtl] .a{x:1}.a{c:var(--used)}"
        "[data-md-color-primary=red]{--p:1}[data-md-color-primary=indigo]{x:2}.a:not([dir=rtl]){x:3}"
        ".a kbd{x:4}.a p{x:5}.b{y:var(--chain)}"
    )
    pruned = cssprune.prune(css, {"a"}, {("data-md-color-primary", "indigo")}, {"p"})
    assert pruned == (
        ":root{--used:1;--chain:var(--deep);--deep:2;--unread:url('data:x;y')}.a{c:var(--used)}"
        "[data-md-color-primary=indigo]{x:2}.a:not([dir=rtl]){x:3}.a p{x:5}"
    )
    assert cssprune.drop_unused_properties(pruned) == (
        ":root{--used:1}.a{c:var(--used)}[data-md-color-primary=indigo]{x:2}.a:not([dir=rtl]){x:3}.a p{x:5}"
    )
    # a property a script reads stays; every class but the listed ones
    assert "--unread" in cssprune.drop_unused_properties(pruned, "getPropertyValue('--unread')")
    assert cssprune.prune(".a{x:1}.ws{x:2}", cssprune.Except({"ws"})) == ".a{x:1}"
