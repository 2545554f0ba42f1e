"""What clients send and get back for filings; table models live apart in models.py."""

import re
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from single_window.filings.callbacks import parsed_url_problem
from single_window.filings.uscc import uscc_problem
from single_window.identity.principal import FilingStatus
from single_window.plain_text import TAB_OR_LINE_BREAK, described, invisible_character, is_blank
from single_window.refdata.tables import is_known
from single_window.xmlio.codec import NOT_XML_CHAR


class Role(StrEnum):
    EBC = "ebc"
    EBP = "ebp"
    LOGISTICS = "logistics"
    PAYMENT = "payment"
    AGENT = "agent"
    SITE = "site"


class CreditRating(StrEnum):
    """Art. 29-30: the three grades of enterprise credit."""

    ADVANCED_CERTIFIED = "advanced_certified"
    GENERAL = "general"
    UNTRUSTWORTHY = "untrustworthy"


CUSTOMS_CODE = re.compile(r"[0-9]{4}[0-9A-Z]{6}")
# BaseTransfer/dxpId may hold 30 characters, but a DxpMsg envelope's SenderId and ReceiverId hold 16
# (schemas/dxp/dxpmsg-2022-05.xsd), and intake requires SenderId to be the sender's filed DXP id.
DXP_ID = re.compile(r"[A-Z0-9]{1,16}")
NATIONWIDE_DISTRICT = "0000"
ALLOW_PRIVATE_CALLBACKS = "allow_private_callbacks"


def _valid_uscc(code: str) -> str:
    problem = uscc_problem(code)
    if problem:
        raise PydanticCustomError("uscc_invalid", "not a GB 32100-2015 credit code: {problem}", {"problem": problem})
    return code


def _valid_customs_code(code: str) -> str:
    if not CUSTOMS_CODE.fullmatch(code):
        raise PydanticCustomError(
            "customs_code_invalid", "must be 10 characters: 4 digits then 6 digits or capital letters"
        )
    return code


def _valid_district(code: str) -> str:
    if code == NATIONWIDE_DISTRICT or not is_known("customs_districts", code):
        raise PydanticCustomError("district_unknown", "{code} is not a customs district code", {"code": code})
    return code


def _valid_dxp_id(dxp_id: str) -> str:
    if not DXP_ID.fullmatch(dxp_id):
        raise PydanticCustomError(
            "dxp_id_invalid",
            "must be 1-16 capital letters or digits, e.g. DXPENT0000530815: a DxpMsg envelope's SenderId, which must"
            " be the sender's DXP id, holds at most 16 characters",
        )
    return dxp_id


def _distinct_roles(roles: list[Role]) -> list[Role]:
    if len(set(roles)) != len(roles):
        raise PydanticCustomError("roles_repeated", "each role may be named once")
    return sorted(roles)


def _plain_text(value: Any) -> Any:
    """Text a person typed: nothing a reader does not see (plain_text's one rule), nothing XML cannot carry (the
    answers and the messages are XML), and not white space alone.

    Before white space is stripped, so that nothing invisible hides at either end and a blank value is named blank.
    """
    if not isinstance(value, str):
        return value
    invisible = invisible_character(value)
    if invisible:
        raise PydanticCustomError(
            "text_invisible_character", "holds a character a reader does not see: {character}", {"character": invisible}
        )
    unsendable = NOT_XML_CHAR.search(value)
    if unsendable:
        raise _holds("text_not_xml_character", "which XML cannot carry", value, unsendable.start())
    if is_blank(value):
        raise PydanticCustomError("text_blank", "is white space only")
    return value


def _one_line(text: str) -> str:
    # A reason may run over several lines; a name is one line.
    found = TAB_OR_LINE_BREAK.search(text)
    if found:
        raise _holds("text_not_one_line", "and must be one line without tabs", text, found.start())
    return text


def _holds(code: str, why: str, text: str, index: int) -> PydanticCustomError:
    return PydanticCustomError(code, "holds {character}, {why}", {"character": described(text, index), "why": why})


def _permitted_callback(url: HttpUrl, info: ValidationInfo) -> HttpUrl:
    problem = parsed_url_problem(url, allow_private=_allows_private_callbacks(info.context))
    if problem:
        raise PydanticCustomError("callback_url_forbidden", "{problem}", {"problem": problem})
    return url


def callback_context(*, allow_private: bool) -> dict[str, bool]:
    """The validation context of filings and amendments: whether callback URLs may lead to private networks."""
    return {ALLOW_PRIVATE_CALLBACKS: allow_private}


def _allows_private_callbacks(context: Any) -> bool:
    # Without a context (the demo's own filings, code that builds a filing) the strict rule holds.
    return isinstance(context, Mapping) and context.get(ALLOW_PRIVATE_CALLBACKS) is True


Uscc = Annotated[str, AfterValidator(_valid_uscc)]
CustomsCode = Annotated[str, AfterValidator(_valid_customs_code)]
District = Annotated[str, AfterValidator(_valid_district)]
DxpId = Annotated[str, AfterValidator(_valid_dxp_id)]
Roles = Annotated[list[Role], Field(min_length=1), AfterValidator(_distinct_roles)]
EnterpriseName = Annotated[
    str, Field(min_length=1, max_length=100), BeforeValidator(_plain_text), AfterValidator(_one_line)
]
Reason = Annotated[str, Field(min_length=1, max_length=500), BeforeValidator(_plain_text)]
CallbackUrl = Annotated[HttpUrl, AfterValidator(_permitted_callback)]


class EnterpriseFiling(BaseModel):
    """A self-filing (自主备案) as the enterprise sends it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: EnterpriseName
    uscc: Uscc
    customs_code: CustomsCode
    roles: Roles
    district: District
    dxp_id: DxpId
    callback_url: CallbackUrl | None = None


class EnterpriseAmendment(BaseModel):
    """The fields an enterprise may change after filing; the codes that identify it may not."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: EnterpriseName | None = None
    roles: Roles | None = None
    district: District | None = None
    dxp_id: DxpId | None = None
    callback_url: CallbackUrl | None = None

    @field_validator("name", "roles", "district", "dxp_id", mode="before")
    @classmethod
    def _null_only_clears_the_callback_url(cls, value: Any) -> Any:
        # Left out means unchanged; null would mean "no value", which only the callback URL may have.
        if value is None:
            raise PydanticCustomError("null_not_allowed", "may be left out but not set to null")
        return value

    def changes(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: FilingStatus
    reason: Reason


class CreditRatingChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    rating: CreditRating
    reason: Reason


class EnterprisePublic(BaseModel):
    name: str
    uscc: str
    customs_code: str
    roles: list[Role]
    district: str
    district_name: str
    dxp_id: str
    callback_url: str | None
    status: FilingStatus
    credit_rating: CreditRating
    filed_at: datetime
    updated_at: datetime


class FilingReceipt(EnterprisePublic):
    """Returned once, at filing or key rotation: the only time the API key is shown."""

    api_key: str


class ApiKeyIssued(BaseModel):
    customs_code: str
    api_key: str


class FilingChangePublic(BaseModel):
    kind: str
    actor: str
    changed_at: datetime
    changes: dict[str, Any]
    reason: str | None


class EnterprisePage(BaseModel):
    items: list[EnterprisePublic]
    total: int
    offset: int
    limit: int
