"""The sample messages in sample_declarations/, and who sends each."""

import base64
import re
from pathlib import Path

from lxml import etree

from single_window.ceb.namespaces import CEB_NS, DXP_NS

SAMPLES = Path(__file__).parents[1] / "sample_declarations"
SENDER_INSTRUCTION = re.compile(rb'<\?sample sender="(\d{10})"\?>')


def sender_of(body: bytes) -> str:
    """Who sends the sample: its ``<?sample sender?>`` instruction, else BaseTransfer/copCode (inside a DxpMsg)."""
    named = SENDER_INSTRUCTION.search(body)
    if named:
        return named.group(1).decode()
    root = etree.fromstring(body)
    data = root.find(f"{{{DXP_NS}}}Data")
    if data is not None:
        root = etree.fromstring(base64.b64decode(data.text or ""))
    cop_code = root.find(f"{{{CEB_NS}}}BaseTransfer/{{{CEB_NS}}}copCode")
    return (cop_code.text or "") if cop_code is not None else "3301960001"


def samples(folder: str) -> list[Path]:
    return sorted((SAMPLES / folder).glob("*.xml"))
