"""The `solo-check` command, run as a user would run it, in a separate process."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from solo_check import __version__

from .conftest import EXAMPLES

# Imports of PySide6 fail in this process, so a command that touches Qt breaks loudly.
NO_QT = """
import sys
sys.modules["PySide6"] = None
from solo_check.cli import main
code = main(sys.argv[1:])
assert not [m for m in sys.modules if m.startswith("PySide6") and sys.modules[m] is not None]
sys.exit(code)
"""


def run(*args: str, no_qt: bool = True) -> subprocess.CompletedProcess[str]:
    command = (
        [sys.executable, "-c", NO_QT, *args]
        if no_qt
        else [sys.executable, "-m", "solo_check", *args]
    )
    # A bare environment: no display, no QT_QPA_PLATFORM, German system language.
    env = {"PATH": "/usr/bin:/bin", "LANG": "de_DE.UTF-8", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_version():
    result = run("--version", no_qt=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"solo-check {__version__}"


def test_check_content_is_clean_without_qt():
    result = run("check-content")
    assert result.returncode == 0, result.stderr
    assert "Alles in Ordnung" in result.stdout


def test_check_content_reports_problems(tmp_path):
    from solo_check.paths import resources_dir

    for file in resources_dir().glob("*.toml"):
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "texts.toml").write_text('[app]\nname = { de = "x" }\n', encoding="utf-8")
    result = run("check-content", "--resources", str(tmp_path))
    assert result.returncode == 1
    assert "texts.toml: app.name.en: Field required" in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_score_prints_an_explained_summary_without_qt(name, lang):
    result = run("score", str(EXAMPLES / name), "--lang", lang, "--today", "2026-12-02")
    assert result.returncode == 0, result.stderr
    heading = {"de": "Ihre ersten ", "en": "Your first "}[lang]
    why = {"de": "Was Ihren Wert am meisten senkt", "en": "What lowers your score most"}[lang]
    assert heading in result.stdout and why in result.stdout


def test_score_json_is_the_full_result():
    path = EXAMPLES / "copywriter-one-client.json"
    result = run("score", str(path), "--json", "--lang", "en", "--today", "2026-12-02")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["situation"]["id"] == "act_now"
    assert data["situation"]["urgent"] is True
    assert set(data["dimensions"]) == {"digital", "exposure", "readiness", "buffers"}
    for dim in data["dimensions"].values():
        assert 0 <= dim["score"] <= 100
        assert dim["contributions"] and all(c["line"] for c in dim["contributions"])
    assert 1 <= len(data["steps"]) <= 10
    assert [s["first"] for s in data["steps"]][:4] == [True, True, True, False]
    assert all(p["url"].startswith("https://") for p in data["pointers"])
    # every reason names the rule branch it comes from, and the branch is listed as matched
    for item in data["steps"] + data["pointers"]:
        assert item["reasons"]
        for reason in item["reasons"]:
            assert reason["source"].rsplit(":", 1)[1] in item["matched"]
    assert data["situation"]["provisional"] is False


def test_score_uses_the_files_language_by_default():
    path = EXAMPLES / "software-developer-ai-daily.json"  # saved in English
    result = run("score", str(path), "--today", "2026-12-02")
    assert "Your first " in result.stdout


def test_bad_answers_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "answers": ', encoding="utf-8")
    result = run("score", str(path), "--lang", "de")
    assert result.returncode == 1
    assert "kann nicht verwendet werden" in result.stderr
    assert "kein gültiges JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_answers_file(tmp_path):
    result = run("score", str(tmp_path / "nope.json"), "--lang", "en")
    assert result.returncode == 1
    assert "The file was not found" in result.stderr


def test_bad_date_option():
    result = run("score", str(EXAMPLES / "plumber-solid-reserves.json"), "--today", "27.11.2026")
    assert result.returncode == 2
    assert "JJJJ-MM-TT" in result.stderr


def test_plain_command_says_the_window_is_not_there_yet():
    result = run()
    assert result.returncode == 1
    assert "solo-check score" in result.stderr


# --------------------------------------------------------------------------- report


def test_report_writes_a_private_pdf_without_qt(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "Bericht.pdf"
    path = EXAMPLES / "copywriter-one-client.json"
    result = run("report", str(path), "-o", str(out), "--today", "2026-12-02")
    assert result.returncode == 0, result.stderr
    assert f"Der Bericht wurde gespeichert: {out}" in result.stdout
    pdf = PdfReader(out)
    assert len(pdf.pages) > 5
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Ihre Lage: Jetzt handeln" in text
    assert "2. Dezember 2026" in text
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Bericht.pdf"]


def test_report_in_english(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    path = EXAMPLES / "plumber-solid-reserves.json"
    result = run("report", str(path), "-o", str(out), "--lang", "en", "--today", "2026-12-02")
    assert result.returncode == 0, result.stderr
    assert "The report was saved" in result.stdout
    assert "Your situation: Stay alert" in PdfReader(out).pages[0].extract_text()


def test_report_from_a_bad_answers_file_writes_nothing(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "answers": ', encoding="utf-8")
    out = tmp_path / "Bericht.pdf"
    result = run("report", str(path), "-o", str(out), "--lang", "de")
    assert result.returncode == 1
    assert "kann nicht verwendet werden" in result.stderr
    assert "kein gültiges JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_report_to_an_unwritable_place_says_so(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "Bericht.pdf"
    path = EXAMPLES / "plumber-solid-reserves.json"
    result = run("report", str(path), "-o", str(out), "--lang", "de")
    assert result.returncode == 1
    assert f"Der Bericht kann nicht unter „{out}“ gespeichert werden" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_report_never_overwrites_the_answers_file(tmp_path):
    path = tmp_path / "answers.json"
    original = (EXAMPLES / "plumber-solid-reserves.json").read_bytes()
    path.write_bytes(original)
    result = run("report", str(path), "-o", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "is your answers file" in result.stderr
    assert path.read_bytes() == original


def test_report_bad_date_option(tmp_path):
    path = EXAMPLES / "plumber-solid-reserves.json"
    result = run("report", str(path), "-o", str(tmp_path / "r.pdf"), "--today", "gestern")
    assert result.returncode == 2
    assert "JJJJ-MM-TT" in result.stderr
    assert list(tmp_path.iterdir()) == []
