"""The query parameters of a paged list, the same on every list route."""

from typing import Annotated

from fastapi import Query

# Beyond a 32-bit integer the databases overflow rather than return an empty page.
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]
Limit = Annotated[int, Query(ge=1, le=500)]
