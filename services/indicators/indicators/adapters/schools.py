"""Where the directory's schools are kept (projected from identity's events): in the store, or in memory for tests."""
from __future__ import annotations

from typing import Iterable

from indicators.adapters.documents import KnownSchool


class Schools:
    """The directory's schools as indicators keeps them (projected from identity's events)."""

    def get(self, school_code: str) -> KnownSchool | None:
        return KnownSchool.objects(id=school_code).first()

    def count_active(self, commune_code: str, levels: Iterable[str]) -> int:
        return KnownSchool.objects(commune_code=commune_code, level__in=list(levels), active=True).count()


class InMemorySchools:
    def __init__(self, schools: Iterable[KnownSchool] = ()):
        self.schools = {s.id: s for s in schools}

    def get(self, school_code: str) -> KnownSchool | None:
        return self.schools.get(school_code)

    def count_active(self, commune_code: str, levels: Iterable[str]) -> int:
        wanted = set(levels)
        return sum(1 for s in self.schools.values() if s.commune_code == commune_code and s.level in wanted
                   and s.active)
