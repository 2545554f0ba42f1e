"""One validated Settings object, read from the environment (prefix ``SW_``)."""

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_BROKER = "filesystem://"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SW_", extra="ignore")

    # A file under ./var keeps the first run free of any server to install.
    database_url: str = "sqlite:///./var/single-window.db"
    # The embedded transport lets a real worker process run with no Redis; production sets redis://.
    broker_url: str = EMBEDDED_BROKER
    # Where the embedded transport keeps its queue files; API and worker must share it.
    broker_dir: Path = Path("./var/broker")
    # The queue the service sends to and every worker consumes. Services that share one Redis database (the test
    # suite's runs, or two sandboxes) keep out of each other's way with a queue each, instead of flushing it.
    broker_queue: str = Field(default="single-window", pattern=r"^[A-Za-z0-9._-]{1,100}$")
    # Unset means no officer can sign in, which is safer than a guessable default.
    admin_token: SecretStr | None = None
    # Self-filing (自主备案) is open by default as in the real single window; off, only officers file.
    open_filing: bool = True
    # Callback URLs may lead to loopback and private networks (127/8, 10/8, 172.16/12, 192.168/16, 100.64/10, ::1,
    # fc00::/7). Off by default: a server must not become a way into its own network. `up`, the local sandbox, turns
    # it on, because there the integrator's receiver listens on the same machine. Link-local and cloud metadata
    # addresses stay refused either way (filings/callbacks.py).
    allow_private_callbacks: bool = False
    # Real CEB messages carry at most 100 business documents of 99 lines: 10 MiB is ample.
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=200 * 1024 * 1024)
    # The CEB schemas nest six levels deep; 64 leaves room for ExtendMessage without inviting abuse.
    max_xml_depth: int = Field(default=64, ge=8, le=256)
    # The worker's attempts at one message before it sets the message aside as failed, for an officer to look at and
    # send back (messages/attempts.py). Each is counted before its work starts, so one that killed the worker counts
    # too: with 2, a message that stopped the worker twice is set aside when next picked up instead of killing it a
    # third time, and one that raised gets one more try (the fault may have passed). The faults of the environment
    # (the database, the disk, the broker) count no attempt.
    max_attempts: int = Field(default=2, ge=1, le=10)
    # A message is acknowledged in milliseconds (a hundred orders: about 50 ms), so a task still at it after 45 s is
    # stuck. The soft limit interrupts it: the fault is counted against the message in hand and the drain ends (the
    # next one goes on behind it). Below the minute after which PostgreSQL ends a transaction left idle
    # (idle_in_transaction_session_timeout): that would fail the attempt as the database's fault, counting nothing.
    task_soft_time_limit_seconds: int = Field(default=45, ge=1, le=1800)
    # The hard limit kills the pool process whatever it does (C code never sees the soft one); its claim then counts
    # as an attempt and is taken over after two hard limits. At most half Redis's visibility timeout (an hour,
    # queue.py): an unacknowledged task is handed out again after it, even while it still runs. Celery enforces both
    # limits in its prefork pool, the one `single-window worker` runs; a solo or thread pool would ignore them.
    task_time_limit_seconds: int = Field(default=60, ge=2, le=1800)
    # How often every worker (and the scheduler, a worker with --beat) sweeps for messages whose wake-up was lost or
    # whose worker died.
    sweep_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Cases a clearance drain claims and works in one transaction: one round trip and one commit carry a batch, never
    # one task or commit per case. Smaller batches let more workers share one stage's backlog, at more commits.
    clearance_batch: int = Field(default=200, ge=1, le=1000)
    # How long an inventory waits for its order, payment and waybill before customs rejects it (business clock).
    # A day: integrators send the three documents from three systems, not always before the inventory.
    partner_wait_seconds: float = Field(default=86_400.0, gt=0)
    # How long a selected inventory stays in inspection (500) before it passes by itself, unless an officer or a
    # scenario decides otherwise; short, so a sandbox shows the whole path in seconds.
    inspection_seconds: float = Field(default=2.0, ge=0)
    # The seed of the "double random" draw: the same seed and inventory guid always draw the same number, so a run
    # can be repeated; change it to draw differently.
    risk_seed: str = Field(default="single-window", min_length=1, max_length=100)
    # The guarantee a guarantor (assureCode) starts with before an officer sets one, in CNY: without one every
    # sandbox inventory would wait for an officer. 0 makes every guarantor wait for an officer's balance.
    default_guarantee_cny: Decimal = Field(default=Decimal(1_000_000), ge=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if url.startswith("sqlite:"):
            return url
        for prefix in ("postgresql://", "postgres://", "postgresql+psycopg://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        raise ValueError("must be a sqlite:/// or postgresql:// URL")

    @field_validator("broker_url")
    @classmethod
    def _known_broker(cls, url: str) -> str:
        if url == EMBEDDED_BROKER or url.startswith(("redis://", "rediss://")):
            return url
        raise ValueError(f"must be {EMBEDDED_BROKER} (embedded) or a redis:// URL")

    @field_validator("admin_token")
    @classmethod
    def _strong_admin_token(cls, token: SecretStr | None) -> SecretStr | None:
        if token is not None and len(token.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters")
        return token

    @model_validator(mode="after")
    def _soft_limit_first(self) -> "Settings":
        if self.task_soft_time_limit_seconds >= self.task_time_limit_seconds:
            raise ValueError("SW_TASK_SOFT_TIME_LIMIT_SECONDS must be below SW_TASK_TIME_LIMIT_SECONDS")
        return self

    @property
    def uses_embedded_broker(self) -> bool:
        return self.broker_url == EMBEDDED_BROKER


@lru_cache
def get_settings() -> Settings:
    return Settings()


def describe_settings_error(error: Exception) -> str:
    """Turn a pydantic ValidationError into one line per bad SW_ variable."""
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        return str(error)
    lines = []
    for item in error.errors():
        if not item["loc"]:  # a rule over several settings names them itself
            lines.append(item["msg"])
            continue
        name = "SW_" + "_".join(str(part) for part in item["loc"]).upper()
        lines.append(f"{name}: {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)
