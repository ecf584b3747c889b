"""Turn rendered files into the output folder, all or nothing: the build record, what is current, the manifest,
the index page and the listing."""

from .build_record import RECORD_FILE, fingerprints, printed_fingerprints, read_record
from .currency import file_currency, out_of_date_by_language
from .folder import FolderChange, commit, output_lock
from .index_page import CATALOG_FILE
from .manifest import MANIFEST_FILE

__all__ = ["CATALOG_FILE", "MANIFEST_FILE", "RECORD_FILE", "FolderChange", "commit", "file_currency",
           "fingerprints", "out_of_date_by_language", "output_lock", "printed_fingerprints", "read_record"]
