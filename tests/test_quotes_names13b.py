"""Session 13 (branch names3): speaker strings still wrong by their shape, second pass.

- Rule ORG_AND_THE (``words._ORG_RUN``): after a 'for' or 'on' inside an organisation's name,
  'and the' and title-case words go on with the name ('Center for Tides and the Coastal Economy');
  elsewhere 'and the' parts two names.

Every article here is written by us (fictional names and places).
"""
from __future__ import annotations

from helpers import quotes

from kit.quotes.words import _ORG_RUN


def _runs(text: str) -> list[str]:
    return [m.group(0) for m in _ORG_RUN.finditer(text)]


def test_an_organisation_named_with_and_the_is_kept_whole():
    # before: 'Center for Tides' (the name was cut at 'and the')
    q = quotes('"The tide tables are out of date," Lee, now the director of Westbrook University\'s Center for '
               'Tides and the Coastal Economy, told reporters. "We back the new harbor rules and ask for no '
               'delay," they wrote in a post on Monday.')
    assert q.loc[1, "speaker"] == "Center for Tides and the Coastal Economy"


def test_the_role_of_an_organisation_named_with_and_the():
    # before: 'the Center for Tides'
    q = quotes('The Center for Tides and the Coastal Economy spoke on Monday. "We have studied the bay for ten '
               'years now," the center said in a statement.')
    assert q.loc[0, "speaker"] == "the Center for Tides and the Coastal Economy"


def test_and_the_still_parts_two_names():
    assert _runs("the Senate and the House") == ["Senate", "House"]
    assert _runs("Ann Roe and the Harbor Board met") == ["Ann Roe", "Harbor Board"]
    assert _runs("the Department of Justice and the Pentagon said") == ["Department of Justice", "Pentagon"]
    assert _runs("the Center for Tides and the FBI") == ["Center for Tides", "FBI"]
