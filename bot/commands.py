"""`/codebegen ...` comments → `Command` (pure), for the webhook route and the CLI.

The parser lives in `worker/commands.py`, so that the conversation job can use it too (imports go
bot → worker → pipeline); this module is its public name on the bot side.
"""

from worker.commands import (
    COMMAND_USAGE,
    HELP_TEXT,
    PREFIX,
    REFINE_EXAMPLES,
    Command,
    CommandName,
    parse_command,
)

__all__ = [
    "COMMAND_USAGE",
    "HELP_TEXT",
    "PREFIX",
    "REFINE_EXAMPLES",
    "Command",
    "CommandName",
    "parse_command",
]
