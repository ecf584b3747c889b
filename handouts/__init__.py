"""handouts: print-ready know-your-rights pamphlets and wallet cards from structured content."""

__version__ = "0.1.0"
