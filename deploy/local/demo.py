"""Demo data for ``make up``, loaded through the services' own HTTP APIs, as a real client would.

Re-running it changes nothing that is already there. It writes the demo
accounts' bearer tokens to ``var/demo/tokens.json`` (the README explains how
to use them).
"""
from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from services import SERVICES, VAR, api_port  # noqa: E402

from edu71.auth.tokens import TokenIssuer  # noqa: E402
from edu71.config import platform_settings  # noqa: E402
from edu71.orgs import HAI_PHONG, SEED_SCHOOLS, School, demo_schools, stable_fraction  # noqa: E402

HIEN_THANH, THI_TRAN = SEED_SCHOOLS
VIETNAM = timezone(timedelta(hours=7))


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


class Accounts:
    """One bearer token per demo role (built-in issuer)."""

    def __init__(self):
        self.issuer = TokenIssuer(platform_settings("demo").auth)
        self.tokens: dict[str, dict] = {}

    def add(self, label: str, description: str, **claims) -> str:
        token = self.issuer.issue(ttl=30 * 24 * 3600, **claims)
        self.tokens[label] = {"description": description, "token": token}
        return token

    def school(self, school: School) -> str:
        return self.add(f"school:{school.code}", f"Nhà trường — {school.name}", sub=f"truong-{school.code.lower()}",
                        name=f"Hiệu trưởng {school.name}", role="school", org_unit=school.code,
                        org_unit_name=school.name, commune_code=school.commune_code,
                        province_code=school.province_code, school_level=school.level.value)

    def save(self) -> Path:
        path = VAR / "demo" / "tokens.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.tokens, ensure_ascii=False, indent=2), encoding="utf-8")
        path.chmod(0o600)
        return path


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


def load_plans(accounts: Accounts) -> int:
    """Seed schools get their real plan headers as drafts; generated schools a plan in some state of review."""
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
        plan = call("POST", "plans", "/plans", token, json=body).json()
        created += 1
        progress = stable_fraction(school.code, "plan")
        if school.code == THI_TRAN.code or (school not in SEED_SCHOOLS and progress > 0.35):
            if not plan["number_symbol"]:
                continue
            call("POST", "plans", f"/plans/{plan['id']}/submit", token)
            if school not in SEED_SCHOOLS and progress > 0.6:
                reviewer = (accounts.tokens.get(f"commune:{school.commune_code}") or {}).get("token") or accounts.add(
                    f"commune:{school.commune_code}", f"UBND {school.commune_code}", sub=f"ubnd-{school.commune_code}",
                    name="Cán bộ Văn hoá – Xã hội", role="commune", org_unit=school.commune_code,
                    province_code=school.province_code)
                city = accounts.tokens[f"city:{school.province_code}"]["token"]
                token_for_review = city if school.level.value in ("thpt", "lien_cap") else reviewer
                if progress > 0.8:
                    call("POST", "plans", f"/plans/{plan['id']}/return", token_for_review, json={"comments": [
                        {"anchor_kind": "section", "anchor": "muc_tieu",
                         "text": "Đề nghị bổ sung chỉ tiêu định lượng theo từng năm."}]})
                else:
                    call("POST", "plans", f"/plans/{plan['id']}/approve", token_for_review,
                         json={"comment": "Đồng ý."})
    return created


ROUND_NAME = "Sơ kết học kỳ I năm học 2026–2027"
ROUND_INDICATORS = ["STAFF_DIGITAL_TRAINED", "STAFF_USING_AI", "TEACHERS_QUALIFIED", "SMART_CLASSROOMS",
                    "DROPOUT", "PCGD_LEVEL"]


def demo_value(indicator: dict, school: School) -> dict:
    """Plausible, repeatable figures for one school and indicator."""
    r = stable_fraction(school.code, indicator["code"])
    code = indicator["code"]
    if indicator["value_type"] == "ratio":
        if code == "DROPOUT":
            pupils = 300 + int(r * 900)
            return {"indicator_code": code, "numerator": int(r * r * 8), "denominator": pupils}
        staff = 20 + int(r * 60)
        return {"indicator_code": code, "numerator": int(staff * (0.55 + 0.45 * r)), "denominator": staff}
    if indicator["value_type"] == "level":
        low, high = indicator["level_min"], indicator["level_max"]
        return {"indicator_code": code, "level": low + int(r * (high - low + 1))}
    if indicator["value_type"] == "boolean":
        return {"indicator_code": code, "flag": r > 0.3}
    return {"indicator_code": code, "value": int(r * 5)}


def load_round(accounts: Accounts) -> int:
    """An open reporting round for Hải Phòng, reported by about two schools in three."""
    city = accounts.tokens[f"city:{HAI_PHONG}"]["token"]
    rounds = call("GET", "indicators", "/rounds", city, params={"page_size": 100}).json()["items"]
    round_ = next((r for r in rounds if r["name"] == ROUND_NAME), None)
    if round_ is None:
        now = datetime.now(VIETNAM)
        round_ = call("POST", "indicators", "/rounds", city, json={
            "name": ROUND_NAME, "province_code": HAI_PHONG, "school_year": "2026-2027",
            "school_levels": ["mam_non", "tieu_hoc", "thcs", "thpt"], "indicator_codes": ROUND_INDICATORS,
            "opens_at": (now - timedelta(days=3)).isoformat(timespec="seconds"),
            "due_at": (now + timedelta(days=20)).isoformat(timespec="seconds"),
            "closes_at": (now + timedelta(days=40)).isoformat(timespec="seconds"),
        }).json()
    catalogue = {i["code"]: i for i in call("GET", "indicators", "/catalogue", city).json()["indicators"]}
    submitted = 0
    for school in demo_schools(HAI_PHONG):
        if stable_fraction(school.code, "reports") > 0.66:
            continue
        values = [demo_value(catalogue[code], school) for code in ROUND_INDICATORS
                  if school.level.value in catalogue[code]["levels"]]
        if not values:
            continue
        token = accounts.tokens[f"school:{school.code}"]["token"]
        call("PUT", "indicators", f"/rounds/{round_['id']}/submissions/{school.code}", token,
             json={"values": values}, headers={"Idempotency-Key": f"demo-{round_['id']}-{school.code}"})
        submitted += 1
    return submitted


def main() -> None:
    wait_ready()
    accounts = Accounts()
    accounts.add("admin", "Quản trị hệ thống", sub="admin", name="Quản trị viên", role="admin", org_unit="edu71")
    accounts.add("operator", "Vận hành (chỉ xem giám sát)", sub="operator", name="Vận hành", role="operator",
                 org_unit="edu71")
    accounts.add(f"city:{HAI_PHONG}", "Sở GD&ĐT Hải Phòng", sub="so-gddt-hai-phong", name="Sở GD&ĐT Hải Phòng",
                 role="city", org_unit=HAI_PHONG, org_unit_name="Sở Giáo dục và Đào tạo Hải Phòng")
    accounts.add("city:79", "Sở GD&ĐT TP. Hồ Chí Minh", sub="so-gddt-hcm", name="Sở GD&ĐT TP. Hồ Chí Minh",
                 role="city", org_unit="79", org_unit_name="Sở Giáo dục và Đào tạo TP. Hồ Chí Minh")
    for seed in SEED_SCHOOLS:
        accounts.add(f"commune:{seed.commune_code}", f"UBND xã/phường {seed.commune_code}",
                     sub=f"ubnd-{seed.commune_code}", name="Cán bộ Văn hoá – Xã hội", role="commune",
                     org_unit=seed.commune_code, province_code=seed.province_code)
    created = load_plans(accounts)
    submissions = load_round(accounts)
    path = accounts.save()
    print(f"edu71: demo data loaded ({created} plans created, {submissions} schools reported "
          f"“{ROUND_NAME}”); demo tokens in {path}")


if __name__ == "__main__":
    main()
