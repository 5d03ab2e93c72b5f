"""The operator's page reads every service's ops endpoints of the running platform, and shows no school data."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
import requests

from edu71_testing import bearer

pytestmark = pytest.mark.integration

OPERATOR = {"name": "Cán bộ vận hành", "email": "vanhanh@edu71.test", "role": "operator", "org_unit": "edu71",
            "password": "Mat-khau-thu-2026"}


@pytest.fixture(scope="module")
def operator(platform, stack, accounts):
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    r = requests.post(f"{platform.urls['identity']}/users", headers=admin, json=OPERATOR, timeout=30)
    assert r.status_code in (201, 409), r.text
    http = requests.Session()
    portal = platform.urls["portal"]
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get(f"{portal}/login", timeout=30).text).group(1)
    signed_in = http.post(f"{portal}/login", timeout=30, data={"email": OPERATOR["email"],
                                                               "password": OPERATOR["password"], "csrf_token": token})
    assert signed_in.status_code == 200 and urlpath(signed_in.url) == "/operator"  # where an operator starts
    return http


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3].split("?")[0]


def test_the_operator_sees_each_service_ready_with_its_backlogs_read_from_its_own_endpoints(platform, operator):
    page = operator.get(f"{platform.urls['portal']}/operator", timeout=60)
    assert page.status_code == 200
    text = unescape(page.text)
    for name in ("Tài khoản và danh bạ trường", "Kế hoạch", "Chỉ tiêu và số liệu", "Tổng hợp báo cáo", "Thông báo"):
        assert f"<h2>{name}</h2>" in text
    # Both processes of all five services answered their /healthz and /readyz.
    assert text.count("Đang chạy, sẵn sàng") == 10 and "Không phản hồi" not in text
    # Figures come from /metrics of every process (none is "không rõ") and are Vietnamese numbers.
    assert text.count("Sự kiện chờ gửi lên Kafka") == 5 and "không rõ" not in text
    assert "Thông báo gửi thất bại" in text and "Dòng dữ liệu nguồn bị cách ly" in text
    summary = re.search(r'<p id="ops-summary" role="status"[^>]*>([^<]+)</p>', text).group(1)
    assert summary.startswith("5 dịch vụ: ")
    assert "Mở Prometheus" in text and "Tải tệp bảng theo dõi Grafana (JSON)" in text
    # No school's name or code on the operator's page.
    assert "Thị Trấn" not in text and "HCM-THCS-THITRAN2" not in text

    fragment = operator.get(f"{platform.urls['portal']}/operator/status", timeout=60)
    assert fragment.status_code == 200 and 'id="ops-detail"' in fragment.text and "<html" not in fragment.text
    dashboard = operator.get(f"{platform.urls['portal']}/operator/grafana-dashboard.json", timeout=30)
    assert dashboard.status_code == 200 and json.loads(dashboard.content)["panels"]


def test_the_operator_page_is_for_operators_and_admins_only(platform, helpers, operator):
    portal = platform.urls["portal"]
    assert helpers.sign_in("school").get(f"{portal}/operator", timeout=30).status_code == 403
    assert helpers.sign_in("city").get(f"{portal}/operator/status", timeout=30).status_code == 403
    assert helpers.sign_in("admin").get(f"{portal}/operator", timeout=60).status_code == 200
    # And the operator still reads no school data.
    assert operator.get(f"{portal}/admin/users", timeout=30).status_code == 403
    assert operator.get(f"{portal}/dashboard", timeout=30).status_code in (403, 404)
