"""``/healthz``: 200 when the database and the broker answer, 503 otherwise."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from single_window.database import get_engine
from single_window.queue import broker_reachable

router = APIRouter(tags=["operations"])


def database_reachable() -> bool:
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not reachable"
        return False
    return True


@router.get("/healthz")
def health() -> JSONResponse:
    """Whether the database and the broker answer."""
    checks = {"database": database_reachable(), "broker": broker_reachable()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {k: "ok" if v else "down" for k, v in checks.items()},
    }
    return JSONResponse(body, status_code=200 if healthy else 503)
