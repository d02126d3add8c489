"""`solo-check` without a command goes straight to the window, before any command line
parsing; with a command or an option it parses as before."""

from __future__ import annotations

import sys

import pytest

from solo_check import cli


@pytest.fixture
def calls(monkeypatch):
    """What `main` started: "window", or "parser" when it built the argument parser."""
    started: list[str] = []
    real_parser = cli._parser

    def parser():
        started.append("parser")
        return real_parser()

    monkeypatch.setattr(cli, "_gui", lambda: started.append("window") or 0)
    monkeypatch.setattr(cli, "_parser", parser)
    return started


def test_no_command_opens_the_window_without_parsing(calls, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["solo-check"])
    assert cli.main() == cli.EXIT_OK
    assert calls == ["window"]
    assert cli.main([]) == cli.EXIT_OK
    assert calls == ["window", "window"]


def test_an_unknown_option_is_still_refused(calls, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["solo-check", "--no-such-option"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == cli.EXIT_USAGE
    assert "--no-such-option" in capsys.readouterr().err
    assert calls == ["parser"]


def test_a_command_is_parsed_and_run(calls, capsys):
    assert cli.main(["check-content"]) == cli.EXIT_OK
    assert calls == ["parser"]
    assert capsys.readouterr().out.strip()
