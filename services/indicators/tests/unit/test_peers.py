"""Peer outliers: median/MAD modified z-scores, robust to several outliers at once."""
from indicators.domain.catalogue import CATALOGUE
from indicators.domain.peers import (
    BUCKETS,
    MIN_PEERS,
    PeerStat,
    bucket_of,
    figures,
    peer_outliers,
    summarise,
    summarise_figures,
)


def summarise_round(submissions, catalogue):
    by_level = {}
    for level, values in submissions:
        by_level.setdefault(level, []).append(figures(values, catalogue))
    return {level: summarise_figures(schools) for level, schools in by_level.items()}


def count(code, v):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": v}


def ratio(code, n, d):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": n, "denominator": d}


def test_median_and_mad():
    stat = summarise([1, 2, 3, 4, 100])
    assert (stat.n, stat.median, stat.mad) == (5, 3, 1)
    assert summarise([]) is None


def test_two_outliers_are_both_flagged_where_a_mean_and_deviation_would_hide_one():
    peers = [("thcs", [count("CLASSES", 20 + i % 5)]) for i in range(30)]
    peers += [("thcs", [count("CLASSES", 400)]), ("thcs", [count("CLASSES", 380)])]
    stats = summarise_round(peers, CATALOGUE)["thcs"]
    # With a mean and standard deviation (≈ 46 and ≈ 104), 380 would be within 3.5 deviations.
    flagged = [v for v in (400, 380, 23, 18) if peer_outliers([count("CLASSES", v)], stats, CATALOGUE, "thcs")]
    assert flagged == [400, 380]
    [warning] = peer_outliers([count("CLASSES", 400)], stats, CATALOGUE, "thcs")
    assert warning["kind"] == "peers" and warning["field"] == "values.CLASSES.value"
    assert "“Số lớp” là 400 lớp, cao bất thường so với các trường trung học cơ sở" in warning["message"]
    assert "trung vị 22 lớp, 32 trường" in warning["message"]


def test_ratios_compare_rates_and_levels_are_kept_apart():
    peers = [("thcs", [ratio("TEACHERS_QUALIFIED", 90 + i % 8, 100)]) for i in range(20)]
    peers += [("tieu_hoc", [ratio("TEACHERS_QUALIFIED", 10, 100)]) for _ in range(20)]
    stats = summarise_round(peers, CATALOGUE)
    assert stats["tieu_hoc"]["TEACHERS_QUALIFIED"].median == 10
    [warning] = peer_outliers([ratio("TEACHERS_QUALIFIED", 10, 100)], stats["thcs"], CATALOGUE, "thcs")
    assert warning["field"] == "values.TEACHERS_QUALIFIED.numerator" and "thấp bất thường" in warning["message"]
    assert peer_outliers([ratio("TEACHERS_QUALIFIED", 93, 100)], stats["thcs"], CATALOGUE, "thcs") == []


def test_too_few_peers_or_no_spread_flag_nothing():
    few = {"CLASSES": summarise([20] * (MIN_PEERS - 2) + [21])}
    assert peer_outliers([count("CLASSES", 500)], few, CATALOGUE, "thcs") == []
    flat = {"CLASSES": PeerStat(n=50, median=0, mad=0, mean_ad=0)}
    assert peer_outliers([count("CLASSES", 5)], flat, CATALOGUE, "thcs") == []


def test_when_most_peers_agree_the_mean_deviation_takes_over():
    # 35 of 50 schools report no violence case: the MAD is 0, a school with 12 still stands out.
    stats = {"SCHOOL_VIOLENCE_CASES": summarise([0] * 35 + [1] * 15)}
    assert stats["SCHOOL_VIOLENCE_CASES"].mad == 0
    assert peer_outliers([count("SCHOOL_VIOLENCE_CASES", 12)], stats, CATALOGUE, "thcs")
    assert peer_outliers([count("SCHOOL_VIOLENCE_CASES", 1)], stats, CATALOGUE, "thcs") == []


def test_statistics_survive_their_stored_shape():
    stat = summarise([1, 5, 9, 12])
    assert PeerStat.from_dict(stat.as_dict()) == stat


def test_a_school_always_lands_in_the_same_bucket_and_buckets_are_used_evenly():
    codes = [f"THCS-{n:05d}" for n in range(1600)]
    assert [bucket_of(c) for c in codes] == [bucket_of(c) for c in codes]
    counts = [sum(1 for c in codes if bucket_of(c) == b) for b in range(BUCKETS)]
    assert min(counts) > 50 and max(counts) < 150
