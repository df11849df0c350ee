"""Actors: the file format, mentions, salience, co-occurrence and uncovered names."""
from pathlib import Path

import pandas as pd
import pytest

from kit.actors import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    actor_cooccurrence,
    actor_mentions,
    actor_salience,
    actor_summary,
    actors_from_records,
    alias_table,
    load_actors,
    uncovered_names,
)
from kit.errors import KitError

FIX = Path(__file__).parent / "fixtures" / "frames"

CAST = {  # corpus brief: name -> (side, type)
    "Eleanor Whitcombe": ("US", "official"), "Thomas Garrity": ("US", "official"), "Marcus Bell": ("US", "official"),
    "Nadia Okafor": ("US", "official"), "Ray Donnelly": ("US", "official"), "Julia Sandoval": ("US", "official"),
    "Kevin Marsh": ("US", "official"), "Patrick Lyle": ("US", "official"), "Ruth Abernathy": ("US", "official"),
    "Colin Strand": ("US", "official"), "Liang Weiming": ("China", "official"), "Zhou Hanlin": ("China", "official"),
    "Gao Jianguo": ("China", "official"), "Shen Meiling": ("China", "official"), "Tan Zhiyuan": ("China", "official"),
    "Xu Ping": ("China", "official"), "Miriam Castellanos": ("US", "expert"), "Hao Ruoxi": ("China", "expert"),
    "Peter Lindqvist": ("other", "business"), "Chen Lu": ("China", "business"), "Samuel Ortega": ("US", "business"),
}

ACTS = actors_from_records([
    {"name": "Marcus Bell", "aliases": ["Bell"], "type": "official", "side": "US"},
    {"name": "Eleanor Whitcombe", "aliases": ["Whitcombe", "Secretary Whitcombe"], "type": "official", "side": "US"},
    {"name": "the Pentagon", "aliases": ["Pentagon"], "type": "organisation", "side": "US"},
    {"name": "Zhou Hanlin", "aliases": ["Zhou"], "type": "official", "side": "China"},
])


def test_bundled_file_covers_the_shared_cast_with_sides_and_types():
    a = load_actors().set_index("name")
    assert list(load_actors().columns) == list(ACTOR_COLUMNS)
    for name, (side, typ) in CAST.items():
        assert name in a.index, name
        assert (a.loc[name, "side"], a.loc[name, "type"]) == (side, typ), name
        if name != "Chen Lu":
            surname = name.split()[0] if side == "China" else name.split()[-1]
            assert surname in a.loc[name, "aliases"], name
    orgs = set(a.index[a["type"] == "organisation"])
    assert {"the Pentagon", "the State Department", "the Foreign Ministry", "the People's Liberation Army", "Congress"} <= orgs
    assert set(a["type"]) <= set(ACTOR_TYPES)


@pytest.mark.parametrize("name, line, words", [
    ("bad_actors.yml", 7, "unknown type 'politician'"),
    ("dup_actors.yml", 6, "also a name or alias of 'Eleanor Whitcombe'"),
    ("key_actors.yml", 3, "unknown key 'alias'"),
])
def test_bad_actor_files_fail_with_file_and_line(name, line, words):
    with pytest.raises(KitError) as e:
        load_actors(FIX / name)
    assert name in str(e.value) and f"line {line}:" in str(e.value) and words in str(e.value)


def test_alias_table_lists_every_form_longest_first():
    t = alias_table(ACTS)
    assert t.iloc[0]["alias"] in ("Eleanor Whitcombe", "Secretary Whitcombe", "Marcus Bell", "Zhou Hanlin", "the Pentagon")
    assert set(t["alias"]) == {"Marcus Bell", "Bell", "Eleanor Whitcombe", "Whitcombe", "Secretary Whitcombe",
                               "the Pentagon", "Pentagon", "Zhou Hanlin", "Zhou"}


TEXT = ("Defense Secretary Marcus Bell rang the bell. The Pentagon said Bell’s plan stood.\n\n"
        "Whitcombe met Zhou Hanlin; Zhou and Whitcombe's aides talked. Nobody else spoke.")
ARTS = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Bell and Zhou meet", "Quiet day"],
                     "text": [TEXT, "Nothing happened. The pentagon shape was drawn."]})


def test_mentions_are_case_sensitive_longest_first_with_possessives_and_offsets():
    m = actor_mentions(ARTS, ACTS)
    body = m[m["where"] == "text"]
    assert body["match"].tolist() == ["Marcus Bell", "The Pentagon", "Bell’s", "Whitcombe", "Zhou Hanlin", "Zhou", "Whitcombe's"]
    assert body["actor"].tolist() == ["Marcus Bell", "the Pentagon", "Marcus Bell", "Eleanor Whitcombe", "Zhou Hanlin",
                                      "Zhou Hanlin", "Eleanor Whitcombe"]
    assert all(TEXT[s:e] == t for s, e, t in zip(body["start"], body["end"], body["match"]))
    assert body["sent_no"].tolist() == [0, 1, 1, 2, 2, 2, 2]
    title = m[m["where"] == "title"]
    assert title[["actor", "sent_no", "start"]].values.tolist() == [["Marcus Bell", -1, 0], ["Zhou Hanlin", -1, 9]]
    assert "b" not in set(m["doc_id"])  # "pentagon" in lower case is not the Pentagon


def test_salience_first_position_and_headline():
    sal = actor_salience(actor_mentions(ARTS, ACTS), ARTS)
    bell = sal[sal["actor"] == "Marcus Bell"].iloc[0]
    assert (bell["mentions"], bell["title_mentions"], bool(bell["in_title"]), bell["first_sent_no"]) == (2, 1, True, 0)
    assert bell["first_position"] == pytest.approx(TEXT.index("Marcus Bell") / len(TEXT))
    wh = sal[sal["actor"] == "Eleanor Whitcombe"].iloc[0]
    assert wh["first_position"] == pytest.approx(TEXT.index("Whitcombe") / len(TEXT)) and not wh["in_title"]
    assert sal["actor"].tolist()[0] == "Marcus Bell"  # sorted by first position


def test_summary_per_group():
    arts = pd.concat([ARTS, pd.DataFrame({"doc_id": ["c"], "title": ["x"], "text": ["Whitcombe left."]})])
    arts["outlet"] = ["A", "A", "B"]
    sal = actor_salience(actor_mentions(arts, ACTS), arts)
    s = actor_summary(sal, arts, actors=ACTS)
    w = s[(s["outlet"] == "A") & (s["actor"] == "Eleanor Whitcombe")].iloc[0]
    assert (w["n_articles"], w["share_articles"], w["mentions"], w["type"]) == (1, 0.5, 2, "official")
    assert s[(s["outlet"] == "B")]["actor"].tolist() == ["Eleanor Whitcombe"]


def test_cooccurrence_within_sentences_and_articles():
    m = actor_mentions(ARTS, ACTS)
    co = actor_cooccurrence(m)
    assert co.values.tolist() == [["Eleanor Whitcombe", "Zhou Hanlin", 1, 1], ["Marcus Bell", "the Pentagon", 1, 1]]
    art = actor_cooccurrence(m, unit="article")
    assert len(art) == 6 and set(art["n_units"]) == {1}
    with pytest.raises(KitError, match="sentence"):
        actor_cooccurrence(m, unit="paragraph")


def test_uncovered_names_lists_frequent_unknown_names_only():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Whitcombe met Dana Fry of the Ministry of Commerce. Later Dana Fry left, later than planned.",
        "Officials said Dana Fry and the Ministry of Commerce disagreed. Monday came."]})
    u = uncovered_names(arts, ACTS)
    assert u[["name", "n", "n_articles"]].values.tolist() == [["Dana Fry", 3, 2], ["Ministry of Commerce", 2, 2]]
    assert u.iloc[0]["example"] == "Whitcombe met Dana Fry of the Ministry of Commerce."
    assert "Beijing Washington" not in set(uncovered_names(pd.DataFrame({"doc_id": ["x"], "text": ["Talks in Beijing, Washington and Beijing, Washington."]}), ACTS)["name"])


def test_uncovered_names_reads_names_in_sentences_it_may_skip():
    # sentences whose only capital is a first letters-only word are skipped unread: a name glued to
    # the first word by punctuation, or after it, must still be found
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "Later,Dana Fry left. Then Dana Fry spoke.", "Officials said nothing.", "later dana Fry came. ."]})
    u = uncovered_names(arts, ACTS, min_count=1)
    assert u[["name", "n", "n_articles"]].values.tolist() == [["Fry", 2, 2], ["Dana Fry", 1, 1]]  # as before the skip


def test_uncovered_names_on_the_sample_finds_no_cast_member():
    import kit

    corpus = kit.load_corpus(Path(__file__).parents[1] / "data" / "sample")
    u = uncovered_names(corpus.articles, load_actors(), n=None)
    covered = {n for name in CAST for n in name.split()}
    assert not (set(u["name"]) & set(CAST))
    assert not any(name in covered for name in u["name"])


def test_summary_missing_id_column_is_a_kit_error_listing_the_columns():
    sal = actor_salience(actor_mentions(ARTS, ACTS), ARTS)
    arts = ARTS.rename(columns={"doc_id": "id"}).assign(outlet="A")
    with pytest.raises(KitError, match="no id column 'doc_id'; columns are id, title, text, outlet"):
        actor_summary(sal, arts)
    assert len(actor_summary(sal, arts, id_col="id")) > 0
    with pytest.raises(KitError, match="salience has no column"):
        actor_summary(sal.drop(columns=["mentions"]), ARTS.assign(outlet="A"))


# ----------------------------------------------------------------------------- one loader


def test_one_loader_reads_every_form_the_same(tmp_path):
    """YAML, CSV, TSV, JSON, a DataFrame and a list of records give the same table."""
    import json

    yml = tmp_path / "a.yml"
    yml.write_text("actors:\n  - name: Zhou Hanlin\n    aliases: [Zhou, Minister Zhou]\n    side: China\n"
                   "    type: official\n  - name: Dana Fry\n    role: ''\n    type: expert\n", encoding="utf-8")
    csv = tmp_path / "a.csv"
    csv.write_text("name,aliases,role,side,type\nZhou Hanlin,Zhou; Minister Zhou,,China,official\n"
                   "Dana Fry,,,,expert\n", encoding="utf-8")
    tsv = tmp_path / "a.tsv"
    tsv.write_text(csv.read_text().replace(",", "\t"), encoding="utf-8")
    js = tmp_path / "a.json"
    records = [{"name": "Zhou Hanlin", "aliases": ["Zhou", "Minister Zhou"], "side": "China", "type": "official"},
               {"name": "Dana Fry", "role": None, "type": "expert"}]
    js.write_text(json.dumps({"actors": records}), encoding="utf-8")
    frame = pd.DataFrame({"name": ["Zhou Hanlin", "Dana Fry"], "aliases": [["Zhou", "Minister Zhou"], None],
                          "side": ["China", float("nan")], "type": ["official", "expert"]})
    want = load_actors(yml)
    assert want.to_dict("records") == [
        {"name": "Zhou Hanlin", "aliases": ["Zhou", "Minister Zhou"], "role": None, "organisation": None,
         "side": "China", "type": "official"},
        {"name": "Dana Fry", "aliases": [], "role": None, "organisation": None, "side": None, "type": "expert"}]
    for other in (csv, str(tsv), js, frame, records):
        pd.testing.assert_frame_equal(load_actors(other), want)


def test_one_loader_same_checks_with_file_and_record(tmp_path):
    csv = tmp_path / "dup.csv"
    csv.write_text("name,aliases,type\nZhou Hanlin,Zhou,official\nZhou Min,Zhou,expert\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dup.csv, line 3: alias 'Zhou' of 'Zhou Min' is also a name or alias of "
                                         r"'Zhou Hanlin'"):
        load_actors(csv)
    with pytest.raises(ValueError, match=r"actor table, row 2: alias 'Zhou'"):
        load_actors(pd.DataFrame({"name": ["Zhou Hanlin", "Zhou Min"], "aliases": ["Zhou", "Zhou"]}))
    with pytest.raises(ValueError, match=r"actor records, actor 1: actor 'Ann' has no type"):
        load_actors([{"name": "Ann"}])
    with pytest.raises(ValueError, match=r"actor files are .yml, .yaml, .csv, .tsv, .json"):
        load_actors(tmp_path / "a.txt")
    with pytest.raises(FileNotFoundError, match="bundled actor files: us_china_2023"):
        load_actors("us_china_2024")
    with pytest.raises(TypeError):
        load_actors(42)


def test_bundled_actors_by_name_and_paths_as_given(tmp_path, monkeypatch):
    pd.testing.assert_frame_equal(load_actors("us_china_2023"), load_actors())
    f = tmp_path / "mine.yml"
    f.write_text("actors:\n  - name: Ann Lee\n    type: expert\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_actors("mine.yml")["name"].tolist() == ["Ann Lee"]  # relative: from the current folder
    monkeypatch.chdir(tmp_path.parent)
    with pytest.raises(FileNotFoundError):
        load_actors("mine.yml")  # no search of a project folder


def test_alias_table_carries_the_matching_key():
    from kit.actors import alias_key

    t = alias_table(ACTS).set_index("alias")
    assert t.loc["Whitcombe", "key"] == ("Whitcombe",) == alias_key("Whitcombe’s")
    assert t.loc["the Pentagon", "key"] == ("the", "Pentagon")
    assert alias_key("U.S. Navy") == alias_key("US Navy") == ("US", "Navy")


def test_many_aliases_with_one_first_word_match_as_a_plain_scan_does():
    """Aliases sharing their first word ("the ...") are narrowed by the next word before they are compared;
    the mentions equal those of a plain longest-first scan written here."""
    from kit.actors import _OPTS as opts
    from kit.actors import _find, _index, _token_keys, actors_from_records, find_tokens

    names = ["the State Department", "the White House", "the Pentagon", "the Foreign Ministry",
             "the Navy", "the State Council", "the White House press office"]
    acts = actors_from_records([{"name": n, "aliases": [n.replace("the ", "The ", 1)], "type": "organisation"}
                                for n in names])
    idx = _index(acts)
    text = ("The White House said the State Council and the White House press office met the Navy. "
            "Then the State Department, the Pentagon and the the Foreign Ministry spoke; the")

    def plain(text):
        toks = find_tokens(text, opts)
        keys = _token_keys(toks)
        entries = sorted(((k, name, alias) for v in idx.values() for k, name, alias in v), key=lambda e: -len(e[0]))
        out, i = [], 0
        while i < len(keys):
            for k, name, alias in entries:
                if tuple(keys[i:i + len(k)]) == k:
                    out.append((toks[i][0], toks[i + len(k) - 1][1], name, alias, i))
                    i += len(k)
                    break
            else:
                i += 1
        return out

    got = _find(text, idx)
    assert got == plain(text)
    assert [g[2] for g in got] == ["the White House", "the State Council", "the White House press office", "the Navy",
                                   "the State Department", "the Pentagon", "the Foreign Ministry"]
    assert idx.narrowed  # the narrowed lists were remembered
