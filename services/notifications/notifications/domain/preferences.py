"""A user's notification preferences, without I/O.

- In-app is always on: the inbox belongs to the org unit and role, every user of it sees it.
- E-mail is on by default for every kind; a user may turn it off per kind.
- Webhooks are configured per org unit (``/webhooks``), not per user.
- A muted kind is neither e-mailed to the user nor shown in their inbox.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from notifications.domain.kinds import EMAIL, IN_APP, KIND_LABELS, KINDS, WEBHOOK


class InvalidPreferences(ValueError):
    """``errors``: ``[{"field": ..., "message": ...}]`` in Vietnamese."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Preferences:
    email_off: frozenset[str] = field(default_factory=frozenset)
    muted: frozenset[str] = field(default_factory=frozenset)

    def wants(self, kind: str, channel: str) -> bool:
        if kind in self.muted:
            return False
        if channel == EMAIL:
            return kind not in self.email_off
        return channel == IN_APP

    def as_view(self) -> dict[str, Any]:
        return {
            "channels": {k: {IN_APP: True, EMAIL: k not in self.email_off} for k in KINDS},
            "muted": [k for k in KINDS if k in self.muted],
            "kinds": dict(KIND_LABELS),
        }


def parse(body: Mapping[str, Any], current: Preferences) -> Preferences:
    """The preferences after a PUT of ``{"channels": {kind: {channel: bool}}, "muted": [kind]}``.

    Kinds left out of ``channels`` keep their current setting; ``muted`` replaces the list when given.
    """
    errors: list[dict[str, str]] = []
    email_off = set(current.email_off)
    for kind, channels in (body.get("channels") or {}).items():
        if kind not in KIND_LABELS:
            errors.append({"field": f"channels.{kind}", "message": f"Loại thông báo “{kind}” không tồn tại."})
            continue
        for channel, on in channels.items():
            where = f"channels.{kind}.{channel}"
            if channel == IN_APP:
                if not on:
                    errors.append({"field": where, "message": "Thông báo trong ứng dụng luôn bật, không thể tắt."})
            elif channel == EMAIL:
                (email_off.discard if on else email_off.add)(kind)
            elif channel == WEBHOOK:
                errors.append({"field": where, "message": "Webhook được cấu hình theo đơn vị (mục /webhooks), "
                                                          "không theo từng người dùng."})
            else:
                errors.append({"field": where, "message": f"Kênh “{channel}” không tồn tại."})
    muted = set(current.muted)
    if body.get("muted") is not None:
        muted = set()
        for i, kind in enumerate(body["muted"]):
            if kind not in KIND_LABELS:
                errors.append({"field": f"muted.{i}", "message": f"Loại thông báo “{kind}” không tồn tại."})
            muted.add(kind)
    if errors:
        raise InvalidPreferences(errors)
    return Preferences(frozenset(email_off), frozenset(muted))
