"""Turn a kit folder into checked, typed content: the kit file, its content files and its language table."""

from .content import load_content
from .kit_file import KIT_FILE, Kit, KitDocument, load_kit
from .model import Content, KitContent, Text

__all__ = ["KIT_FILE", "Content", "Kit", "KitContent", "KitDocument", "Text", "load_content", "load_kit"]
