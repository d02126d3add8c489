"""Solo-Check as a user installs it: the wheel built from this repository, installed into
a fresh virtual environment outside the source tree and used from there.

The tests marked slow build the wheel and install it with its dependencies (PySide6
among them) into one venv shared by the module; they run in CI's plain `pytest`.
The others check that the program survives having no console (the Windows GUI launcher).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from solo_check import __version__

from .conftest import EXAMPLES, ROOT

EXAMPLE = "copywriter-one-client.json"


@dataclass
class Installed:
    wheel: Path
    venv: Path
    work: Path  # a working folder outside the source tree, the cwd of every command
    home: Path  # SOLO_CHECK_HOME: never the real user data folder

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        """A bare environment: the venv first on PATH, German system language, no display,
        no QT_QPA_PLATFORM, nothing pointing back into the source tree."""
        env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "HOME": str(self.work),
            "LANG": "de_DE.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "SOLO_CHECK_HOME": str(self.home),
        }
        env.update(extra)
        return env

    def run(self, *command: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(part) for part in command],
            cwd=self.work,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
        )

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.bin / "python", "-c", code)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    assert not base.resolve().is_relative_to(ROOT), "the venv must live outside the source tree"
    started = time.perf_counter()
    dist = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        cwd=base,
        check=True,
        timeout=600,
    )
    (wheel,) = dist.glob("solo_check-*.whl")
    built = time.perf_counter()
    venv = base / "venv"
    # A fresh venv without the system's site packages (the default), from this interpreter.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        cwd=base,
        check=True,
        timeout=1800,
    )
    done = time.perf_counter()
    # Seen with `pytest -s` (or in the output of a failing test): PySide6 is most of it.
    print(
        f"\nwheel built in {built - started:.1f} s, venv with its dependencies installed "
        f"in {done - built:.1f} s"
    )
    work = base / "work"
    work.mkdir()
    home = base / "home"
    return Installed(wheel=wheel, venv=venv, work=work, home=home)


@pytest.mark.slow
def test_the_wheel_carries_every_resource_and_the_legal_files(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    resources = ROOT / "resources"
    for path in resources.rglob("*"):
        if path.is_file():
            assert f"solo_check/resources/{path.relative_to(resources).as_posix()}" in names
    assert "solo_check/resources/legal/LICENSE" in names
    assert "solo_check/resources/legal/THIRD-PARTY-NOTICES.md" in names


@pytest.mark.slow
def test_launchers_are_a_gui_script_and_a_console_script(installed):
    result = installed.python(
        "import json; from importlib.metadata import entry_points as e; print(json.dumps("
        "{g: {p.name: p.value for p in e(group=g) if p.dist.name == 'solo-check'}"
        " for g in ('gui_scripts', 'console_scripts')}))"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "gui_scripts": {"solo-check": "solo_check.cli:main"},
        "console_scripts": {"solo-check-cli": "solo_check.cli:main"},
    }
    assert (installed.bin / "solo-check").is_file()
    assert (installed.bin / "solo-check-cli").is_file()


@pytest.mark.slow
def test_one_version_everywhere(installed):
    metadata = installed.python("import importlib.metadata as m; print(m.version('solo-check'))")
    module = installed.python("import solo_check; print(solo_check.__version__)")
    launcher = installed.run(installed.bin / "solo-check", "--version")
    console = installed.run(installed.bin / "solo-check-cli", "--version")
    as_module = installed.run(installed.bin / "python", "-m", "solo_check", "--version")
    for result in (metadata, module, launcher, console, as_module):
        assert result.returncode == 0, result.stderr
    assert metadata.stdout.strip() == module.stdout.strip() == __version__
    expected = f"solo-check {__version__}"
    assert launcher.stdout.strip() == console.stdout.strip() == as_module.stdout.strip()
    assert launcher.stdout.strip() == expected


@pytest.mark.slow
def test_resources_and_legal_files_come_from_the_venv(installed):
    result = installed.python(
        "import json, sysconfig, solo_check; from solo_check import paths; print(json.dumps({"
        "'site': sysconfig.get_paths()['purelib'], 'package': solo_check.__file__,"
        "'resources': str(paths.resources_dir()),"
        "'license': str(paths.legal_file('LICENSE')),"
        "'notices': str(paths.legal_file('THIRD-PARTY-NOTICES.md'))}))"
    )
    assert result.returncode == 0, result.stderr
    found = {key: Path(value) for key, value in json.loads(result.stdout).items()}
    site = found["site"]
    assert site.is_relative_to(installed.venv)
    for key in ("package", "resources", "license", "notices"):
        assert found[key].is_relative_to(site), (key, found[key])
        assert not found[key].resolve().is_relative_to(ROOT), (key, found[key])
    assert found["resources"] == site / "solo_check" / "resources"
    assert found["license"].read_bytes() == (ROOT / "LICENSE").read_bytes()
    assert found["notices"].read_bytes() == (ROOT / "THIRD-PARTY-NOTICES.md").read_bytes()


@pytest.mark.slow
def test_check_content_runs_from_the_venv(installed):
    result = installed.run(installed.bin / "solo-check", "check-content")
    assert result.returncode == 0, result.stderr
    assert "Alles in Ordnung" in result.stdout


@pytest.mark.slow
def test_report_from_the_venv_is_a_readable_pdf_with_the_bundled_font(installed):
    out = installed.work / "out.pdf"
    result = installed.run(
        installed.bin / "solo-check", "report", EXAMPLES / EXAMPLE, "-o", "out.pdf",
        "--today", "2026-11-27",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Der Bericht wurde gespeichert: {Path('out.pdf')}" in result.stdout
    pdf = PdfReader(out)
    assert len(pdf.pages) > 5
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Ihre Lage: Jetzt handeln" in text
    assert "27. November 2026" in text
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            assert "/FontFile2" in described["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts


@pytest.mark.slow
def test_the_window_starts_from_the_venv(installed):
    result = installed.run(
        installed.bin / "solo-check", SOLO_CHECK_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    assert "window shown: Solo-Check" in result.stdout
    assert "Traceback" not in result.stderr
    # The window opened its store where SOLO_CHECK_HOME says, not in the user's folder.
    assert any(installed.home.iterdir())


# --------------------------------------------------------------------------- no console

# What pythonw and the Windows GUI launcher give the program: no stdout, no stderr.
WITHOUT_CONSOLE = """
import sys
sys.stdout = None
sys.stderr = None
from solo_check.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_without_console(*args: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "de_DE.UTF-8", **extra}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_CONSOLE, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_console_the_headless_commands_still_work(tmp_path):
    example = EXAMPLES / EXAMPLE
    assert run_without_console("--version").returncode == 0
    assert run_without_console("check-content").returncode == 0
    assert run_without_console("score", example).returncode == 0
    out = tmp_path / "Bericht.pdf"
    assert run_without_console("report", example, "-o", out).returncode == 0
    assert len(PdfReader(out).pages) > 5


def test_without_a_console_a_message_on_stderr_does_not_crash(tmp_path):
    # A bad date is reported on stderr with exit code 2; a crash would give 1.
    result = run_without_console("score", EXAMPLES / EXAMPLE, "--today", "gestern")
    assert result.returncode == 2


def test_without_a_console_the_window_starts(tmp_path):
    result = run_without_console(
        SOLO_CHECK_EXIT_WHEN_SHOWN="1",
        QT_QPA_PLATFORM="offscreen",
        SOLO_CHECK_HOME=str(tmp_path),
        HOME=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert any(tmp_path.iterdir())
