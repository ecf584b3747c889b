"""Content cites what a reader can open: public pages by address, publisher and date, and files that are there."""

import re

from conftest import PROJECT, content_of

FILE_NAME = re.compile(r"(?<![\w/.-])[\w./-]+\.(?:md|txt|yml|yaml|po|json|py)\b")


def test_content_names_no_file_the_repository_lacks():
    for path in sorted((PROJECT / "content").rglob("*")):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name in FILE_NAME.findall(line):
                # Web addresses that end like a file name are pages, not files.
                if re.search(rf"[a-z0-9-]+\.(?:org|gov|com|net|edu)/\S*{re.escape(name)}", line):
                    continue
                assert (PROJECT / name).exists() or (PROJECT / "content" / name).exists(), \
                    f"{path.relative_to(PROJECT)}:{number} names {name}, which is not in the repository"


def test_every_directory_source_names_a_public_page():
    directory = content_of(PROJECT).directory
    sources = [line.source for line in directory.help_lines] + [directory.locator.source,
                                                                directory.organizations_source]
    for source in sources:
        # An address (a host name with a dot) or the information page's own title with its date.
        assert re.search(r"[a-z0-9-]+\.(?:org|gov|com|net|edu)\b", source) or re.search(r"\d{4}-\d{2}-\d{2}", source), source
        assert "facts" not in source.lower()
