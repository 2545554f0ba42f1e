"""The package as users install it: a wheel, without -e, in a fresh virtual environment, away from the checkout."""

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.processes import answers, free_port, running, service_environment, wait_for
from tests.samples import SAMPLES

REPO_ROOT = Path(__file__).resolve().parents[1]
ORDER = SAMPLES / "valid" / "CEB311-order.xml"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin directory of a fresh virtual environment holding the wheel built from this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    source = _checkout_copy(work / "source")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)])
    (wheel,) = (work / "dist").glob("single_window-*.whl")
    _run([sys.executable, "-m", "venv", str(work / "venv")])
    bin_dir = work / "venv" / "bin"
    _run([str(bin_dir / "pip"), "install", "--quiet", str(wheel)])
    return bin_dir


def _checkout_copy(target: Path) -> Path:
    """The files git would hand a fresh clone, links kept as links: a build in the checkout reuses what an earlier
    build or the editable install left there (build/, *.egg-info/SOURCES.txt) and can pass with package data missing."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO_ROOT).stdout
    for name in filter(None, listed.split("\0")):
        origin, copy = REPO_ROOT / name, target / name
        if not origin.exists() and not origin.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            copy.symlink_to(origin.readlink())
        else:
            shutil.copy2(origin, copy)
    return target


def _run(
    command: list[str], *, cwd: Path | str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900, cwd=cwd, env=env)
    assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result


def test_the_installed_package_holds_the_schemas_and_not_a_link_to_the_checkout(installed: Path) -> None:
    found = _run(
        [str(installed / "python"), "-c", "from single_window.ceb.xsd import SCHEMA_DIR; print(SCHEMA_DIR)"],
        cwd="/",
    )
    schema_dir = Path(found.stdout.strip())
    assert not schema_dir.is_relative_to(REPO_ROOT)
    assert (schema_dir / "ceb" / "import-2022-05.xsd").is_file()


def test_the_installed_command_validates_a_sample_away_from_the_checkout(installed: Path, tmp_path: Path) -> None:
    result = _run(
        [str(installed / "single-window"), "validate", "--json", "--filings", "demo", str(ORDER)],
        cwd=tmp_path,
        env=service_environment(),
    )
    assert json.loads(result.stdout) == {"file": str(ORDER), "valid": True, "errors": []}


@pytest.fixture
def serving(installed: Path, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The installed service on a port of its own, with the demo enterprises filed: its URL and their keys."""
    env = service_environment(SW_DATABASE_URL=f"sqlite:///{tmp_path / 'sw.db'}", SW_BROKER_DIR=str(tmp_path / "broker"))
    _run([str(installed / "single-window"), "demo"], cwd=tmp_path, env=env)
    keys = json.loads((tmp_path / "var" / "demo-credentials.json").read_text(encoding="utf-8"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(["serve", "--port", str(port)], env, tmp_path, program=str(installed / "single-window")):
        log = tmp_path / "process.log"
        wait_for(lambda: answers(f"{base}/healthz"), seconds=60, what="the installed service", log=log)
        yield base, keys


def test_the_installed_service_accepts_a_sample_declaration(serving: tuple[str, dict[str, str]]) -> None:
    base, keys = serving
    response = httpx.post(
        f"{base}/api/v1/messages",
        content=ORDER.read_bytes(),
        headers={
            "Content-Type": "application/xml",
            "Accept": "application/json",
            "Authorization": f"Bearer {keys['3301960001']}",
        },
        timeout=30,
    )
    assert response.status_code == 202, response.text
    assert response.json()["acknowledgement"]["accepted"] == 1
