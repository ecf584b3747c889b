"""After a rule change: one English edit goes fuzzy everywhere, status shows it, drafts print the English marked,
a release refuses it; reviewed catalogs and verified entries let a release through."""

import datetime
import io
import re
import json
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.commands.verify import record_verification
from handouts.errors import ContentError
from conftest import (CATALOG_STRINGS, TRANSLATED_LANGUAGES, date_information_by_hand, translations_of,
                      update_catalogs_of)
from conftest import PROJECT
from handouts.kit.content import load_content
from handouts.kit import load_kit

OLD = "You have the right to a phone call to your family."
NEW = "You have the right to a free phone call to your family."


def run(capsys, *arguments: str) -> SimpleNamespace:
    """A command run as the command line runs it, in this process: its exit code and what it printed."""
    code = main(list(arguments))
    out, err = capsys.readouterr()
    return SimpleNamespace(returncode=code, stdout=out, stderr=err)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def catalog(project, language):
    path = project / "content" / "translations" / f"{language}.po"
    return read_po(io.BytesIO(path.read_bytes()))


@pytest.fixture
def changed_rule(project_copy):
    """The project after an editor changed one English sentence and refreshed the catalogs. Its information
    is dated by hand (information.as_of), which the editor must move when the information is checked again."""
    date_information_by_hand(project_copy)
    edit(project_copy / "content" / "card.yml", OLD, NEW)
    report = update_catalogs_of(project_copy, TRANSLATED_LANGUAGES)
    assert report == {language: {"translated": CATALOG_STRINGS - 1, "fuzzy": 1, "untranslated": 0, "new": 0, "obsolete": 0} for language in TRANSLATED_LANGUAGES}
    return project_copy


def test_exactly_the_changed_string_becomes_fuzzy_in_all_twelve_catalogs(changed_rule):
    for language in TRANSLATED_LANGUAGES:
        fuzzy = [message for message in catalog(changed_rule, language) if message.id and message.fuzzy]
        assert [message.context for message in fuzzy] == ["card:front.rights.call"], language
        assert fuzzy[0].id == NEW
        assert fuzzy[0].string  # the old translation is kept for the translator
        text = (changed_rule / "content" / "translations" / f"{language}.po").read_text(encoding="utf-8")
        assert f'#| msgid "{OLD}"' in text  # the previous English, as msgmerge --previous keeps it


def test_updating_again_keeps_the_previous_english(changed_rule):
    update_catalogs_of(changed_rule, ("es",))
    text = (changed_rule / "content" / "translations" / "es.po").read_text(encoding="utf-8")
    assert text.count(f'#| msgid "{OLD}"') == 1
    assert "# | msgid" not in text


def test_status_reports_the_fuzzy_string(changed_rule, capsys):
    result = run(capsys, "status", "--project", str(changed_rule), "--json")
    statuses = {status["language"]: status for status in json.loads(result.stdout)}
    assert set(statuses) == set(TRANSLATED_LANGUAGES)
    for status in statuses.values():
        assert (status["translated"], status["fuzzy"], status["missing"]) == (CATALOG_STRINGS - 1, 1, 0)
        assert status["fuzzy_keys"] == ["card:front.rights.call"]
        assert status["review"] == "draft" and status["complete"] is False
    plain = run(capsys, "status", "--project", str(changed_rule)).stdout.splitlines()
    # A table, then one line of counts (not a line per string per language), then a reminder (the English
    # changed today, after the information date), then the languages not built yet (no output folder here).
    assert len(plain) == 1 + len(TRANSLATED_LANGUAGES) + 3
    assert plain[-3].startswith("1 string changed in English since translated: printed in English")
    assert plain[-2] == (f"Reminder: the English changed on {datetime.date.today().isoformat()}, after the "
                         "information date 2024-03-18 printed on every piece: if the change brings the information "
                         "up to date, set information.as_of in content/handout.yml:26 to the day it was checked.")
    assert plain[-1].startswith("Not built yet: en, es, fr, ")
    listed = run(capsys, "status", "--project", str(changed_rule), "--keys").stdout.splitlines()
    assert listed[-3] == "card:front.rights.call: fuzzy (the English changed) in every language"


@pytest.mark.parametrize("language", ["es", "fa-AF"])
def test_a_draft_build_prints_the_new_english_marked_never_the_stale_translation(changed_rule, read_pdf, language):
    stale = catalog(changed_rule, language).get(NEW, context="card:front.rights.call").string
    result = build(BuildRequest(project_dir=changed_rule, output_dir=changed_rule / "output",
                                languages=(language,), products=("card",)))
    card = read_pdf(changed_rule / "output" / language / "know-your-rights-card.pdf")
    front = "".join(ch for ch in card.pages[0].words if ch not in "\u2066\u2069\u200e")
    assert f"[EN] {NEW}" in front
    assert stale not in front
    back = card.pages[1].words
    # The piece says it is incomplete. (Copy-and-paste may mirror the brackets of
    # "[EN]" after right-to-left text has used them, so they are not compared.)
    assert "Not yet translated: shown in English." in back
    # Said as it is: the English changed since it was translated; not "not translated".
    assert f"({language}): 1 string changed in English since translated (fuzzy) (card:front.rights.call): " \
           "printed in English, marked [EN], until translated." in " ".join(result.warnings)


def test_a_release_build_refuses_and_names_the_fuzzy_string(changed_rule):
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_dir=changed_rule, output_dir=changed_rule / "output", languages=("es",),
                           products=("card",), release=True))
    problems = [str(problem) for problem in caught.value.problems]
    assert ("content/translations/es.po: card:front.rights.call [es]: not ready for release: fuzzy, "
            "the English changed since it was translated.") in " ".join(problems)
    assert any("[es]: not ready for release: the translation is still a draft." in p for p in problems)
    assert any("[es]: not ready for release: uses an unverified directory entry: UNHCR protection line (#566)" in p
               for p in problems)
    assert not (changed_rule / "output").exists()


def test_a_release_refuses_old_information_until_the_date_is_set_anew(changed_rule):
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_dir=changed_rule, output_dir=changed_rule / "output", languages=("en",),
                           products=("card",), release=True))
    age = (datetime.date.today() - datetime.date(2024, 3, 18)).days
    assert (f"content/handout.yml:26: information.as_of: not ready for release: the information is {age} days old "
            "(as of 2024-03-18; a release takes at most 180)") in str(caught.value)


def test_the_build_reminds_the_editor_to_date_a_rule_change(changed_rule):
    result = build(BuildRequest(project_dir=changed_rule, output_dir=changed_rule / "output", languages=("es",),
                                products=("card",)))
    assert any(warning.startswith(f"the English changed on {datetime.date.today().isoformat()}, after the "
                                  "information date 2024-03-18") for warning in result.warnings)
    edit(changed_rule / "content" / "handout.yml", "information:\n  as_of: 2024-03-18",
         f"information:\n  as_of: {datetime.date.today().isoformat()}")
    result = build(BuildRequest(project_dir=changed_rule, output_dir=changed_rule / "output", languages=("es",),
                                products=("card",)))
    assert not any("after the information date" in warning for warning in result.warnings)


def test_new_and_removed_strings(project_copy):
    handout = project_copy / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    # A new paragraph in a section, and a paragraph the source page no longer has.
    text = text.replace("      one_year: >-", "      new_rule: A rule that changed.\n      one_year: >-", 1)
    start, end = text.index("      safe_mobility_ended:"), text.index("  find_help:")
    handout.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")

    kept_before = [key[1] for key in catalog(project_copy, "ru").obsolete]
    report = update_catalogs_of(project_copy, ("ru",))
    assert report["ru"] == {"translated": CATALOG_STRINGS - 1, "fuzzy": 0, "untranslated": 0, "new": 1,
                            "obsolete": 1}
    ru = catalog(project_copy, "ru")
    assert ru.get("A rule that changed.", context="handout:sections.asylum.body.new_rule").string == ""
    # Kept, with those the catalog kept from earlier changes.
    kept = [key[1] for key in ru.obsolete]
    assert sorted(kept) == sorted([*kept_before, "handout:sections.other_protection.body.safe_mobility_ended.text"])
    translation = translations_of(project_copy, ("ru",))["ru"]
    assert translation.missing == ("handout:sections.asylum.body.new_rule",)


def test_a_reviewed_complete_verified_language_passes_a_release(project_copy, read_pdf):
    spanish = project_copy / "content" / "translations" / "es.po"
    edit(spanish, "# Status: draft - not yet reviewed by a native speaker.",
         "# Status: reviewed by a certified court interpreter, 2026-12-01")
    # Every code, number and address confirmed recently, on a current page: a release takes no verification
    # older than 180 days, and no unconfirmed entry.
    recent = datetime.date.today().isoformat()
    page = f"https://example.org/help-lines, Example Legal Aid, {recent}"
    for entry in ("help_lines.detention_hotline", "help_lines.ice_information_line", "help_lines.parent_hotline",
                  "help_lines.unhcr_line", "detainee_locator", "local_organizations"):
        record_verification(project_copy, entry, datetime.date.today(), source=page, by="legal services coordinator")
    # Every rule checked recently: a release takes none older than 180 days, nor one past its recheck_by.
    later = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    for name in ("handout.yml", "card.yml"):
        path = project_copy / "content" / name
        path.write_text(re.sub(r"recheck_by: [0-9-]+", f"recheck_by: {later}",
                               re.sub(r"\bas_of: [0-9-]+", f"as_of: {recent}", path.read_text(encoding="utf-8"))),
                        encoding="utf-8")
    result = build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("es",),
                                products=("card",), release=True))
    assert [path.name for path in result.written] == ["know-your-rights-card.pdf"]
    back = read_pdf(project_copy / "output" / "es" / "know-your-rights-card.pdf").pages[1].words
    assert "Draft translation" not in back


def test_a_reviewed_mark_must_say_who_and_when(project_copy):
    spanish = project_copy / "content" / "translations" / "es.po"
    edit(spanish, "# Status: draft - not yet reviewed by a native speaker.", "# Status: reviewed")
    with pytest.raises(ContentError) as caught:
        translations_of(project_copy, ("es",))
    assert str(caught.value) == (
        "content/translations/es.po: [es]: a reviewed catalog must say who reviewed it (their role) and when. "
        "Write the header line as: # Status: reviewed by <the reviewer's role>, <YYYY-MM-DD>, or # Status: draft")


def test_every_shipped_catalog_is_a_draft_and_passes_msgfmt_check():
    translations = PROJECT / "content" / "translations"
    for language in TRANSLATED_LANGUAGES:
        header = (translations / f"{language}.po").read_text(encoding="utf-8").split("msgid", 1)[0]
        assert "# Status: draft" in header
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: sudo apt-get install gettext")
    for language in TRANSLATED_LANGUAGES:
        result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(translations / f"{language}.po")],
                                capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, (language, result.stderr)


def test_check_warns_about_old_information_and_entries(project_copy):
    from handouts.commands.check import freshness_warnings
    import datetime

    date_information_by_hand(project_copy)
    content = load_content(load_kit(project_copy))
    warnings = freshness_warnings(content, 180, datetime.date(2026, 11, 27))
    assert warnings[0].startswith("the information of know-your-rights and help-lines is 984 days old "
                                  "(as of 2024-03-18")
    assert any(w.startswith("Online Detainee Locator is 984 days old") for w in warnings)
    assert freshness_warnings(content, 1000, datetime.date(2026, 11, 27)) == []


def test_a_second_change_keeps_the_english_the_translation_was_made_from(changed_rule):
    edit(changed_rule / "content" / "card.yml", NEW, "You may make a free phone call to your family.")
    update_catalogs_of(changed_rule, ("pa",))
    text = (changed_rule / "content" / "translations" / "pa.po").read_text(encoding="utf-8")
    assert f'#| msgid "{OLD}"' in text and f'#| msgid "{NEW}"' not in text
