"""handouts: print-ready know-your-rights pamphlets, wallet cards and posters from a kit of structured content."""

__version__ = "0.1.0"
