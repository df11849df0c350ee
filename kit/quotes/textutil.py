"""Small text helpers: sentence starts, words, mentions."""
from __future__ import annotations

import re
from typing import Iterator

from kit.quotes.words import _UP  # noqa: F401 (re-exported, or used by this module)
from kit.text.sentence_split import sentence_spans


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included): the text layer's splitter
    (:func:`kit.text.sentence_spans`, one definition of a sentence for the kit; it is the
    splitter the quotes module had, moved there)."""
    return [0] + [s for s, _ in sentence_spans(text)[1:]]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_SPACES = re.compile(r"\s+")


def _clean_mention(s: str) -> str:
    s = s.strip(" ,;:—–-\n\t\"“”'’")
    s = _SPACES.sub(" ", s)
    return s


def _is_title_token(tok: str) -> bool:
    """A title or its plural ('Senators Rubio and Cruz', 'Professors Foner').

    >>> _is_title_token("Sen."), _is_title_token("Senators"), _is_title_token("Hayes")
    (True, True, False)
    """
    low = tok.lower().rstrip(".")
    return low in _TITLE_WORDS or (len(low) > 4 and low.endswith("s") and low[:-1] in _TITLE_WORDS)


#: A lower-case word in -ly.
_LY_WORD = re.compile(r"[a-z]+ly")


def _ly_adverb(word: str) -> bool:
    """An adverb in -ly, which is no name and no head noun: a lower-case word ending in 'ly' that is
    not a noun in -ly (rule LY_NOUN, ``_LY_NOUNS``: 'the US daily said', 'a longtime ally'). The one
    test of an -ly adverb for ``attribution._clean_np`` (trailing words of a subject) and
    ``resolution`` (rule CAPITALISED_DESCRIPTION's head, rule CLAUSE_IN_MENTION's trailing adverbs).

    >>> _ly_adverb("repeatedly"), _ly_adverb("daily"), _ly_adverb("ally"), _ly_adverb("Kelly")
    (True, False, False, False)
    """
    return _LY_WORD.fullmatch(word) is not None and word not in _LY_NOUNS


def _tok_list(run: str) -> list[str]:
    return run.split()


#: Where a capitalised run may begin: a capital or a digit (the first character of every name word,
#: ``words._TOK``) that no word character and no full stop precedes. The pattern opens on a
#: character class (the look-behind comes after it), so ``re`` skips to the candidates at C speed.
_RUN_OPENER = re.compile(rf"[{_UP}\d](?<![\w.][{_UP}\d])")


def _run_starts(art) -> list[int]:
    """Every position of ``art.text`` where a run of ``words._CAP_RUN`` or ``words._ORG_RUN`` may
    begin (both open on a name word that no word character and no full stop precedes), in order.
    The per-article index of :func:`_cap_runs`: built by the first scan of an article (people or
    organisations) and kept in ``art.cache["run_starts"]`` for the other.

    >>> from kit.quotes.entities import _Article
    >>> _run_starts(_Article(doc_id=1, paras=[], text="Ann met U.S. envoys in 2019, McRae said."))
    [0, 8, 23, 29]
    """
    starts = art.cache.get("run_starts")
    if starts is None:
        starts = art.cache["run_starts"] = [m.start() for m in _RUN_OPENER.finditer(art.text)]
    return starts


def _cap_runs(rx: re.Pattern, art) -> Iterator[re.Match]:
    """The matches of ``rx.finditer(art.text)`` for a pattern that only matches at one of
    :func:`_run_starts` (``words._CAP_RUN``, ``words._ORG_RUN``), found faster: ``rx`` is tried
    at the candidate starts only, never at the many positions in between, where its leading
    look-behind would be tested in vain. Same spans, same groups, same order.

    >>> from kit.quotes.entities import _Article
    >>> from kit.quotes.words import _CAP_RUN
    >>> art = _Article(doc_id=1, paras=[], text="Sen. Ann Roe met the Harbor Board in Kestrel.")
    >>> [m.group(0) for m in _cap_runs(_CAP_RUN, art)] == [m.group(0) for m in _CAP_RUN.finditer(art.text)]
    True
    """
    text = art.text
    match = rx.match
    end = -1
    for pos in _run_starts(art):
        if pos < end:
            continue  # inside the run found last: finditer goes on from its end
        m = match(text, pos)
        if m is not None:
            end = m.end()
            yield m


# used inside functions only: imported last, so that the modules may refer to each other
from kit.quotes.words import _LY_NOUNS, _TITLE_WORDS, _WORD  # noqa: E402,F401 (imported last, as the modules refer to each other)
