"""``/healthz``: 200 when the database and the broker answer, 503 otherwise."""

from fastapi import APIRouter, Request, Response
from sqlalchemy import text
from sqlmodel import Session

from single_window.queue import broker_reachable
from single_window.web.dependencies import SessionDep, SettingsDep
from single_window.web.rendering import render

router = APIRouter(tags=["operations"])


def database_reachable(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not reachable"
        session.rollback()
        return False
    return True


@router.get("/healthz", response_model=None)
def health(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Whether the database and the broker answer; no credentials needed."""
    checks = {"database": database_reachable(session), "broker": broker_reachable(settings)}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {k: "ok" if v else "down" for k, v in checks.items()},
    }
    return render(request, body, root="health", status_code=200 if healthy else 503)
