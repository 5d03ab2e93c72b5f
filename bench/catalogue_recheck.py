"""How long the plans worker takes to recheck a province's stored plans when a new catalogue version arrives.

Starts its own Kafka and FerretDB (like the tests), stores N plans of one province (each with four linked
targets) through the plans service, then hands the worker's handler (``CatalogueService.keep``) a version
that drops one indicator (every plan is flagged: one insert each), the same version again (nothing changes),
and a version that restores it (every flag cleared). Prints the time of each and per plan.

    .venv/bin/python bench/catalogue_recheck.py [N]
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from edu71 import db
from edu71.auth import Principal, Role
from edu71.contracts import Contracts
from edu71_testing import running_stack

CATALOGUE = Path(__file__).resolve().parents[1] / "services" / "plans" / "tests" / "fixtures" / "catalogue_31.json"
TARGETS = [("DROPOUT", "<=", 0.5), ("TEACHERS_QUALIFIED", ">=", 99), ("STAFF_DIGITAL_TRAINED", ">=", 100),
           ("PCGD_LEVEL", ">=", 3)]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp)):
        from plans import bootstrap, config
        from plans.adapters.documents import Plan

        settings = config.load()
        db.connect(settings.platform)
        contracts = Contracts(settings.platform.contracts_dir)
        base = json.loads(CATALOGUE.read_text(encoding="utf-8"))

        def published(version: int, drop: str | None = None):
            indicators = [i for i in base["indicators"] if i["code"] != drop]
            return contracts.new_event("CataloguePublished", {**base, "province_code": "31", "version": version,
                                                              "indicators": indicators},
                                       subject="31", source="/edu71/indicators")

        wired = bootstrap.use_cases(settings)
        catalogues, service = wired.catalogues, wired.plans
        catalogues.keep(published(1))
        for i in range(n):
            school = Principal(f"u{i}", "Cán bộ", Role.SCHOOL, f"TH-{i:05d}", f"Trường Tiểu học {i}",
                               commune_code="10744", province_code="31", school_level="tieu_hoc")
            service.create(school, {"title": "Kế hoạch 71", "year": 2026, "targets": [
                {"indicator_code": code, "text": code, "comparator": cmp, "value": value,
                 "unit": "mức" if code == "PCGD_LEVEL" else "%", "horizon": date(2030, 12, 31)}
                for code, cmp, value in TARGETS]})
        print(f"{Plan.objects.count()} plans of province 31, {len(TARGETS)} linked targets each")
        for label, event in (("version 2 drops DROPOUT (every plan flagged)", published(2, drop="DROPOUT")),
                             ("version 2 again (a redelivery: nothing written)", published(2, drop="DROPOUT")),
                             ("version 3 restores it (every flag cleared)", published(3))):
            started = time.perf_counter()
            catalogues.keep(event)
            seconds = time.perf_counter() - started
            flagged = sum(1 for p in Plan.objects if any(t.catalogue_issue for t in p.targets))
            print(f"{label:<50} {seconds:7.2f} s  ({seconds / n * 1000:6.1f} ms per plan; {flagged} flagged after)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
