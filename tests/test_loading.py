"""The YAML loader: values keep their positions, and YAML's surprises are turned off."""

from __future__ import annotations

from kennisplein.loading import load_file


def load(tmp_path, text: str | bytes, name="data/kaarten/x.yaml"):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_file(path, name)


def test_values_and_positions(tmp_path):
    loaded = load(tmp_path, "id: x\nrondes:\n  - titel: Een\n    inhoud: []\n")
    assert loaded.problems == []
    assert loaded.value == {"id": "x", "rondes": [{"titel": "Een", "inhoud": []}]}
    assert loaded.positions[("rondes", 0, "titel")] == (3, 12)
    assert loaded.key_positions[("rondes", 0, "titel")] == (3, 5)
    assert loaded.position(("rondes", 0, "ontbreekt")) == (3, 5)


def test_dates_stay_text_and_only_true_false_are_booleans(tmp_path):
    loaded = load(tmp_path, "datum: 2022-09-09\na: yes\nb: no\nc: true\nd: False\ne: 12\nf: 1.5\ng:\nh: 0o17\n")
    assert loaded.value == {"datum": "2022-09-09", "a": "yes", "b": "no", "c": True, "d": False, "e": 12, "f": 1.5, "g": None, "h": "0o17"}


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    loaded = load(tmp_path, "id: x\ntitel: a\ntitel: b\n")
    assert [str(p) for p in loaded.problems] == [
        "data/kaarten/x.yaml:3:1: het veld 'titel' staat twee keer in hetzelfde blok (ook op regel 2). Houd er één over."
    ]


def test_every_tab_indented_line_is_reported(tmp_path):
    loaded = load(tmp_path, "a:\n\t- b\n\t- c\n")
    assert [(p.line, p.column) for p in loaded.problems] == [(2, 1), (3, 1)]


def test_byte_order_mark_is_accepted(tmp_path):
    assert load(tmp_path, "\ufeffid: x\n").value == {"id": "x"}


def test_non_utf8_byte_is_located(tmp_path):
    (problem,) = load(tmp_path, b"id: x\ntitel: Cli\xe9nt\n").problems
    assert (problem.line, problem.column) == (2, 11)
    assert "UTF-8" in problem.message


def test_smart_quotes_get_a_hint(tmp_path):
    (problem,) = load(tmp_path, "tekst: “Je hebt een boodschap: wat wil je laten horen?”\n").problems
    assert problem.line == 1
    assert "krullende aanhalingstekens" in problem.message


def test_yaml_tags_and_merge_keys_are_refused(tmp_path):
    messages = [p.message for p in load(tmp_path, "a: !!binary aGFsbG8=\nd:\n  <<: {c: 1}\n").problems]
    assert any("YAML-labels" in m for m in messages)
    assert any("'<<'" in m for m in messages)


def test_empty_file_and_comment_only_file(tmp_path):
    for text in ("", "# alleen commentaar\n"):
        (problem,) = load(tmp_path, text).problems
        assert problem.message.startswith("het bestand is leeg")
