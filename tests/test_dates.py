"""Every edition prints the information date as its readers write it; a catalog may give its own pattern and
month names where CLDR has none."""

import pytest

from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from conftest import Pdf

HAITIAN_MONTHS = "janvye, fevriye, mas, avril, me, jen, jiyè, out, septanm, oktòb, novanm, desanm"


def set_header(project, language, lines):
    path = project / "content" / "translations" / f"{language}.po"
    text = path.read_text(encoding="utf-8")
    for prefix in ("# Dates:", "# Months:"):
        text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(prefix))
    status_end = text.index("\n", text.index("# Status:")) + 1
    path.write_text(text[:status_end] + "".join(f"{line}\n" for line in lines) + text[status_end:], encoding="utf-8")


def card_front(project, language):
    build(BuildRequest(project_dir=project, output_dir=project / "output", languages=(language,), products=("card",)))
    return Pdf(project / "output" / language / "know-your-rights-card.pdf").pages[0].words


def test_a_catalog_gives_its_own_month_names(project_copy):
    set_header(project_copy, "ht", ["# Dates: d MMMM y", f"# Months: {HAITIAN_MONTHS}"])
    assert "18 mas 2024" in card_front(project_copy, "ht")


def test_a_catalog_gives_its_own_order_of_day_month_and_year(project_copy):
    set_header(project_copy, "ti", ["# Dates: d MMMM y"])
    assert "18 መጋቢት 2024" in card_front(project_copy, "ti")


@pytest.mark.parametrize("lines, message", [
    (["# Dates: d MMMM y {date}"], "the date pattern 'd MMMM y {date}' is not one of d, M and y"),
    (["# Months: janvye, fevriye, mas"], "the month names must be twelve plain names, January first, found 3."),
])
def test_a_bad_date_style_is_refused(project_copy, lines, message):
    set_header(project_copy, "ht", lines)
    with pytest.raises(ContentError) as refused:
        card_front(project_copy, "ht")
    assert f"content/translations/ht.po: [ht]: {message}" in str(refused.value)
