"""One validated Settings object, read from the environment (prefix ``SW_``)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
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
        name = "SW_" + "_".join(str(part) for part in item["loc"]).upper()
        lines.append(f"{name}: {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)
