"""The text layer: sentences, news-aware tokens, stopwords, stems and n-grams.

One tokenizer serves every analysis of the kit (counts, keyness, KWIC, dictionaries, quotes), so
numbers agree across reports. Everything here works without NLTK data; NLTK's stopword list is
used when it is installed.

Tokenizer rules
---------------
A *token* is a span of the text; its *term* is the normalised form that gets counted. Tokens are
found by one regular expression (:data:`TOKEN_PATTERN`), tried in this order at each position:

1. **URLs** starting ``http://``, ``https://`` or ``www.`` stay whole (trailing ``.,;:!?`` dropped).
   Term: unchanged.
2. **@handles and #hashtags** stay whole, with a possessive (``#MeToo's``). Term: lower case,
   possessive removed (``#Taiwan`` -> ``#taiwan``, ``@nytimes’s`` -> ``@nytimes``).
3. **E-mail addresses** stay whole (``press.office@state.gov``, ``j.smith@state.gov``); term
   lower case. The part before the ``@`` is at most 64 characters (RFC 5321's limit).
4. **Dotted abbreviations** of single letters (``U.S.``, ``U.K.``, ``a.m.``, ``U.S``) keep their
   periods, may carry a hyphenated tail (``U.S.-China``) and a possessive (``U.S.'s``), and must
   end at a word boundary (``e.coli`` is ``e`` and ``coli``, never ``e.c`` and ``oli``).
5. **Numbers** keep inner separators: ``1,000``, ``3.5``, ``10:30``, ``1/2``; a **mixed number**
   (a whole number of one or two digits, a space, a fraction of one- or two-digit numbers:
   ``7 1/2``, ``12 3/16``) is one token with a space, while ``2019 1/3`` is two tokens; attached
   letters or hyphenated tails stay: ``1990s``, ``3rd``, ``3.5bn``, ``19-year-old``. A currency
   sign or ``%`` is not part of the token.
6. **Words**: letters/digits joined by inner hyphens and apostrophes (``high-stakes``,
   ``China-US``, ``China-U.S.``, ``O'Brien``, ``don't``). The en dash and em dash are punctuation
   (ranges such as ``2019–2020``), so ``China–US`` is two tokens.
   Underscores alone (``___``, separator lines of exported copy) are not a word.

Punctuation and symbols are never tokens. Term normalisation (:func:`normalise_term`):

- Typographic apostrophes (’ ‘ ʼ) become ``'`` and the Unicode hyphen ‐ becomes ``-``, so
  ``China’s`` and ``China's`` are the same.
- **Possessives count for their noun**: a final ``'s`` or ``'S`` is removed (``China’s``,
  ``CHINA'S`` -> ``china``; ``WHO’s`` -> ``WHO``), and a plural possessive ``officials'`` is
  tokenized as ``officials``. Contractions that are not possessives (``it's``, ``he's``,
  ``that's``, ``let's``, ..., also in capitals: ``IT'S``) are kept as they are; an acronym in
  capitals followed by a lower-case ``'s`` (``WHO's``, ``IT's``) is always a possessive.
- **Lower-casing keeps acronyms apart where it matters**: only the acronyms of
  :data:`ACRONYMS` (``US``, ``WHO``, ``IT``, ``IS``: their lower-case forms are function words)
  keep their capitals, so they never merge with the pronouns and are never removed as stopwords.
  Every other word is lower-cased, headlines in capitals included (``NATO`` -> ``nato``,
  ``THE TALKS`` -> ``the talks``).
- **U.S. merging** (``merge_us=True``, the default): ``U.S.``, ``U.S``, ``US``, ``U.S.A.``,
  ``U.S.A`` and ``USA`` all give the term ``US``. With ``merge_us=False``, ``U.S.`` gives
  ``u.s.``, ``USA`` gives ``usa`` and ``US`` stays ``US``.
- **Hyphenated compounds** are one token whose parts are normalised one by one and joined by ``-``:
  ``China-US`` -> ``china-US``, ``U.S.-China`` -> ``US-china``, ``high-stakes`` -> ``high-stakes``.
  With ``split_hyphens=True`` each part becomes its own token (with its own offsets).
- Other dotted abbreviations are lower-cased with their periods (``U.K.`` -> ``u.k.``).

Options (the same keywords in :func:`tokenize`, :func:`tokens` and the counting functions of
:mod:`kit.terms`): ``stopwords`` (``None`` keeps everything; ``"english"`` is NLTK's list plus
:data:`NEWS_STOPWORDS` (the pronoun ``us``, missing from NLTK's list) when NLTK's list is
installed, otherwise the kit's own list; ``"kit"`` is always the kit's list
``kit/resources/stopwords_en.txt``; ``"nltk"`` is NLTK's list unchanged; or any iterable of
terms). :func:`tokenize` keeps every token by default (``stopwords=None``: it is the raw layer
that KWIC, dictionaries and quotes build on), while :func:`tokens` and the counting functions of
:mod:`kit.terms` leave out ``"english"`` stopwords by default (frequency tables are what they are
for), ``min_length`` (minimum number of
characters in a term), ``stem`` (NLTK's Snowball English stemmer, applied to lower-case alphabetic
terms only, so ``US`` and numbers are never stemmed), ``merge_us``, ``split_hyphens`` and, in
:func:`tokenize`, ``ngrams`` (n-grams of consecutive tokens; an n-gram that contains a removed
token is dropped, so no n-gram bridges a stopword).

Sentences
---------
:func:`sentences` (in :mod:`kit.text.sentence_split`) splits each body paragraph with the kit's one
sentence splitter (also :func:`sentence_spans` for one string, and the quotes' sentences): a
sentence ends at ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) followed by white
space and a capital letter or digit, perhaps after opening quotes (``''`` included). A period after
an abbreviation (:data:`ABBREVIATIONS`: titles such as ``Mr.``, ``Sen.``, ``Gen.``, months, weekdays,
``U.S.``-style abbreviations) or an initial (``John F. Kennedy``) does not end a sentence unless a
usual sentence starter follows (:data:`SENTENCE_STARTERS`, so ``... in the U.S. The talks`` splits);
``No.`` does not end one before a number (``No. 1``). No NLTK data is needed, and the rules are one
linear pass. Sentences never cross paragraphs and start at their first character that is not white
space; a piece starting with a lower-case letter is never a sentence of its own (``“Go!” she said.``
is one sentence). Known limit: after a dotted abbreviation a capitalised word other than the usual
sentence starters does not start a sentence (``in the U.K. Officials said`` stays one sentence),
because ``U.S. Trade Representative`` and the like are as common.

Pathological text (a token over 1,000 characters, a paragraph over 100,000, a sentence over
10,000) is kept and counted in full but processed in bounded windows: see :mod:`kit.text.windows`.

Modules
-------
:mod:`kit.text.pattern` (the token pattern), :mod:`kit.text.normalise` (terms and stems),
:mod:`kit.text.stoplists` (stopwords), :mod:`kit.text.options` (:class:`TokenOptions`),
:mod:`kit.text.scan` (:func:`find_tokens`), :mod:`kit.text.counting` (:func:`count_words`),
:mod:`kit.text.tokenizer` (:func:`tokenize`, :func:`tokens`, :func:`ngrams`),
:mod:`kit.text.sentence_split` (sentences) and :mod:`kit.text.windows` (bounded windows). Everything
is used from ``kit.text``; the private names other modules of the kit use are re-exported here too.
"""
# ruff: noqa: F401  (a front of re-exports: the private names are those other modules and tests use)
from __future__ import annotations

from kit.text.counting import _MANY_BATCH, _PIECE_TOKENS, _PieceTokens, count_words, count_words_many
from kit.text.normalise import (
    _APOS_FOLD,
    _S_CONTRACTIONS,
    _US_FORMS,
    ACRONYMS,
    NEWS_STOPWORDS,
    _is_possessive,
    _norm_part,
    _stem,
    normalise_term,
)
from kit.text.options import TOKEN_DEFAULTS, TokenOptions, token_options
from kit.text.pattern import (
    _FRACTION_RE,
    _FRACTION_SPACE_RE,
    _HYPHEN_RE,
    _JOIN,
    _MAYBE_URL,
    _NEVER_IN_TOKENS,
    _TOKEN_RE,
    TOKEN_PATTERN,
    Token,
    _token_matches,
)
from kit.text.scan import PIECE_CACHE_LIMIT, SURFACE_CACHE_LIMIT, _scan_tokens, find_tokens
from kit.text.sentence_split import (
    ABBREVIATIONS,
    NUMBER_ABBREVIATIONS,
    SENTENCE_STARTERS,
    _check_articles,
    punkt_model,
    sentence_spans,
    sentences,
)
from kit.text.stoplists import _kit_stopwords, _nltk_has, _nltk_stopwords, stopword_set, stopwords
from kit.text.tokenizer import ngrams, tokenize, tokens

__all__ = [
    "Token",
    "TOKEN_PATTERN",
    "TokenOptions",
    "TOKEN_DEFAULTS",
    "token_options",
    "count_words",
    "count_words_many",
    "normalise_term",
    "stopword_set",
    "tokenize",
    "tokens",
    "sentences",
    "sentence_spans",
    "punkt_model",
    "ngrams",
    "find_tokens",
    "ACRONYMS",
    "NEWS_STOPWORDS",
    "ABBREVIATIONS",
    "NUMBER_ABBREVIATIONS",
    "SENTENCE_STARTERS",
]
