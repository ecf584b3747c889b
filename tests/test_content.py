"""Loading content: the shipped content loads, and each kind of mistake is named with its file, line and key."""

import pytest

from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from conftest import PROJECT, content_of


def test_shipped_content_loads_with_the_seed_date_and_every_code():
    content = content_of(PROJECT)
    assert content.information.as_of.isoformat() == "2024-03-18"
    assert [line.speed_dial for line in content.directory.help_lines] == ["9233#", "9116#", "699#", "#566"]
    assert [group.state.english for group in content.directory.states] == [
        "Arizona", "California", "New Mexico", "Texas"]


def test_an_unconfirmed_code_is_reported_as_unverified():
    # No public page of 2025 or 2026 confirms a speed-dial code: each is unconfirmed.
    content = content_of(PROJECT)
    assert [fact.split(":")[0] for fact in content.unverified()] == [
        "Freedom for Immigrants, National Immigration Detention Hotline (9233#)",
        "ICE Detention Reporting and Information Line (9116#)", "ORR Parent Hotline (699#)",
        "UNHCR protection line (#566)"]


def break_file(project, name, old, new):
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1  # the line the change is on


def problems_of(project):
    with pytest.raises(ContentError) as caught:
        content_of(project)
    return [str(problem) for problem in caught.value.problems]


def test_a_misspelled_key_is_named_with_file_line_and_allowed_keys(project_copy):
    line = break_file(project_copy, "directory.yml", "    speed_dial: 9233#", "    speed_dail: 9233#")
    problems = problems_of(project_copy)
    assert any(p.startswith(f"content/directory.yml:{line}:5: help_lines.detention_hotline.speed_dail [en]: unknown key.")
               for p in problems), problems
    assert any("help_lines.detention_hotline.speed_dial [en]: missing required key." in p for p in problems)


def test_a_code_with_an_unquoted_hash_is_caught(project_copy):
    # In YAML, an unquoted #566 starts a comment: the value silently vanishes.
    line = break_file(project_copy, "directory.yml", "speed_dial: '#566'", "speed_dial: #566")
    problems = problems_of(project_copy)
    assert any(p.startswith(f"content/directory.yml:{line}:") and "help_lines.unhcr_line.speed_dial" in p
               and "expected text, found nothing" in p for p in problems), problems


def test_a_malformed_code_is_refused(project_copy):
    line = break_file(project_copy, "directory.yml", "speed_dial: 699#", "speed_dial: 69#9")
    problems = problems_of(project_copy)
    assert problems == [f"content/directory.yml:{line}:17: help_lines.parent_hotline.speed_dial [en]: "
                        "'69#9' is not a speed-dial code such as 9233# or #566 (quote a code that starts with #)."]


def test_a_malformed_phone_number_and_web_address_are_refused(project_copy):
    break_file(project_copy, "directory.yml", "phone: 209-757-3733", "phone: 209-757-373")
    break_file(project_copy, "directory.yml", "web: https://locator.ice.gov/odls", "web: http://locator.ice.gov/odls")
    problems = problems_of(project_copy)
    assert len(problems) == 2
    assert "help_lines.detention_hotline.phone" in problems[0]
    assert "detainee_locator.web [en]: 'http://locator.ice.gov/odls' is not a web address starting with https://" in problems[1]


def test_yaml_syntax_errors_name_the_line(project_copy):
    line = break_file(project_copy, "handout.yml", "title: Seeking asylum", "title: [Seeking asylum")
    problems = problems_of(project_copy)
    assert len(problems) == 1
    assert problems[0].startswith("content/handout.yml:")
    assert "YAML syntax error" in problems[0]
    assert int(problems[0].split(":")[1]) >= line


def test_all_problems_are_reported_together(project_copy):
    break_file(project_copy, "card.yml", "  title: Know your rights", "  titel: Know your rights")
    break_file(project_copy, "directory.yml", "web: https://locator.ice.gov/odls", "web: locator.ice.gov/odls")
    break_file(project_copy, "handout.yml", "  as_of: 2024-03-18", "  as_of: 18 March 2024")
    problems = problems_of(project_copy)
    files = {p.split(":")[0] for p in problems}
    assert files == {"content/card.yml", "content/directory.yml", "content/handout.yml"}


def test_a_card_code_must_name_a_help_line(project_copy):
    break_file(project_copy, "card.yml", "    - parent_hotline", "    - parents_hotline")
    problems = problems_of(project_copy)
    assert len(problems) == 1
    assert "front.codes[2] [en]: no help line 'parents_hotline' in directory.yml." in problems[0]


def test_a_missing_file_is_named(project_copy):
    (project_copy / "content" / "labels.yml").unlink()
    assert problems_of(project_copy) == ["content/labels.yml: [en]: file not found. Restore it from the repository."]


def _documented_example(heading: str) -> str:
    """The first YAML example in docs/content.md after the paragraph that begins with `heading`."""
    doc = (PROJECT / "docs" / "content.md").read_text(encoding="utf-8")
    after = doc[doc.index(heading):]
    return after.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_a_checklist_of_ones_own_builds_as_documented_with_no_notices(project_copy, read_pdf):
    """docs/content.md's checklist, added as a second pamphlet: it builds, prints its items each beside a drawn
    box to tick, and (with no `notices:`) no box of notices on its cover."""
    (project_copy / "content" / "checklist.yml").write_text(_documented_example("A second handout of one's own"),
                                                            encoding="utf-8")
    kit_file = project_copy / "handouts.yml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8").replace(
        "documents:\n", "documents:\n  before-your-hearing:\n    pamphlet: content/checklist.yml\n"
        "    products: [pamphlet]\n", 1), encoding="utf-8")
    output = project_copy / "output"
    build(BuildRequest(project_copy, output, languages=("en",), documents=("before-your-hearing",),
                       papers=("letter",)))
    page = read_pdf(output / "en" / "before-your-hearing-pamphlet-letter.pdf").pages[0]
    assert "Important" not in page.words
    dpi = 150
    picture = page.image(dpi=dpi).convert("L")
    for item in ("Your Notice to Appear", "Any identity document you have", "Proof of your address"):
        [found] = page.find_all(item)
        # Left of the item's first letter, around its line: a square outline about 3 mm wide (a bullet is
        # a dot a third of that).
        left, top = (found.left - 8) * dpi / 25.4, (found.top - 2) * dpi / 25.4
        beside = picture.crop((round(left), round(top), round((found.left - 0.5) * dpi / 25.4),
                               round((found.bottom + 2) * dpi / 25.4)))
        ink = beside.point(lambda value: 255 if value < 128 else 0).getbbox()
        assert ink, f"nothing beside {item!r}"
        width_mm, height_mm = ((ink[2] - ink[0]) * 25.4 / dpi, (ink[3] - ink[1]) * 25.4 / dpi)
        assert 2.8 < width_mm < 4 and 2.8 < height_mm < 4, (item, width_mm, height_mm)
        middle = beside.getpixel(((ink[0] + ink[2]) // 2, (ink[1] + ink[3]) // 2))
        assert middle > 200, f"the box beside {item!r} is filled in: nothing to tick"
