"""One placeholder style in every `--help`: values as CAPITALS, choices as a|b|c."""

# Typer 0.28 carries a trimmed Click of its own: its argument and group classes live in typer.core.
from typer._click.core import Command, Context, Parameter
from typer._click.types import DateTime, FloatParamType, IntParamType
from typer._types import TyperChoice
from typer.core import TyperArgument, TyperGroup
from typer.models import TyperPath

# Options whose capitalised name would mislead: what the person types, in words.
_NAMED = {"time": "HH:MM", "output": "FILE", "days": "DAYS"}


def _placeholder(param: Parameter) -> str:
    """Return the placeholder for a parameter that has none of its own."""
    kind = param.type
    if isinstance(kind, TyperChoice):
        return "|".join(str(choice) for choice in kind.choices)
    if isinstance(kind, DateTime):
        return "YYYY-MM-DD"
    # An option is known by its long flag (--time), which may differ from its variable (at).
    flags = [opt.lstrip("-") for opt in getattr(param, "opts", ()) if opt.startswith("--")]
    name = flags[0] if flags else param.name or "value"
    if name in _NAMED:
        return _NAMED[name]
    if isinstance(kind, TyperPath):
        return "FILE"
    if isinstance(kind, IntParamType | FloatParamType):
        return "N"
    return name.upper().replace("_", "-")


class _PlainArgument(TyperArgument):
    """An argument shown as NAME when required and [NAME] when optional, never {NAME}."""

    def make_metavar(self, ctx: Context, *, usage: bool = False) -> str:
        """Return the argument's placeholder, in brackets only when it may be left out."""
        name = self.metavar or _placeholder(self)
        return f"[{name}]" if usage and not self.required else name


def plain_placeholders(command: Command) -> None:
    """Give every parameter of the command and its subcommands one placeholder style."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            # Typer draws required arguments as {NAME}; the subclass changes only that.
            param.__class__ = _PlainArgument
            param.metavar = param.metavar or _placeholder(param)
        elif param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = _placeholder(param)
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            plain_placeholders(sub)
