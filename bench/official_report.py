"""Official reports and "as of" figures at city and national scale.

A synthetic history as the reports worker records it (:mod:`reports.adapters.history`): per province, the
catalogue (the real national one with Hải Phòng's targets, ``initial_catalogue``), its schools registered,
three rounds (two earlier, one current) each with every school's submission of every indicator, a quarter of
the schools revising in the current round, three schools in five with an approved plan — each row at its own
moment, one second apart. Then, in process (the code the API runs, without HTTP):

1. the city's report: Hải Phòng's 114 communes with ``--city-schools`` schools (1,500): the views as of now
   from a cold timeline (every checkpoint made on the way), then the figures, the document and its DOCX;
2. "as of" latency at random past moments of the city's history, on the warm timeline (each moment's
   figures endpoint costs one ``views_at``): p50/p99;
3. the national run: ``--national-schools`` (40,000) spread over every commune of the 34 provinces, each
   province's timeline built and its report generated in turn (one province in memory at a time, as an API
   process holds only the provinces it is asked about); the total, the slowest province, and "as of"
   latency at random moments of random provinces;
4. with ``--store``: the city's history written to a real FerretDB (started like the tests') and read
   back by ``history.load`` — what a cold "as of" query pays first.

    .venv/bin/python bench/official_report.py [--city-schools 1500] [--national-schools 40000] [--queries 200]
                                              [--store]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edu71.orgs import SchoolLevel, commune, communes, province_name, stable_fraction  # noqa: E402
from indicators.domain.catalogue import initial_catalogue  # noqa: E402
from reports.adapters.docx import render  # noqa: E402
from reports.domain import official  # noqa: E402
from reports.domain.asof import CHECKPOINT_EVERY, Entry, Timeline  # noqa: E402
from reports.domain.views import plans_view_id, round_view_id  # noqa: E402
from vietnam_provinces import Ward  # noqa: E402

T0 = datetime(2025, 9, 1, tzinfo=timezone.utc)
LEVELS = [SchoolLevel.MAM_NON, SchoolLevel.TIEU_HOC, SchoolLevel.THCS, SchoolLevel.THPT]
ROUNDS = [("cn24", "Tổng kết năm học 2024–2025", datetime(2025, 6, 15, 10, tzinfo=timezone.utc)),
          ("hk1", "Sơ kết học kỳ I năm học 2025–2026", datetime(2026, 1, 15, 10, tzinfo=timezone.utc)),
          ("cn25", "Tổng kết năm học 2025–2026", datetime(2026, 6, 15, 10, tzinfo=timezone.utc))]
WRITTEN = {"shortcomings": "Một số trường nộp chậm.", "tasks": "Đôn đốc, hướng dẫn các trường.",
           "proposals": "Đề nghị bổ sung kinh phí bồi dưỡng giáo viên."}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def value(indicator: dict, school: str, key: str) -> dict:
    r = stable_fraction(school, indicator["code"], key)
    v = {"indicator_code": indicator["code"], "catalogue_version": 1, "value_type": indicator["value_type"]}
    match indicator["value_type"]:
        case "ratio":
            den = 20 + int(r * 900)
            v |= {"numerator": int(den * (0.6 + 0.4 * r)), "denominator": den}
        case "count":
            v["value"] = int(r * 40)
        case "level":
            v["level"] = int(r * 4)
        case "boolean":
            v["flag"] = r > 0.3
    return v


def province_history(province: str, schools: list[dict], catalogue: list[dict]) -> list[Entry]:
    """The history of one province (see the module): ``schools`` are ``{code, name, level, commune_code}``."""
    entries, clock = [], [T0]

    def add(collection: str, key: str, row: dict) -> None:
        clock[0] += timedelta(seconds=1)
        entries.append(Entry(clock[0], f"{collection}|{key}", collection, row))

    add("catalogues", f"{province}|1", {"province_code": province, "version": 1, "published_at": T0,
                                        "indicators": catalogue, "event_id": "e-cat"})
    for s in schools:
        add("directory_schools", f"{s['code']}|1", {"school_code": s["code"], "version": 1, "name": s["name"],
                                                    "level": s["level"], "commune_code": s["commune_code"],
                                                    "province_code": province, "active": True, "event_id": "e"})
    codes = [i["code"] for i in catalogue]
    for key, name, due in ROUNDS:
        add("rounds", f"rnd-{province}-{key}|0", {
            "round_id": f"rnd-{province}-{key}", "event_time": clock[0], "name": name, "province_code": province,
            "school_year": "2025-2026", "school_levels": [lv.value for lv in LEVELS], "indicator_codes": codes,
            "opens_at": due - timedelta(days=30), "due_at": due, "closes_at": due + timedelta(days=10),
            "reopened": False, "catalogue_version": 1, "event_id": "e"})
        revisions = [1, 2] if key == "cn25" else [1]
        for revision in revisions:
            for s in schools:
                if revision == 2 and stable_fraction(s["code"], "revise") > 0.25:
                    continue
                add("school_round_values", f"rnd-{province}-{key}|{s['code']}|{revision}", {
                    "round_id": f"rnd-{province}-{key}", "school_code": s["code"], "revision": revision,
                    "school_name": s["name"], "school_level": s["level"], "commune_code": s["commune_code"],
                    "province_code": province, "submission_id": f"sub-{key}-{s['code']}",
                    "values": {c: value(i, s["code"], f"{key}{revision}") for c, i in zip(codes, catalogue)
                               if s["level"] in i["school_levels"]},
                    "submitted_at": clock[0], "late": stable_fraction(s["code"], key) < 0.1, "event_id": "e",
                    "event_type": "IndicatorSubmitted" if revision == 1 else "IndicatorRevised"})
        if key == "hk1":
            for s in schools:
                if stable_fraction(s["code"], "plan") < 0.6:
                    row = {"school_code": s["code"], "seq": 12, "plan_id": f"p-{s['code']}", "version": 1,
                           "province_code": province, "commune_code": s["commune_code"], "event_type": "PlanApproved",
                           "targets": [], "event_id": "e"}
                    add("plan_status", f"{s['code']}|{12:012d}", row)
                    add("plan_approved", f"{s['code']}|{12:012d}", row)
    return entries


def schools_of(province_wards: dict[str, list[str]], wanted: int) -> dict[str, list[dict]]:
    """``wanted`` schools spread evenly over the given provinces' communes."""
    flat = [(p, w) for p, wards in sorted(province_wards.items()) for w in wards]
    out: dict[str, list[dict]] = defaultdict(list)
    for i in range(wanted):
        province, ward = flat[i % len(flat)]
        level = LEVELS[(i // len(flat)) % len(LEVELS)]
        out[province].append({"code": f"S{i:06d}", "name": f"Trường {level.label} số {i}", "level": level.value,
                              "commune_code": ward})
    return out


def city_report(province: str, timeline: Timeline, moment: datetime) -> tuple[float, float, int]:
    """(seconds for the views, seconds for figures + document + DOCX, DOCX bytes) of the city's report."""
    started = time.perf_counter()
    model, views = timeline.views_at(moment)
    viewed = time.perf_counter()
    unit = official.unit_of(official.PROVINCE, province, province_code=province,
                            province_name=province_name(province))
    rounds = sorted((model.round(r) for r in model.rounds_of(province)), key=lambda r: r["due_at"])
    current, earlier = rounds[-1], rounds[:-1]
    figures = official.figures_of(
        unit, current, views[round_view_id(current["round_id"], "province", province)],
        [(r, views.get(round_view_id(r["round_id"], "province", province))) for r in earlier],
        views.get(plans_view_id("province", province)), moment)
    body = render(official.compose(unit, figures, WRITTEN, signer_name="Nguyễn Văn A", number=1,
                                   issued_on=moment))
    return viewed - started, time.perf_counter() - viewed, len(body)


def as_of_latencies(timelines: list[Timeline], queries: int, rng: random.Random) -> list[float]:
    out = []
    for _ in range(queries):
        timeline = rng.choice(timelines)
        first, last = timeline.ats[0], timeline.ats[-1]
        moment = first + (last - first) * rng.random()
        started = time.perf_counter()
        timeline.views_at(moment)
        out.append(time.perf_counter() - started)
    return out


def store_round_trip(province: str, entries: list[Entry]) -> tuple[float, float]:
    """(seconds to write, seconds to load) the history of ``province`` through a real FerretDB."""
    from edu71.config import platform_settings
    from edu71_testing import running_stack
    from reports.adapters import basedb, history
    from edu71.store import blob

    with tempfile.TemporaryDirectory(prefix="edu71-bench-") as root, running_stack(Path(root)):
        basedb.connect(platform_settings("reports"))
        from mongoengine.connection import get_db

        coll = get_db(basedb.BASE_ALIAS)[history.collection(province)]
        docs = [{"_id": e.key, "at": e.at, "event_time": e.at, "coll": e.collection, "row": blob.encode(e.row)}
                for e in entries]
        started = time.perf_counter()
        for i in range(0, len(docs), 500):
            coll.insert_many(docs[i:i + 500], ordered=False)
        written = time.perf_counter() - started
        started = time.perf_counter()
        loaded = history.load(province)
        read = time.perf_counter() - started
        assert len(loaded) == len(entries)
        return written, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city-schools", type=int, default=1500)
    parser.add_argument("--national-schools", type=int, default=40000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--store", action="store_true", help="also write and load the city's history in FerretDB")
    parser.add_argument("--every", type=int, default=CHECKPOINT_EVERY, help="history rows between checkpoints")
    args = parser.parse_args()
    rng = random.Random(71)
    catalogue = [i.as_dict() for i in initial_catalogue("31").indicators]

    hp = {"31": [c.code for c in communes("31")]}
    city_schools = schools_of(hp, args.city_schools)["31"]
    started = time.perf_counter()
    entries = province_history("31", city_schools, catalogue)
    print(f"city: {len(hp['31'])} communes, {len(city_schools)} schools, {len(catalogue)} indicators, "
          f"{len(entries)} history rows (built in {time.perf_counter() - started:.1f} s)")
    timeline = Timeline("31", entries, every=args.every, name_of=lambda c: commune(c).name)
    now = entries[-1].at + timedelta(minutes=1)
    views_s, doc_s, size = city_report("31", timeline, now)
    print(f"city report (cold timeline): views {views_s:.2f} s + figures, document and DOCX {doc_s:.2f} s "
          f"= {views_s + doc_s:.2f} s; DOCX {size / 1024:.0f} KiB")
    views_s, doc_s, _ = city_report("31", timeline, now)
    print(f"city report (again, same moment: cached views): views {views_s:.2f} s + {doc_s:.2f} s")
    reload = timeline.renewed(list(entries), entries[-1].at)
    t0 = time.perf_counter()
    reload.views_at(now)
    print(f"as-of now after reloading the history (settled checkpoints kept): {time.perf_counter() - t0:.2f} s")
    lat = as_of_latencies([timeline], args.queries, rng)
    print(f"as-of at random past moments, city: p50 {percentile(lat, 50) * 1000:.0f} ms, "
          f"p99 {percentile(lat, 99) * 1000:.0f} ms ({args.queries} queries, mean "
          f"{statistics.mean(lat) * 1000:.0f} ms); checkpoints every {args.every} rows: "
          f"{len(timeline._checkpoints)}, peak memory of the process {peak_mib():.0f} MiB")
    if args.store:
        written, read = store_round_trip("31", entries)
        print(f"city history through FerretDB: written in {written:.1f} s, loaded in {read:.1f} s "
              f"({len(entries)} rows)")
    del timeline, entries

    if args.national_schools:
        wards: dict[str, list[str]] = defaultdict(list)
        for w in Ward.iter_all():
            wards[f"{int(w.province_code):02d}"].append(f"{int(w.code):05d}")
        by_province = schools_of(wards, args.national_schools)
        total, slowest, rows, lat, started = 0.0, ("", 0.0), 0, [], time.perf_counter()
        for province, schools in sorted(by_province.items()):
            history = province_history(province, schools, [{**i} for i in catalogue])
            rows += len(history)
            tl = Timeline(province, history, every=args.every)
            t0 = time.perf_counter()
            views_s, doc_s, _ = city_report(province, tl, history[-1].at + timedelta(minutes=1))
            spent = time.perf_counter() - t0
            total += spent
            if spent > slowest[1]:
                slowest = (f"{province} ({len(schools)} schools)", spent)
            lat += as_of_latencies([tl], max(1, args.queries // len(by_province)), rng)
        print(f"national: {args.national_schools} schools in {len(by_province)} provinces, {rows} history rows; "
              f"every province's report generated in {total:.1f} s (slowest {slowest[0]}: {slowest[1]:.2f} s); "
              f"run including building the histories {time.perf_counter() - started:.1f} s")
        print(f"as-of at random past moments, national (random provinces): p50 {percentile(lat, 50) * 1000:.0f} ms,"
              f" p99 {percentile(lat, 99) * 1000:.0f} ms ({len(lat)} queries); peak memory {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
