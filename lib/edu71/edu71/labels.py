"""Vietnamese labels of the platform's shared vocabulary, one place for every service and the portal.

A reader never sees a stored key (``to_chuc_thuc_hien``): plans, reviews, e-mails and exports name
a plan's sections as the plan itself heads them.
"""
from __future__ import annotations

import unicodedata

#: The sections of a plan (kế hoạch) as Decree 30/2020-style plans head them, by the key the importer gives.
PLAN_SECTIONS = {
    "muc_dich_yeu_cau": "I. Mục đích, yêu cầu",
    "muc_tieu": "II. Mục tiêu",
    "nhiem_vu_giai_phap": "III. Nhiệm vụ, giải pháp",
    "to_chuc_thuc_hien": "IV. Tổ chức thực hiện",
    "kinh_phi": "Kinh phí thực hiện",
    "bao_cao": "Chế độ báo cáo",
}


def plan_section(key: str) -> str:
    """The section's heading; a section the importer named from its own heading reads as that heading."""
    if key in PLAN_SECTIONS:
        return PLAN_SECTIONS[key]
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def without_diacritics(text: str) -> str:
    """Vietnamese spelled in plain ASCII letters (đ → d), case kept: for where only ASCII may go."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
