"""kit.validate and kit.errors: one message form, errors that are also the standard exceptions."""
import numpy as np
import pandas as pd
import pytest

from kit.errors import KitError, KitFileNotFoundError, KitTypeError, KitValueError
from kit.validate import (
    check_bool,
    check_choice,
    check_frame,
    check_int,
    check_number,
    check_path,
    check_unique,
    require_columns,
)


def test_errors_are_kit_errors_and_standard_exceptions():
    for cls, std in ((KitValueError, ValueError), (KitTypeError, TypeError), (KitFileNotFoundError, FileNotFoundError)):
        assert issubclass(cls, KitError) and issubclass(cls, std)
    with pytest.raises(ValueError):  # user code that catches ValueError catches the kit's argument errors
        check_int(-1, "n", min=0)
    with pytest.raises(FileNotFoundError, match="^actor file not found: nope.yml$"):
        check_path("nope.yml", "actor file")


@pytest.mark.parametrize("value, kw, message", [
    (0, {"min": 1}, "n must be a positive integer, got 0"),
    (-1, {"min": 0}, "n must be a non-negative integer, got -1"),
    (11, {"min": 1, "max": 10}, "n must be an integer from 1 to 10, got 11"),
    (5, {"min": 7}, "n must be an integer >= 7, got 5"),
])
def test_check_int_message_form(value, kw, message):
    with pytest.raises(KitValueError) as e:
        check_int(value, "n", **kw)
    assert str(e.value) == message


@pytest.mark.parametrize("bad", [True, 2.0, "3", None, [1]])
def test_check_int_refuses_bools_floats_and_text(bad):
    with pytest.raises(KitTypeError, match="n must be a positive integer, got"):
        check_int(bad, "n", min=1)


def test_check_int_accepts_numpy_integers_and_none_when_allowed():
    assert check_int(np.int64(4), "n", min=1) == 4 and type(check_int(np.int64(4), "n")) is int
    assert check_int(None, "n", min=1, none=True) is None


def test_check_number_bounds():
    assert check_number(0.5, "ci", min=0, max=1, exclusive=True) == 0.5
    for bad in (0, 1, 1.5):
        with pytest.raises(KitValueError, match="ci must be a number between 0 and 1"):
            check_number(bad, "ci", min=0, max=1, exclusive=True)
    with pytest.raises(KitTypeError):
        check_number(float("nan"), "ci")
    with pytest.raises(KitTypeError):
        check_number(True, "ci")


def test_check_bool_and_choice():
    assert check_bool(np.bool_(True), "stem") is True
    with pytest.raises(KitTypeError, match="stem must be True or False, got 1"):
        check_bool(1, "stem")
    assert check_choice("week", "period", ["day", "week"]) == "week"
    with pytest.raises(KitValueError, match=r"^unknown period 'fortnight'; choose one of day \(24 h\), week$"):
        check_choice("fortnight", "period", ["day", "week"], describe={"day": "24 h"})
    with pytest.raises(KitValueError):
        check_choice(["list"], "period", {"day": 1})  # unhashable value: an error, not a crash


def test_columns_and_frames():
    df = pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]})
    with pytest.raises(KitValueError, match=r"^articles has no column\(s\) 'doc_id'; columns are id, text$"):
        require_columns(df, ["doc_id", "text"])
    assert require_columns(df, ["id", None]) is df  # None entries (optional columns) are skipped
    with pytest.raises(KitTypeError, match="hits must be a DataFrame, got list"):
        check_frame([], "hits")
    with pytest.raises(KitTypeError):
        require_columns({"doc_id": []}, ["doc_id"])
    with pytest.raises(KitValueError, match="duplicate id values \\(e.g. 'a'\\)"):
        check_unique(df, "id")


def test_check_path_kinds(tmp_path):
    f = tmp_path / "a.yml"
    f.write_text("x")
    assert check_path(f) == f and check_path(tmp_path, kind="dir") == tmp_path
    with pytest.raises(KitFileNotFoundError, match="is a folder, not a file"):
        check_path(tmp_path, "dictionary file")
    with pytest.raises(KitFileNotFoundError, match="is a file, not a folder"):
        check_path(f, "gold folder", kind="dir")
    with pytest.raises(KitTypeError):
        check_path(3, "file")


def test_library_argument_errors_are_the_standard_kinds():
    """The modules that switched to kit.validate raise the standard kinds (issue 9)."""
    import kit.actors
    import kit.frames
    import kit.overview
    import kit.text
    import kit.tone

    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Talks resumed."]})
    with pytest.raises(ValueError):
        kit.frames.frame_scores(arts, {"f": ["talks"]}, min_hits=0)
    with pytest.raises(TypeError):
        kit.frames.dictionary_hits(arts, {"f": ["talks"]}, negation_window=1.5)
    with pytest.raises(ValueError):
        kit.frames.dictionary_hits(arts.rename(columns={"text": "body"}), {"f": ["talks"]})
    with pytest.raises(FileNotFoundError):
        kit.frames.load_dictionary("no_such_dictionary.yml")
    with pytest.raises(FileNotFoundError):
        kit.actors.load_actors("no_such_actors.yml")
    with pytest.raises(ValueError):
        kit.tone.tone_by_group(pd.DataFrame({"doc_id": []}), arts, n_boot=0)
    with pytest.raises(ValueError):
        kit.overview.outlet_summary(pd.DataFrame({"n_words": [1], "published": [None]}), group_by="outlet")
    with pytest.raises(ValueError):
        kit.text.TokenOptions(min_length=0)
    with pytest.raises(TypeError):
        kit.text.TokenOptions(stem="yes")
