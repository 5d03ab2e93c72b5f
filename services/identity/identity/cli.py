"""``python -m identity.cli create-admin --email … --name …``: the first administrator of an installation.

Before any account exists nobody can sign in to create one; this command writes
the account through the same use case as ``POST /users`` (events included).
The password is read from the terminal, or from standard input when piped.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from marshmallow import ValidationError

from edu71 import db, problems
from edu71.auth import Principal, Role
from edu71.errors import DomainError
from identity import bootstrap, config
from identity.api.schemas import UserCreateSchema
from identity.domain.accounts import PLATFORM

#: Who creates the first administrator (recorded nowhere but the log: the event names the new account).
INSTALLER = Principal("installer", "Cài đặt hệ thống", Role.ADMIN, PLATFORM)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m identity.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create-admin", help="create an administrator account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    args = parser.parse_args(argv)

    password = getpass.getpass("Mật khẩu (ít nhất 10 ký tự): ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    settings = config.load()
    db.connect(settings.platform)
    accounts = bootstrap.use_cases(settings).accounts
    try:
        data = UserCreateSchema().load({"name": args.name, "email": args.email, "role": Role.ADMIN.value,
                                        "org_unit": PLATFORM, "password": password})
        user = accounts.register(INSTALLER, data)
    except ValidationError as invalid:
        print(f"identity: {problems.field_errors(invalid.messages)}", file=sys.stderr)
        return 1
    except DomainError as refused:
        details = "; ".join(e.message for e in refused.errors)
        print(f"identity: {refused.message} {details}".rstrip(), file=sys.stderr)
        return 1
    print(f"identity: administrator {user.email} created ({user.id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
