"""The README documents every command and every option of the command line."""
import click
import pytest

from kroniek.cli.main import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "kroniek"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


ALL = list(commands(cli))


@pytest.mark.parametrize("path, command", ALL, ids=[p for p, _ in ALL])
def test_command_and_its_options_are_documented(path, command):
    assert path in README, f"README does not mention {path!r}"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            flags = [f for f in param.opts + param.secondary_opts if f.startswith("--")]
            if flags and "--help" not in flags:
                assert any(f in README for f in flags), f"README does not document {path} {flags[0]}"
