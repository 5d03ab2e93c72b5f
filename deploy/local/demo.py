"""Demo data for ``make up``, loaded through the services' own HTTP APIs, as a real client would.

Re-running it changes nothing that is already there. The demo accounts are
created through the identity service and signed in there; their bearer tokens
are written to ``var/demo/tokens.json`` (the README explains how to use them).
"""
from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import consistent  # noqa: E402
from services import SERVICES, VAR, api_port  # noqa: E402

from edu71.auth.tokens import TokenIssuer  # noqa: E402
from edu71.config import platform_settings  # noqa: E402
from edu71.orgs import (  # noqa: E402
    HAI_PHONG,
    SEED_SCHOOLS,
    School,
    commune,
    communes,
    demo_schools,
    province_name,
    stable_fraction,
)

HIEN_THANH, THI_TRAN = SEED_SCHOOLS
VIETNAM = timezone(timedelta(hours=7))
#: Concurrent requests while creating accounts and schools (the APIs run several workers).
PARALLEL = 4


def url(service: str, path: str) -> str:
    return f"http://127.0.0.1:{api_port(service)}{path}"


def wait_ready(timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    for service in SERVICES:
        while True:
            try:
                if requests.get(url(service, "/readyz"), timeout=3).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"edu71: the {service} API did not become ready; see var/log/{service}-api.log")
            time.sleep(1)


#: The one password of every demo account (sign in to the portal with an account's e-mail and this).
DEMO_PASSWORD = "Edu71-demo-2026"
EMAIL_DOMAIN = "demo.edu71.vn"


class Accounts:
    """The demo accounts, created through the identity API; their bearer tokens come from signing in.

    Only the first account (the administrator) is created with a token minted by the
    built-in issuer, as ``edu71 token`` would: before it exists nobody can sign in.
    """

    def __init__(self):
        self.tokens: dict[str, dict] = {}
        self._lock = threading.Lock()
        bootstrap = TokenIssuer(platform_settings("demo").auth).issue(
            sub="demo-bootstrap", name="Nạp dữ liệu mẫu", role="admin", org_unit="edu71", ttl=3600)
        self._manager = bootstrap
        self._manager = self.add("admin", "Quản trị hệ thống", "quantri", "Quản trị viên", "admin", "edu71")

    def add(self, label: str, description: str, mailbox: str, name: str, role: str, org_unit: str) -> str:
        """Create the account unless it exists (409), sign in as it, keep its token under ``label``."""
        with self._lock:
            if label in self.tokens:
                return self.tokens[label]["token"]
        email = f"{mailbox}@{EMAIL_DOMAIN}"
        response = requests.post(url("identity", "/users"), timeout=60, headers={"Authorization": f"Bearer {self._manager}"},
                                 json={"name": name, "email": email, "role": role, "org_unit": org_unit,
                                       "password": DEMO_PASSWORD})
        if response.status_code not in (201, 409):
            sys.exit(f"edu71: demo data: POST identity/users ({email}) → {response.status_code} {response.text[:500]}")
        signed_in = requests.post(url("identity", "/sessions"), json={"email": email, "password": DEMO_PASSWORD},
                                  timeout=60)
        if signed_in.status_code != 201:
            sys.exit(f"edu71: demo data: sign-in of {email} → {signed_in.status_code} {signed_in.text[:500]}")
        token = signed_in.json()["access_token"]
        with self._lock:
            self.tokens[label] = {"description": description, "email": email, "token": token}
        return token

    def school(self, school: School) -> str:
        return self.add(f"school:{school.code}", f"Nhà trường — {school.name}", school.code.lower(),
                        f"Hiệu trưởng {school.name}", "school", school.code)

    def commune(self, commune_code: str) -> str:
        return self.add(f"commune:{commune_code}", f"UBND {commune(commune_code).name}", f"ubnd.{commune_code}",
                        f"Cán bộ Văn hoá – Xã hội {commune(commune_code).name}", "commune", commune_code)

    def city(self, province_code: str) -> str:
        return self.add(f"city:{province_code}", f"Sở GD&ĐT {province_name(province_code)}", f"so.{province_code}",
                        f"Cán bộ Sở GD&ĐT {province_name(province_code)}", "city", province_code)

    def save(self) -> Path:
        path = VAR / "demo" / "tokens.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.tokens, ensure_ascii=False, indent=2), encoding="utf-8")
        path.chmod(0o600)
        return path


def register_schools(accounts: Accounts) -> int:
    """Every demo school and both seed schools in the identity service's directory (409: already there)."""
    admin = accounts.tokens["admin"]["token"]

    def register(school: School) -> bool:
        response = requests.post(url("identity", "/schools"), headers={"Authorization": f"Bearer {admin}"}, timeout=60,
                                 json={"code": school.code, "name": school.name, "commune_code": school.commune_code,
                                       "level": school.level.value})
        if response.status_code not in (201, 409):
            sys.exit(f"edu71: demo data: POST identity/schools ({school.code}) → {response.status_code} "
                     f"{response.text[:500]}")
        return response.status_code == 201

    with ThreadPoolExecutor(PARALLEL) as pool:
        return sum(pool.map(register, list(SEED_SCHOOLS) + demo_schools(HAI_PHONG)))


def create_accounts(accounts: Accounts) -> None:
    """The named demo accounts, then one per school and per commune of Hải Phòng (in parallel: each hashes)."""
    accounts.add("operator", "Vận hành (chỉ xem giám sát)", "vanhanh", "Cán bộ vận hành", "operator", "edu71")
    for province in (HAI_PHONG, "79"):
        accounts.city(province)
    for seed in SEED_SCHOOLS:
        accounts.commune(seed.commune_code)
        accounts.school(seed)
    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(accounts.school, demo_schools(HAI_PHONG)))
        list(pool.map(accounts.commune, [c.code for c in communes(HAI_PHONG)]))


def call(method: str, service: str, path: str, token: str, headers: dict | None = None,
         **kwargs) -> requests.Response:
    response = requests.request(method, url(service, path),
                                headers={"Authorization": f"Bearer {token}", **(headers or {})}, timeout=30, **kwargs)
    if response.status_code >= 400:
        sys.exit(f"edu71: demo data: {method} {service}{path} → {response.status_code} {response.text[:500]}")
    return response


SEED_PLANS = {
    HIEN_THANH.code: {
        "title": "Kế hoạch thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về đột phá phát triển "
                 "giáo dục và đào tạo",
        "number_symbol": "", "place": "Nguyễn Đại Năng", "issued_on": "2025-12-17", "year": 2025,
    },
    THI_TRAN.code: {
        "title": "Kế hoạch triển khai thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về đột phá "
                 "phát triển giáo dục và đào tạo tại Trường THCS Thị Trấn 2",
        "number_symbol": "28/KH-THCSTT2", "place": "Tân An Hội", "issued_on": "2026-01-29", "year": 2026,
    },
}


def _target(code: str, text: str, comparator: str, value: float, unit: str, year: int) -> dict:
    return {"indicator_code": code, "text": text, "comparator": comparator, "value": value, "unit": unit,
            "horizon": f"{year}-12-31", "source_sentence": text}


#: The seed plans' quantitative targets, each tied to its catalogue indicator (../shared/DOMAIN.md, the seeds' section II).
SEED_TARGETS = {
    HIEN_THANH.code: [
        _target("STAFF_BRIEFED", "100% cán bộ, giáo viên, nhân viên được quán triệt đầy đủ nội dung Nghị quyết số 71",
                ">=", 100, "%", 2030),
        _target("STAFF_DIGITAL_TRAINED", "100% cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số",
                ">=", 100, "%", 2030),
        _target("STAFF_USING_AI", "100% cán bộ quản lý và giáo viên ứng dụng trí tuệ nhân tạo trong quản lý, giảng "
                "dạy, kiểm tra và đánh giá", ">=", 100, "%", 2030),
        _target("SMART_CLASSROOMS", "Xây dựng ít nhất 1 phòng học thông minh trong trường", ">=", 1, "phòng", 2030),
        _target("ENROLMENT_AGE_GROUP", "Tỷ lệ học sinh trong độ tuổi đến trường đạt 100%", ">=", 100, "%", 2030),
        _target("DROPOUT", "Không có học sinh bỏ học", "<=", 0, "%", 2030),
        _target("PCGD_LEVEL", "Duy trì PCGD đạt mức độ 3", ">=", 3, "mức", 2030),
        _target("PROGRAMME_COMPLETED", "Đảm bảo 100% học sinh hoàn thành chương trình giáo dục tiểu học", ">=", 100,
                "%", 2030),
        _target("NATIONAL_STANDARD_LEVEL", "Giữ vững trường đạt chuẩn quốc gia mức độ I, phấn đấu mức độ 2", ">=", 1,
                "mức", 2030),
        _target("TEACHERS_QUALIFIED", "100% giáo viên đạt chuẩn trình độ đào tạo theo quy định", ">=", 100, "%",
                2035),
    ],
    THI_TRAN.code: [
        _target("CLASSES", "Trường có 38 lớp", "=", 38, "lớp", 2026),
        _target("MAX_CLASS_SIZE", "Sĩ số mỗi lớp không quá 45 học sinh", "<=", 45, "học sinh/lớp", 2026),
        _target("PCGD_LEVEL", "Phổ cập giáo dục THCS đạt mức độ 3", ">=", 3, "mức", 2026),
        _target("DROPOUT", "Tỷ lệ học sinh bỏ học không quá 0,5%", "<=", 0.5, "%", 2026),
        _target("REPETITION", "Tỷ lệ học sinh lưu ban không quá 0,5%", "<=", 0.5, "%", 2026),
        _target("TRAINING_EFFICIENCY", "Hiệu suất đào tạo trên 96%", ">", 96, "%", 2026),
        _target("TEACHERS_QUALIFIED", "Có 99 % giáo viên đạt chuẩn theo Nghị quyết số 71", ">=", 99, "%", 2026),
        _target("PROGRAMME_COMPLETED", "100 % học sinh trong độ tuổi hoàn thành cấp trung học cơ sở", ">=", 100, "%",
                2030),
        _target("PROGRESSION_THPT_VOC", "Ít nhất 95 % học sinh hoàn thành cấp THCS theo học THPT hoặc các lớp nghề",
                ">=", 95, "%", 2030),
        _target("RECORDS_DIGITAL", "100% hồ sơ và dữ liệu đều thực hiện dạng dữ liệu số", ">=", 100, "%", 2030),
        _target("ADMIN_PROCEDURES_ONLINE", "100% thủ tục hành chính đều được thực hiện trực tuyến", ">=", 100, "%",
                2030),
        _target("ONLINE_PUBLIC_SERVICES", "Sử dụng ít nhất 90% dịch vụ công trực tuyến trong lĩnh vực giáo dục",
                ">=", 90, "%", 2030),
    ],
}


def generated_targets(school: School) -> list[dict]:
    """A generated school's plan targets, tied to indicators, with repeatable variation between schools (some
    promise less than the city asks, so the cascade shows gaps)."""
    r = stable_fraction(school.code, "targets")
    level = school.level.value
    out = [
        _target("STAFF_BRIEFED", "100% cán bộ, giáo viên, nhân viên được quán triệt Nghị quyết 71", ">=", 100, "%",
                2026),
        _target("STAFF_DIGITAL_TRAINED", "Cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số", ">=",
                100 if r > 0.2 else 90, "%", 2030),
        _target("STAFF_USING_AI", "Cán bộ quản lý, giáo viên ứng dụng trí tuệ nhân tạo", ">=",
                100 if r > 0.4 else 80, "%", 2030),
        _target("TEACHERS_QUALIFIED", "Giáo viên đạt chuẩn trình độ đào tạo", ">=", 100 if r > 0.3 else 98, "%",
                2030),
        _target("SMART_CLASSROOMS", "Có ít nhất 1 phòng học thông minh", ">=", 1 + int(r * 2), "phòng", 2030),
        _target("NATIONAL_STANDARD_LEVEL", "Trường đạt chuẩn quốc gia", ">=", 2 if r > 0.7 else 1, "mức", 2030),
    ]
    if level != "mam_non":
        out.append(_target("DROPOUT", "Tỷ lệ học sinh bỏ học không quá 0,5%", "<=", 0.5 if r > 0.25 else 1, "%",
                           2026))
    if level in ("tieu_hoc", "thcs"):
        out.append(_target("PCGD_LEVEL", "Duy trì phổ cập giáo dục mức độ 3", ">=", 3, "mức", 2030))
    return out


def publish_catalogues(accounts: Accounts) -> None:
    """Have each demo province's catalogue published (the indicators service publishes a province's first
    version when it is first asked for), so the plans service knows the codes the plans' targets carry."""
    for province in (HAI_PHONG, "79"):
        call("GET", "indicators", "/catalogue", accounts.city(province))


def create_plan(token: str, body: dict, timeout: float = 120) -> dict:
    """POST /plans, waiting while the plans service has not yet received the province's catalogue."""
    deadline = time.monotonic() + timeout
    while True:
        response = requests.post(url("plans", "/plans"), headers={"Authorization": f"Bearer {token}"}, json=body,
                                 timeout=30)
        waiting = response.status_code == 422 and "chưa nhận được danh mục" in response.text
        if not waiting or time.monotonic() > deadline:
            break
        time.sleep(2)
    if response.status_code >= 400:
        sys.exit(f"edu71: demo data: POST plans/plans → {response.status_code} {response.text[:500]}")
    return response.json()


def load_plans(accounts: Accounts) -> int:
    """Seed schools get their real plan headers as drafts; generated schools a plan in some state of review."""
    publish_catalogues(accounts)
    created = 0
    schools = list(SEED_SCHOOLS) + demo_schools(HAI_PHONG)
    for school in schools:
        token = accounts.school(school)
        if call("GET", "plans", "/plans", token, params={"page_size": 1}).json()["total"]:
            continue
        body = SEED_PLANS.get(school.code) or {
            "title": f"Kế hoạch thực hiện Nghị quyết 71-NQ/TW của {school.name}",
            "number_symbol": f"{1 + int(stable_fraction(school.code, 'n') * 90)}/KH-{school.code}",
            "year": 2026,
        }
        body = {**body, "targets": SEED_TARGETS.get(school.code) or generated_targets(school)}
        plan = create_plan(token, body)
        created += 1
        progress = stable_fraction(school.code, "plan")
        if school.code == THI_TRAN.code or (school not in SEED_SCHOOLS and progress > 0.35):
            if not plan["number_symbol"]:
                continue
            call("POST", "plans", f"/plans/{plan['id']}/submit", token)
            if school not in SEED_SCHOOLS and progress > 0.6:
                reviewer = accounts.commune(school.commune_code)
                city = accounts.city(school.province_code)
                token_for_review = city if school.level.value in ("thpt", "lien_cap") else reviewer
                if progress > 0.8:
                    call("POST", "plans", f"/plans/{plan['id']}/return", token_for_review, json={"comments": [
                        {"anchor_kind": "section", "anchor": "muc_tieu",
                         "text": "Đề nghị bổ sung chỉ tiêu định lượng theo từng năm."}]})
                else:
                    call("POST", "plans", f"/plans/{plan['id']}/approve", token_for_review,
                         json={"comment": "Đồng ý."})
    return created


#: The communes/wards (UBND) with a plan of their own in the demo: the seed school's ward, and the next few.
COMMUNE_PLANS = 6
#: What a commune's plan targets, by indicator (only those the demo's rounds collect are used): (wording, value
#: when the commune is ambitious, value otherwise, horizon year). Every one is a ratio, in percent.
COMMUNE_TARGETS = {
    "TEACHERS_QUALIFIED": ("{v}% giáo viên các trường trên địa bàn đạt chuẩn trình độ đào tạo", 100, 98, 2030),
    "STAFF_DIGITAL_TRAINED": ("{v}% cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số", 100, 95, 2026),
    "STAFF_USING_AI": ("Ít nhất {v}% cán bộ quản lý, giáo viên ứng dụng trí tuệ nhân tạo trong dạy học", 90, 80,
                       2026),
    "STAFF_BRIEFED": ("{v}% cán bộ, giáo viên, nhân viên được quán triệt Nghị quyết số 71-NQ/TW", 100, 100, 2026),
    "DROPOUT": ("Tỷ lệ học sinh bỏ học trên địa bàn không quá {v}%", 0.3, 0.5, 2026),
    "ENROLMENT_AGE_GROUP": ("{v}% trẻ em, học sinh trong độ tuổi đến trường", 100, 99, 2030),
    "RECORDS_DIGITAL": ("{v}% hồ sơ, sổ sách của các trường được số hoá", 100, 90, 2026),
}


def commune_targets(commune_code: str, catalogue: dict[str, dict]) -> list[dict]:
    """A commune's plan targets, linked to the ratio indicators the rounds collect, some bolder than others."""
    collected = set(round_indicators(catalogue))
    out = []
    for code, (wording, bold, modest, year) in COMMUNE_TARGETS.items():
        if code not in collected or catalogue[code]["value_type"] != "ratio":
            continue
        value = bold if stable_fraction(commune_code, code, "commune-target") > 0.4 else modest
        comparator = "<=" if catalogue[code].get("direction") == "lower" else ">="
        out.append(_target(code, wording.format(v=f"{value:g}".replace(".", ",")), comparator, value, "%", year))
    return out


def load_commune_plans(accounts: Accounts) -> int:
    """A few communes/wards (UBND xã/phường) issue their own plan, which the city approves: their dashboards then
    judge the commune by its own targets. A commune that has a plan already is left alone (re-runs add none)."""
    city = accounts.city(HAI_PHONG)
    catalogue = {i["code"]: i for i in call("GET", "indicators", "/catalogue", city).json()["indicators"]}
    wards = [HIEN_THANH.commune_code] + [c.code for c in communes(HAI_PHONG) if c.code != HIEN_THANH.commune_code]
    created = 0
    for code in wards[:COMMUNE_PLANS]:
        token = accounts.commune(code)
        if call("GET", "plans", "/plans", token, params={"owner_kind": "commune", "page_size": 1}).json()["total"]:
            continue
        name = commune(code).name
        plan = create_plan(token, {
            "title": f"Kế hoạch thực hiện Nghị quyết số 71-NQ/TW về đột phá phát triển giáo dục và đào tạo trên địa "
                     f"bàn {name}",
            "number_symbol": f"{10 + int(stable_fraction(code, 'n') * 80)}/KH-UBND", "year": 2026,
            "place": name.split(" ", 1)[1] if " " in name else name, "issued_on": "2026-02-10",
            "signer": "Nguyễn Văn Bình", "targets": commune_targets(code, catalogue)})
        created += 1
        call("POST", "plans", f"/plans/{plan['id']}/submit", token)
        call("POST", "plans", f"/plans/{plan['id']}/approve", city,
             json={"comment": "Kế hoạch phù hợp với Chương trình 02-CTr/TU. Đồng ý."})
    return created


ROUND_NAME = "Sơ kết học kỳ I năm học 2026–2027"
#: The closed round of the previous school year that trajectories and trends start from.
BASELINE_ROUND_NAME = "Tổng kết năm học 2025–2026"

#: Ratios that are shares of pupils or classes, with (smallest share, spread): the rest count staff.
PUPIL_SHARES = {"ENROLMENT_AGE_GROUP": (0.97, 0.03), "PROGRAMME_COMPLETED": (0.95, 0.05),
                "PROGRESSION_THPT_VOC": (0.88, 0.12), "PROGRESSION_PRIMARY_THCS": (0.97, 0.03),
                "TWO_SESSIONS_PER_DAY": (0.55, 0.45), "FREE_TEXTBOOKS": (0.25, 0.6),
                "TRAINING_EFFICIENCY": (0.9, 0.1), "REPETITION": (0.0, 0.01)}


def round_indicators(catalogue: dict[str, dict]) -> list[str]:
    """The indicators the demo's rounds collect: every one with a target in the city's catalogue."""
    return [code for code, indicator in catalogue.items() if indicator.get("targets")]


def demo_value(indicator: dict, school: School, baseline: bool = False) -> dict:
    """Plausible, repeatable figures for one school and indicator; a year earlier (``baseline``) a little
    behind, so trajectories have somewhere to start from."""
    r = stable_fraction(school.code, indicator["code"])
    code = indicator["code"]
    back = 0.1 if baseline else 0.0  # a year's progress
    if indicator["value_type"] == "ratio":
        if code == "DROPOUT":
            pupils = 300 + int(r * 900)
            return {"indicator_code": code, "numerator": int(r * r * 8) + (int(r * 4) if baseline else 0),
                    "denominator": pupils}
        if code in PUPIL_SHARES:
            low, spread = PUPIL_SHARES[code]
            total = (12 + int(r * 30)) if code == "TWO_SESSIONS_PER_DAY" else (60 + int(r * 300))
            share = max(0.0, min(1.0, low + spread * r - (back * spread if code != "REPETITION" else 0)))
            return {"indicator_code": code, "numerator": int(total * share), "denominator": total}
        staff = 20 + int(r * 60)
        return {"indicator_code": code, "numerator": int(staff * (0.55 - back + 0.45 * r)), "denominator": staff}
    if indicator["value_type"] == "level":
        low, high = indicator["level_min"], indicator["level_max"]
        level = low + int(r * (high - low + 1))
        return {"indicator_code": code, "level": max(low, level - (1 if baseline and r > 0.8 else 0))}
    if indicator["value_type"] == "boolean":
        return {"indicator_code": code, "flag": r > 0.3}
    if code == "MAX_CLASS_SIZE":
        return {"indicator_code": code, "value": 30 + int(r * 16)}
    return {"indicator_code": code, "value": max(0, int(r * 5) - (1 if baseline else 0))}


def submit_values(accounts: Accounts, round_id: str, catalogue: dict[str, dict], codes: list[str],
                  baseline: bool = False) -> int:
    """About two schools in three report (nine in ten for the baseline round)."""
    submitted = 0
    share = 0.9 if baseline else 0.66
    for school in demo_schools(HAI_PHONG):
        if stable_fraction(school.code, "baseline" if baseline else "reports") > share:
            continue
        values = consistent([demo_value(catalogue[code], school, baseline) for code in codes
                             if school.level.value in catalogue[code]["levels"]], catalogue)
        if not values:
            continue
        token = accounts.tokens[f"school:{school.code}"]["token"]
        call("PUT", "indicators", f"/rounds/{round_id}/submissions/{school.code}", token,
             json={"values": values}, headers={"Idempotency-Key": f"demo-{round_id}-{school.code}"})
        submitted += 1
    return submitted


def load_baseline_round(accounts: Accounts, catalogue: dict[str, dict]) -> int:
    """The previous school year's closing round, reported by most schools.

    The indicators API opens no round whose closing time has passed, so it is opened with its real dates of
    May–June 2026 and a closing time a few minutes ahead: its values come in after its due date (marked late,
    as they would be) and it closes by itself when the demo is loaded. Loaded once: a re-run leaves it alone.
    """
    city = accounts.tokens[f"city:{HAI_PHONG}"]["token"]
    rounds = call("GET", "indicators", "/rounds", city, params={"page_size": 100}).json()["items"]
    if any(r["name"] == BASELINE_ROUND_NAME for r in rounds):
        return 0
    codes = round_indicators(catalogue)
    now = datetime.now(VIETNAM)
    round_ = call("POST", "indicators", "/rounds", city, json={
        "name": BASELINE_ROUND_NAME, "province_code": HAI_PHONG, "school_year": "2025-2026",
        "school_levels": ["mam_non", "tieu_hoc", "thcs", "thpt"], "indicator_codes": codes,
        "opens_at": "2026-05-15T07:00:00+07:00", "due_at": "2026-06-10T17:00:00+07:00",
        "closes_at": (now + timedelta(minutes=10)).isoformat(timespec="seconds"),
    }).json()
    return submit_values(accounts, round_["id"], catalogue, codes, baseline=True)


def load_round(accounts: Accounts) -> int:
    """An open reporting round for Hải Phòng, reported by about two schools in three."""
    city = accounts.tokens[f"city:{HAI_PHONG}"]["token"]
    catalogue = {i["code"]: i for i in call("GET", "indicators", "/catalogue", city).json()["indicators"]}
    load_baseline_round(accounts, catalogue)
    codes = round_indicators(catalogue)
    rounds = call("GET", "indicators", "/rounds", city, params={"page_size": 100}).json()["items"]
    round_ = next((r for r in rounds if r["name"] == ROUND_NAME), None)
    if round_ is None:
        now = datetime.now(VIETNAM)
        round_ = call("POST", "indicators", "/rounds", city, json={
            "name": ROUND_NAME, "province_code": HAI_PHONG, "school_year": "2026-2027",
            "school_levels": ["mam_non", "tieu_hoc", "thcs", "thpt"], "indicator_codes": codes,
            "opens_at": (now - timedelta(days=3)).isoformat(timespec="seconds"),
            "due_at": (now + timedelta(days=20)).isoformat(timespec="seconds"),
            "closes_at": (now + timedelta(days=40)).isoformat(timespec="seconds"),
        }).json()
    return submit_values(accounts, round_["id"], catalogue, list(round_["indicator_codes"]))


def main() -> None:
    wait_ready()
    accounts = Accounts()
    schools = register_schools(accounts)
    create_accounts(accounts)
    created = load_plans(accounts)
    created += load_commune_plans(accounts)
    submissions = load_round(accounts)
    path = accounts.save()
    print(f"edu71: demo data loaded ({schools} schools registered, {len(accounts.tokens)} accounts signed in, "
          f"{created} plans created, {submissions} schools reported “{ROUND_NAME}”); demo tokens in {path}")


if __name__ == "__main__":
    main()
