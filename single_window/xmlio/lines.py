"""Where an element stands in the document a client sent."""

from typing import cast

from lxml import etree


def source_line(element: etree._Element) -> int | None:
    # lxml-stubs leave sourceline untyped; lxml gives an int, or None for built trees.
    return cast(int | None, element.sourceline)
