"""Turn render jobs' HTML into finished PDFs and pictures, and what did not fit into problems: the only stage
that runs WeasyPrint or edits PDFs."""

from .fit import layout_problems
from .pool import default_jobs, render_jobs
from .renderer import Rendered

__all__ = ["Rendered", "default_jobs", "layout_problems", "render_jobs"]
