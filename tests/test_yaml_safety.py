"""Content YAML is read as untrusted: what content has no use for (anchors, aliases, deep nesting, control
characters) is refused while it is read, quickly, with file, line and column; a syntax error points at where
the bracket or quote that caused it opened."""

import shutil
import time
from pathlib import Path

import pytest
import yaml

from handouts.kit import yaml_reader
from handouts.errors import ContentError
from conftest import PROJECT, content_of


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(PROJECT / "content", folder)
    shutil.copyfile(PROJECT / "handouts.yml", tmp_path / "handouts.yml")
    return folder


def problems_after(content: Path, name: str, old: str, new: str) -> list[str]:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        content_of(content.parent)
    return [str(problem) for problem in caught.value.problems if problem.file == f"content/{name}"]


def alias_bomb(levels: int, fan_out: int) -> str:
    """Steps whose body is the level below, `levels` times over: fan_out ** levels paragraphs to walk."""
    lines = ["      lol0: &lol0 lol"]
    for level in range(1, levels + 1):
        body = ", ".join(f"p{index}: *lol{level - 1}" for index in range(fan_out))
        lines.append(f"      lol{level}: &lol{level} {{steps: {{a: {{title: lol, body: {{{body}}}}}}}}}")
    return "    body:\n" + "\n".join(lines) + "\n      definition: >-"


def test_an_alias_bomb_is_refused_at_its_first_anchor_at_once(content):
    started = time.monotonic()
    problems = problems_after(content, "handout.yml", "    body:\n      definition: >-", alias_bomb(9, 9))
    assert time.monotonic() - started < 2
    assert problems == ["content/handout.yml:80:13: [en]: YAML anchor &lol0: content files repeat nothing by "
                        "reference. Write the text out in full; anchors (&) and aliases (*) are not allowed."]


def test_an_alias_without_its_anchor_is_refused_too():
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose("title: Know your rights\nsubtitle: *title\n")
    assert (caught.value.line, caught.value.column) == (2, 11)
    assert caught.value.message.startswith("YAML alias *title:")


@pytest.mark.parametrize("nested", [
    pytest.param("title: " + "[" * 3000, id="3000 lists in one line"),
    pytest.param("title: " + "{a: " * 3000, id="3000 mappings in one line"),
    pytest.param("".join(" " * depth + f"k{depth}:\n" for depth in range(3000)), id="3000 indented keys"),
    pytest.param("".join(" " * depth + "- \n" for depth in range(3000)), id="3000 indented lists"),
])
def test_deep_nesting_is_refused_with_its_line(nested):
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose(nested)
    assert caught.value.message == "nested more than 40 levels deep."
    assert caught.value.line is not None and caught.value.line <= 41


def test_nesting_up_to_the_limit_is_read():
    # The mapping, 38 lists, and the text in the deepest: 40 levels.
    assert yaml_reader.compose("title: " + "[" * 38 + "x" + "]" * 38) is not None
    with pytest.raises(yaml_reader.UnreadableYaml):
        yaml_reader.compose("title: " + "[" * 39 + "x" + "]" * 39)


@pytest.mark.parametrize("character, named", [("\x07", "U+0007 control character"), ("\x00", "U+0000 NULL"),
                                              ("\x1b", "U+001B control character"), ("\ufffe", "U+FFFE")])
def test_a_control_character_is_named_with_its_line_and_column(content, character, named):
    problems = problems_after(content, "card.yml", "  subtitle: If you are detained",
                              f"  subtitle: If you{character} are detained")
    assert len(problems) == 1
    assert problems[0].startswith(f"content/card.yml:11:19: [en]: {named}")
    assert "is not allowed in a YAML file" in problems[0] and "Remove it" in problems[0]


def test_a_control_character_after_a_line_break_of_another_kind_is_placed_as_the_parser_counts():
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose("a: b\r\nc: d\re: \x07")
    assert (caught.value.line, caught.value.column) == (3, 4)


def test_an_unclosed_bracket_is_placed_where_it_opened(content):
    problems = problems_after(content, "handout.yml", "title: Seeking asylum", "title: [Seeking asylum")
    assert problems == ["content/handout.yml:56:8: [en]: YAML syntax error: the '[' opened here is not closed "
                        "(parsing stopped at line 57, column 9: expected ',' or ']', but got ':'). "
                        "Close it with ']', or put the text in quotes if it starts with '['."]


def test_an_unclosed_quote_that_runs_to_a_later_quote_is_placed_where_it_opened(content):
    problems = problems_after(content, "handout.yml", "title: Seeking asylum", "title: 'Seeking asylum")
    assert len(problems) == 1
    assert problems[0].startswith("content/handout.yml:56:8: [en]: YAML syntax error: the quote (') opened here "
                                  "is not closed on its line: it runs on to line ")


def test_an_unclosed_quote_at_the_end_of_a_file_is_placed_where_it_opened():
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose('a: b\nc: "d\ne: f\n')
    assert (caught.value.line, caught.value.column) == (2, 4)
    assert caught.value.message == ('YAML syntax error: the quote (") opened here is never closed '
                                    "(parsing stopped at line 4, column 1: found unexpected end of stream).")


@pytest.mark.parametrize("text, line, message", [
    ('a: "\\q"\n', 1, "YAML syntax error: a backslash (\\) in a text in double quotes, where YAML reads it as "
                       "the start of an escape (the YAML reader says: found unknown escape character 'q')."),
    ("a: 1\n---\nb: 2\n", 2, "YAML syntax error: a second document starts here; a content file holds one."),
    ("a: 1\nb c\nd: 2\n", 3, "YAML syntax error: a line that is neither \"key: value\" nor a continuation of the "
                             "text above it (the YAML reader says: could not find expected ':', while scanning a "
                             "simple key, which began at line 2, column 1)."),
    ("a:\n\tb: 1\n", 2, "YAML syntax error: a tab, where YAML takes spaces (the YAML reader says: found character "
                         "'\\t' that cannot start any token)."),
])
def test_other_syntax_errors_are_placed(text, line, message):
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose(text)
    assert caught.value.line == line
    assert caught.value.message == message


def test_any_other_yaml_error_is_reported_cleanly(monkeypatch):
    def fails(loader):
        raise yaml.YAMLError("the stream could not be read")
    monkeypatch.setattr(yaml_reader._Loader, "get_single_node", fails)
    with pytest.raises(yaml_reader.UnreadableYaml) as caught:
        yaml_reader.compose("a: b\n")
    assert caught.value.message == "YAML error: the stream could not be read."
    assert caught.value.line is None


def test_the_projects_content_reads_as_before():
    for path in sorted((PROJECT / "content").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        read = yaml_reader.compose(text)
        assert yaml.serialize(read) == yaml.serialize(yaml.compose(text, Loader=yaml.SafeLoader)), path.name
