"""The HTML reader's per-element labels (kit/readers/html_blocks.py): one pass, same answers as
walking every ancestor, and a deeply nested page with many blocks read in linear time.

The oracle is the ancestor walk the reader used before (written out again here): for random
pages, :class:`NodeLabels` must agree with it on every element. ``pytest-timeout`` is the hang
guard for the large page (depth x blocks was 60 x 6,000 ancestor steps per label question).
"""
from __future__ import annotations

import random

import lxml.html
import pytest

from kit.readers import REGISTRY, ReadOptions
from kit.readers.html_blocks import _BYLINE_WORDS, _FURNITURE_ROLES, _FURNITURE_TAGS, _FURNITURE_WORDS, NodeLabels
from kit.schema import Article


def _chain(el):
    yield el
    yield from el.iterancestors()


def _words(el) -> set[str]:
    out = set()
    for attr in ("class", "id", "itemprop", "rel", "data-component", "data-type"):
        for w in (el.get(attr) or "").replace("_", " ").replace("-", " ").split():
            out.add(w.lower())
    return out


def _oracle_furniture(el) -> bool:
    if _words(el) & _FURNITURE_WORDS:
        return True
    for a in _chain(el):
        tag = a.tag.lower()
        if tag in ("article", "body", "html"):
            return False
        if tag in _FURNITURE_TAGS or (a.get("role") or "").lower() in _FURNITURE_ROLES:
            return True
    return False


def _oracle_byline(el) -> bool:
    for a in _chain(el):
        if a.tag.lower() in ("article", "body", "main"):
            return False
        if _words(a) & _BYLINE_WORDS:
            return True
    return False


_TAGS = ["div", "section", "nav", "aside", "footer", "article", "figure", "figcaption", "main", "span", "p", "header"]
_ATTRS = ["", " class='story'", " class='share-bar'", " class='author-box'", " role='navigation'", " id='main_content'",
          " class='byline'", " role='complementary'"]


def _random_page(rng: random.Random, depth: int) -> str:
    def el(d: int) -> str:
        if d == 0:
            return "text"
        tag = rng.choice(_TAGS)
        inner = "".join(el(d - 1) for _ in range(rng.randint(1, 2)))
        return f"<{tag}{rng.choice(_ATTRS)}>{inner}</{tag}>"

    return f"<html><body>{el(depth)}</body></html>"


@pytest.mark.parametrize("seed", range(8))
def test_labels_from_one_pass_equal_the_ancestor_walk(seed):
    root = lxml.html.document_fromstring(_random_page(random.Random(seed), 9))
    labels = NodeLabels(root)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        assert labels.is_furniture(el) == _oracle_furniture(el), lxml.html.tostring(el)[:80]
        assert labels.in_byline(el) == _oracle_byline(el)
        expected = {a.tag for a in _chain(el) if a.tag in ("article", "figure", "figcaption")}
        assert labels.ancestors(el) == expected


def test_an_element_of_another_tree_is_labelled_on_demand():
    labels = NodeLabels(lxml.html.fromstring("<div><p>one</p></div>"))
    other = lxml.html.fromstring("<html><body><nav><ul><li>Home</li></ul></nav></body></html>")
    li = next(other.iter("li"))
    assert labels.is_furniture(li) and not labels.ancestors(li)


@pytest.mark.timeout(300)
def test_a_deeply_nested_page_with_thousands_of_blocks_is_labelled_right():
    # 60 levels (below the 64 the reader flattens at), then 3,000 story paragraphs, a nav box and a
    # figure caption at the bottom of the nesting
    depth = 60
    paras = "".join(f"<p>Paragraph {i} of the story says the delegation discussed item {i} at length.</p>"
                    for i in range(3_000))
    page = ("<html><head><title>Officials Meet</title></head><body><article><h1>Officials Meet</h1>"
            + "<div class='wrap'>" * depth + paras
            + "<nav><p>Home World Politics Business</p></nav>"
            + "<figure><img src='a.jpg'><figcaption>The delegation on Monday. Photo: Ana Fictional</figcaption></figure>"
            + "</div>" * depth + "</article></body></html>").encode()
    out = list(REGISTRY["html"].func(page, "deep.html", ReadOptions()))
    art = next(x for x in out if isinstance(x, Article))
    roles = dict((t, r) for r, t in art.paragraphs)
    assert sum(r == "body" for r, _ in art.paragraphs) == 3_000
    assert roles["Home World Politics Business"] == "boilerplate"
    assert roles["The delegation on Monday. Photo: Ana Fictional"] == "caption"


def test_flattening_markup_keeps_text_scripts_comments_and_stray_end_tags():
    from kit.readers.html_blocks import flatten_deep_markup

    deep = "<div>" * 100 + "<p>Deep <b>text</b>.</p><script>if (a<b) {x = '<div>'}</script><!-- <div> -->" + "</div>" * 100
    page = f"<html><body></span>{deep}</div></body></html>"
    flat, deepest = flatten_deep_markup(page, max_depth=10, keep={"p"})
    assert deepest == 104  # html, body, 100 divs, p, b (the stray </span> opens nothing)
    assert flat.count("<div>") == 8 + 2  # 8 levels kept (html, body, 8 divs), plus the two inside script and comment
    assert "<p>Deep text.</p>" in flat and "<script>if (a<b) {x = '<div>'}</script>" in flat
    assert "<!-- <div> -->" in flat
    parsed = lxml.html.document_fromstring(flat)
    assert " ".join(parsed.text_content().split()).startswith("Deep text.")
