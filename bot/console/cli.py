"""`pathways-admin`: staff accounts and the knowledge-base reload from a shell on the server.

    pathways-admin create-user NAME --role agent|editor|admin [--language es|pt|en]
    pathways-admin reset-password NAME
    pathways-admin kb-reload

The first admin is created this way; later users too, or on the console's Users page. Passwords printed
here work once: the console asks for a new one at the first sign-in. Migrations run first, so this works
on a fresh database. Every command is written to the audit log as "pathways-admin".
"""

from __future__ import annotations

import argparse
import sys
import time

from bot.console import audit, users
from bot.console.auth import ROLES
from bot.console.i18n import CONSOLE_LANGUAGES
from bot.db.migrate import upgrade
from bot.kb.store import request_reload_everywhere
from bot.settings import Settings, get_settings

OPERATOR = "pathways-admin"


def _create_user(settings: Settings, args: argparse.Namespace) -> int:
    try:
        _user_id, password = users.create_user(settings.database_url, args.name, args.role, args.language)
    except users.UserError as error:
        print(
            "a username has 3 to 64 lowercase letters, digits, dots, hyphens or underscores"
            if error.code == "users.error.name"
            else f"a user named {args.name!r} already exists (reset its password with reset-password)",
            file=sys.stderr,
        )
        return 1
    name = args.name.strip().lower()
    audit.record(
        settings.database_url, None, "user_created", detail=f"{name} ({args.role})", username=OPERATOR
    )
    print(f"Created {args.role} {name}. One-time password (to change at the first sign-in):")
    print(password)
    return 0


def _reset_password(settings: Settings, args: argparse.Namespace) -> int:
    user = users.get_user(settings.database_url, args.name.strip().lower())
    password = users.reset_password(settings.database_url, user.id) if user else None
    if user is None or password is None:
        print(f"no user named {args.name!r}", file=sys.stderr)
        return 1
    audit.record(settings.database_url, None, "user_password_reset", detail=user.username, username=OPERATOR)
    print(f"New one-time password for {user.username} (to change at the next sign-in):")
    print(password)
    return 0


def _kb_reload(settings: Settings, _args: argparse.Namespace) -> int:
    """What the console's button does, minus the reload of this process (it serves nothing)."""
    settings.kb_reload_stamp.parent.mkdir(parents=True, exist_ok=True)
    settings.kb_reload_stamp.write_text(f"{time.time_ns()}\n")
    request_reload_everywhere(settings.database_url)
    audit.record(settings.database_url, None, "kb_reload", detail="requested", username=OPERATOR)
    print("Every process reloads the knowledge base at its next check.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pathways-admin", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a staff account; prints a one-time password")
    create.add_argument("name")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--language", default="es", choices=CONSOLE_LANGUAGES, help="of the console (es)")
    create.set_defaults(run=_create_user)
    reset = commands.add_parser("reset-password", help="a new one-time password; ends the user's sessions")
    reset.add_argument("name")
    reset.set_defaults(run=_reset_password)
    reload = commands.add_parser("kb-reload", help="make every process reload the knowledge base")
    reload.set_defaults(run=_kb_reload)
    args = parser.parse_args(argv)
    settings = get_settings()
    upgrade(settings.database_url)
    return args.run(settings, args)


if __name__ == "__main__":
    sys.exit(main())
