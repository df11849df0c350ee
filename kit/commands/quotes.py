"""``kit quotes PATH... --json``: direct quotes and their speakers."""
from __future__ import annotations

import json
import sys
import textwrap

from kit.commands._common import add_source_arguments, finish, load, records

NAME = "quotes"
HELP = "find direct quotes in body paragraphs and who said them (JSON array or a table)"

#: Columns printed by default; --columns all prints every column of the quotes table.
DEFAULT_COLUMNS = ["doc_id", "quote_no", "para_no", "kind", "speaker", "speaker_type", "verb", "text"]


def add_arguments(p):
    """The arguments of ``kit quotes`` (``kit quotes --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit quotes")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample', '--all'])
    >>> args.all
    True
    """
    add_source_arguments(p)
    p.add_argument("--json", action="store_true",
                   help="print a JSON array of quote objects (doc_id, quote_no, text, kind, speaker, "
                        "speaker_mention, speaker_rule, verb, para_no, start, end, speaker_type, role, affiliation, side ...)")
    p.add_argument("--all", action="store_true",
                   help="also list scare quotes and quoted titles (kind scare / title), which are not speech")
    p.add_argument("--actors", default=None, metavar="FILE",
                   help="actor file (YAML, see kit.actors) for aliases, roles and the speaker's side")
    p.add_argument("--csv", default=None, metavar="OUT", help="also write the full quotes table to this CSV file")
    p.add_argument("--unit", choices=["segment", "attribution"], default="segment",
                   help="segment: one row per quote (an interrupted quote is one row); attribution: one row per "
                        "speech act, the quotes sharing an attribution_id joined by ' … ' (default segment)")
    p.add_argument("--width", type=int, default=100, metavar="N", help="width of the table view (default 100)")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X",
                   help="keep only the quotes whose speaker_confidence is at least X (0-1; quotes with no "
                        "speaker are left out too; with --unit attribution the speech acts, an act's confidence "
                        "being its first quote's; see docs/quotes.md for what the confidence measures)")


def quotes_json(quotes) -> list[dict]:
    """Quotes as JSON-ready dicts (missing values become null).

    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a"], "text": ["Hi"], "kind": ["full"], "speaker": [None], "para_no": [0]})
    >>> quotes_json(q)
    [{'doc_id': 'a', 'text': 'Hi', 'kind': 'full', 'speaker': None, 'para_no': 0}]
    """
    return records(quotes)


def quotes_table(quotes, articles, *, width: int = 100, max_lines: int = 6) -> str:
    """A terminal view: each article's outlet and title once, then per quote the speaker (verb,
    paragraph, kind, rule and confidence) and the quote, both wrapped to ``width`` (the quote to at
    most ``max_lines`` lines, then '…').

    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a"], "quote_no": [0], "kind": ["full"], "speaker": ["Bo Li"],
    ...                   "speaker_rule": ["FULL_NAME"], "speaker_confidence": [0.934], "verb": ["said"],
    ...                   "para_no": [2], "text": ["We will win. " * 3]})
    >>> a = pd.DataFrame({"doc_id": ["a"], "outlet": ["Harbor Weekly"], "title": ["Vote day"]})
    >>> print(quotes_table(q, a, width=40))
    Harbor Weekly | Vote day
      Bo Li (said), paragraph 2, full, rule
          FULL_NAME, confidence 0.93
        “We will win. We will win. We will
        win.”
    """
    if not len(quotes):
        return "(no quotes)"
    meta = articles.set_index("doc_id")[["outlet", "title"]].to_dict("index") if len(articles) else {}
    out: list[str] = []
    last_doc = object()
    for r in quotes.to_dict("records"):
        if r["doc_id"] != last_doc:
            m = meta.get(r["doc_id"], {})
            head = " | ".join(str(x) for x in (m.get("outlet"), m.get("title")) if isinstance(x, str) and x)
            out.append(textwrap.shorten(head or str(r["doc_id"]), width, placeholder=" …"))
            last_doc = r["doc_id"]
        who = r.get("speaker") if isinstance(r.get("speaker"), str) else "(speaker unknown)"
        verb = f" ({r['verb']})" if isinstance(r.get("verb"), str) else ""
        extra = f", {r['n_quotes']} quotes" if "n_quotes" in r and r["n_quotes"] > 1 else ""
        if isinstance(r.get("speaker_rule"), str):
            extra += f", rule {r['speaker_rule']}"
        if isinstance(r.get("speaker_confidence"), float) and r["speaker_confidence"] == r["speaker_confidence"]:
            extra += f", confidence {r['speaker_confidence']:.2f}"
        # the speaker's line keeps to the width too, its continuation indented past the quote's
        out.extend(textwrap.wrap(f"{who}{verb}, paragraph {r.get('para_no')}, {r.get('kind')}{extra}", width,
                                 initial_indent="  ", subsequent_indent="      ", break_long_words=False))
        lines = textwrap.wrap(f"“{' '.join(str(r['text']).split())}”", width - 4)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][: width - 6] + " …"
        out.extend("    " + ln for ln in lines)
    return "\n".join(out)


def min_confidence(quotes, x: float):
    """The quotes (or speech acts, :func:`kit.quotes.speech_acts`) whose ``speaker_confidence`` is at
    least ``x`` (a quote with no speaker has none, so it is left out); raises ``KitError`` when ``x``
    is not between 0 and 1.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"quote_no": [0, 1, 2], "speaker_confidence": [0.95, 0.6, float("nan")]})
    >>> min_confidence(q, 0.9)["quote_no"].tolist(), len(min_confidence(q, 0.0))
    ([0], 2)
    """
    from kit.validate import check_number

    check_number(x, "--min-confidence", min=0, max=1)
    return quotes[quotes["speaker_confidence"] >= x].reset_index(drop=True)


def run(args) -> int:
    """Print the quotes; repairs of quotation marks and the ingest report go to stderr.

    Returns 1 when a source was rejected by its reader (as ``kit parse`` and ``kit frames`` do),
    else 0.

    >>> import contextlib, io
    >>> from kit.cli import build_parser
    >>> args = build_parser(only="quotes").parse_args(["quotes", "tests/fixtures/webcopy"])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().splitlines()[0]
    (0, 'Harbor Street Weekly | Inside the Seven Hours That Thawed a Frozen Relationship')
    """

    from kit.quotes import extract_quotes
    from kit.validate import check_number

    if args.min_confidence is not None:  # a bad argument fails before anything is read
        check_number(args.min_confidence, "--min-confidence", min=0, max=1)
    corpus = load(args)
    quotes, problems = extract_quotes(corpus.paragraphs, actors=args.actors, return_problems=True)
    if not args.all:
        quotes = quotes[quotes["kind"].isin(["full", "partial"])].reset_index(drop=True)
    if args.width < 40:
        from kit.errors import KitError

        raise KitError(f"--width must be at least 40, got {args.width}")
    if args.unit == "attribution":
        from kit.quotes import speech_acts

        quotes = speech_acts(quotes)  # before --min-confidence: an act is kept or left out whole
    if args.min_confidence is not None:
        quotes = min_confidence(quotes, args.min_confidence)
    if args.csv:
        from kit.csvsafe import neutralise_frame  # no live formulas in a spreadsheet (kit.csvsafe)

        neutralise_frame(quotes).to_csv(args.csv, index=False)
    if args.json:
        json.dump(quotes_json(quotes), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(quotes_table(quotes, corpus.articles, width=args.width))
    for r in problems.itertuples(index=False):
        print(f"kit quotes: {r.doc_id} paragraph {r.para_no}: {r.problem}", file=sys.stderr)
    n_speech = int(quotes["kind"].isin(["full", "partial"]).sum())
    known = int(quotes.loc[quotes["kind"].isin(["full", "partial"]), "speaker"].notna().sum())
    print(f"kit quotes: {n_speech} quote(s) of speech in {corpus.articles.shape[0]} article(s), "
          f"{known} with a known speaker", file=sys.stderr)
    return finish(corpus, args)
