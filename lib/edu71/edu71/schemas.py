"""Base for every request and response schema: Vietnamese messages, unknown fields refused."""
from __future__ import annotations

from marshmallow import RAISE
from marshmallow import Schema as _Schema

from edu71 import vi  # noqa: F401  (installs Vietnamese messages before any field exists)


class Schema(_Schema):
    class Meta:
        # An unexpected key is refused rather than silently dropped: it is usually
        # a typo or an attempt to set something the caller may not set.
        unknown = RAISE
        ordered = True
