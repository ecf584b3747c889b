"""Turn the output folder's new set of files into its listing, manifest.json and index.html, before anything
in the folder changes."""

from __future__ import annotations

import json
from pathlib import Path

from ..i18n.catalogs import Translation, load_translations
from ..i18n.status import language_status
from ..i18n.strings import translatable_strings
from ..kit.kit_file import Kit
from ..kit.model import KitContent
from ..languages import SOURCE_LANGUAGE
from ..outputs import EVERY_LANGUAGE, MIXED_LANGUAGES, SHARED_FOLDERS
from .build_record import LanguageReview
from .index_page import (
    CATALOG_FILE,
    EVERY_LANGUAGE_REVIEW,
    MIXED_LANGUAGES_REVIEW,
    NOT_BUILT,
    CatalogLanguage,
    catalog_html,
    review_status,
)
from .manifest import (
    MANIFEST_FILE,
    FileCurrency,
    RecordingEntry,
    entries_of,
    language_folders,
    manifest_json,
    output_files,
)


def listing_files(output_dir: Path, new_files: list[tuple[str, bytes]], removed: list[str],
                  reviews: dict[str, LanguageReview], content: KitContent, kit: Kit,
                  currency: dict[str, FileCurrency],
                  recordings: list[RecordingEntry] = ()) -> tuple[tuple[str, bytes], ...]:
    """(manifest.json, bytes) and (index.html, bytes) for the folder as it will be once the new files are
    in and the removed ones gone: every output file of every language, those built earlier too; and the
    kit's recordings, played or out of date."""
    languages = [*kit.languages, *SHARED_FOLDERS]
    new_set: dict[str, bytes | Path] = {path: file for path, file in output_files(output_dir, languages).items()
                                        if path not in set(removed)}
    new_set.update(new_files)
    folders = language_folders(output_dir, languages)
    codes = [code for code in languages if code in folders or any(path.split("/", 1)[0] == code for path in new_set)]
    as_of = content.newest_information_date
    entries = entries_of(new_set, codes, as_of, currency)
    # Every language of the kit has its section: one never built says so, and how to build it.
    listed = catalog_languages(codes, reviews, content, kit) + [
        CatalogLanguage(code, language.written_name_in_english, language.own_name, language.direction, NOT_BUILT,
                        incomplete=False) for code, language in kit.languages.items() if code not in codes]
    listed.sort(key=lambda language: languages.index(language.code))
    page = catalog_html(entries, listed, as_of, kit.template_dirs, recordings)
    return (MANIFEST_FILE, manifest_json(entries, recordings)), (CATALOG_FILE, page.encode("utf-8"))


def catalog_languages(codes: list[str], reviews: dict[str, LanguageReview], content: KitContent,
                      kit: Kit) -> list[CatalogLanguage]:
    """Each language as the listing names it, with the review status its files were built with.

    That status is the one the build record kept when the language was built, so building English
    never needs the Spanish catalog, broken or not. Only for files the record does not know (made by an
    earlier version of the tool) is the catalog read; if it cannot be, the build stops there, before
    anything in the folder changed."""
    known = {code: review for code, review in reviews.items() if _is_review(review.review)}
    unknown = tuple(code for code in codes if code not in (SOURCE_LANGUAGE, *SHARED_FOLDERS) and code not in known)
    if unknown:
        translations = load_translations(translatable_strings(content), kit.translations_dir,
                                         [kit.languages[code] for code in unknown])
        known.update({code: review_of(translation) for code, translation in translations.items()})
    languages = []
    for code in codes:
        if code == MIXED_LANGUAGES:
            languages.append(CatalogLanguage(code, "Languages mixed", "Languages mixed", "ltr", MIXED_LANGUAGES_REVIEW,
                                             incomplete=False))
            continue
        if code == EVERY_LANGUAGE:
            languages.append(CatalogLanguage(code, "Every language", "Every language", "ltr", EVERY_LANGUAGE_REVIEW,
                                             incomplete=False))
            continue
        review = LanguageReview("source", False) if code == SOURCE_LANGUAGE else known[code]
        language = kit.languages[code]
        languages.append(CatalogLanguage(code, language.written_name_in_english, language.own_name,
                                         language.direction, review.review, incomplete=review.incomplete))
    return languages


def review_of(translation: Translation) -> LanguageReview:
    return LanguageReview(language_status(translation).review, incomplete=bool(translation.untranslated))


def _is_review(review: str) -> bool:
    # The record is read from disk: a status the page cannot show counts as not recorded.
    try:
        return review != "source" and bool(review_status(review))
    except ValueError:
        return False


def listing_agrees(output_dir: Path, currency: dict[str, FileCurrency]) -> bool:
    """Whether manifest.json already says of every file what `currency` says: current or out of date."""
    try:
        listed = json.loads((output_dir / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
        said = {entry["path"]: entry.get("current") for entry in listed}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return all(said.get(path) == state.current for path, state in currency.items() if path in said)
