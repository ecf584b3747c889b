"""Turn each command of the command line into its work: load the kit, call the stages, return what came of it."""

from .build import BuildRequest, BuildResult, build
from .check import check
from .load import Loaded, load

__all__ = ["BuildRequest", "BuildResult", "Loaded", "build", "check", "load"]
