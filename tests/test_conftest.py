"""The suite's own hooks (tests/conftest.py)."""
from pathlib import Path

from conftest import heavy_files_first


class _Item:
    def __init__(self, path: str, marks: tuple = ()):
        self.path, self.marks = Path(path), marks

    def get_closest_marker(self, name):
        return name if name in self.marks else None


def test_files_with_a_slow_or_notebook_test_go_first_in_their_order():
    items = [_Item("a.py"), _Item("b.py"), _Item("b.py", ("slow",)), _Item("c.py"), _Item("d.py", ("notebooks",)),
             _Item("d.py"), _Item("e.py")]
    heavy_files_first(items)
    assert [(str(i.path), i.marks) for i in items] == [
        ("b.py", ()), ("b.py", ("slow",)), ("d.py", ("notebooks",)), ("d.py", ()), ("a.py", ()), ("c.py", ()), ("e.py", ())]
