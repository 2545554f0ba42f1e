"""The XML namespaces of CEB messages, the DXP envelope and XML-DSig; parse by namespace, never by prefix."""

from typing import Any

CEB_NS = "http://www.chinaport.gov.cn/ceb"
DXP_NS = "http://www.chinaport.gov.cn/dxp"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"


def ceb(localname: str) -> str:
    return f"{{{CEB_NS}}}{localname}"


def dxp(localname: str) -> str:
    return f"{{{DXP_NS}}}{localname}"


# Real receipts from customs put the CEB namespace on the root as the default, with no prefix.
DEFAULT_CEB_NSMAP: Any = {None: CEB_NS}
