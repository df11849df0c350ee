"""``kit quotes PATH... --json``: direct quotes and their speakers."""
from __future__ import annotations

import json
import sys

from kit.commands._common import add_source_arguments, load, print_report, records

NAME = "quotes"
HELP = "find direct quotes in body paragraphs and who said them (JSON array or a table)"

#: Columns printed by default; --columns all prints every column of the quotes table.
DEFAULT_COLUMNS = ["doc_id", "quote_no", "para_no", "kind", "speaker", "speaker_type", "verb", "text"]


def add_arguments(p):
    add_source_arguments(p)
    p.add_argument("--json", action="store_true",
                   help="print a JSON array of quote objects (doc_id, quote_no, text, kind, speaker, "
                        "speaker_mention, verb, para_no, start, end, speaker_type, role, affiliation, side ...)")
    p.add_argument("--all", action="store_true",
                   help="also list scare quotes and quoted titles (kind scare / title), which are not speech")
    p.add_argument("--actors", default=None, metavar="FILE",
                   help="actor file (YAML, see kit.actors) for aliases, roles and the speaker's side")
    p.add_argument("--csv", default=None, metavar="OUT", help="also write the full quotes table to this CSV file")


def quotes_json(quotes) -> list[dict]:
    """Quotes as JSON-ready dicts (missing values become null).

    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a"], "text": ["Hi"], "kind": ["full"], "speaker": [None], "para_no": [0]})
    >>> quotes_json(q)
    [{'doc_id': 'a', 'text': 'Hi', 'kind': 'full', 'speaker': None, 'para_no': 0}]
    """
    return records(quotes)


def run(args) -> int:
    """Print the quotes; repairs of quotation marks and the ingest report go to stderr.

    Returns 1 when a source was rejected by its reader (as ``kit parse`` and ``kit frames`` do),
    else 0.
    """
    import pandas as pd

    from kit.quotes import extract_quotes, quote_problems

    corpus = load(args)
    quotes = extract_quotes(corpus.paragraphs, actors=args.actors)
    problems = quote_problems(quotes=quotes)
    if not args.all:
        quotes = quotes[quotes["kind"].isin(["full", "partial"])].reset_index(drop=True)
    if args.csv:
        from kit.csvsafe import neutralise_frame  # no live formulas in a spreadsheet (kit.csvsafe)

        neutralise_frame(quotes).to_csv(args.csv, index=False)
    if args.json:
        json.dump(quotes_json(quotes), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            print(quotes[DEFAULT_COLUMNS].to_string(index=False) if len(quotes) else "(no quotes)")
    for r in problems.itertuples(index=False):
        print(f"kit quotes: {r.doc_id} paragraph {r.para_no}: {r.problem}", file=sys.stderr)
    n_speech = int(quotes["kind"].isin(["full", "partial"]).sum())
    known = int(quotes.loc[quotes["kind"].isin(["full", "partial"]), "speaker"].notna().sum())
    print(f"kit quotes: {n_speech} quote(s) of speech in {corpus.articles.shape[0]} article(s), "
          f"{known} with a known speaker", file=sys.stderr)
    rejected = print_report(corpus)
    return 1 if rejected else 0
