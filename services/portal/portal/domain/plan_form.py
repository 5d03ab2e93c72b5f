"""The school's plan review form: form fields ⇄ the plans API's payload, with Vietnamese messages.

Field names of errors follow the API's (``issued_on``, ``targets.2.value``), so the
form shows local mistakes and the API's 422 answer in the same places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from edu71.vn import ROLE_LABELS, parse_vn_date, parse_vn_number, vn_date, vn_number
from edu71.vn import plan_section as section_label

COMPARATORS = {
    ">=": "ít nhất (≥)",
    ">": "trên (>)",
    "=": "đạt (=)",
    "<=": "không quá (≤)",
    "<": "dưới (<)",
}

#: The unit the importer and the form give a level target (PCGD, national standard, accreditation levels).
LEVEL_UNIT = "mức"


def target_level(target: Mapping[str, Any]) -> str:
    """A target's comparator, value and unit as a reader writes them: ``ít nhất (≥) 99,5 %``, and a level
    target ``ít nhất (≥) mức 2`` (not "2 mức", which reads as a count of levels)."""
    comparator = COMPARATORS.get(target.get("comparator"), target.get("comparator") or "")
    unit = (target.get("unit") or "").strip()
    value = vn_number(target.get("value"))
    if unit.casefold() == LEVEL_UNIT:
        return f"{comparator} {unit} {value}".strip()
    return f"{comparator} {value} {unit}".strip()


STATUS_LABELS = {
    "draft": "Bản nháp",
    "submitted": "Đã gửi duyệt",
    "approved": "Đã phê duyệt",
    "returned": "Bị trả lại",
}

TARGET_KEYS = ("text", "comparator", "value", "unit", "horizon", "indicator_code", "source_sentence")
#: Kept through the form in hidden inputs, so the importer's proposal stays on the target.
PROPOSAL_KEYS = ("proposed_indicator_code", "proposal_confidence")
#: The picker's value for "không gắn chỉ tiêu" (a target measuring no indicator, chosen on purpose).
UNLINKED = "khong-gan"
UNLINKED_LABEL = "Không gắn chỉ tiêu"
ORIGIN_LABELS = {"national": "Chỉ tiêu quốc gia", "province": "Chỉ tiêu của tỉnh/thành phố"}


@dataclass
class ParsedForm:
    payload: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def form_from_plan(plan: Mapping[str, Any]) -> dict[str, str]:
    """The values a form shows for a plan as the API returns it (dates dd/mm/yyyy, decimal commas)."""
    values: dict[str, str] = {
        "number_symbol": plan.get("number_symbol") or "",
        "title": plan.get("title") or "",
        "year": str(plan.get("year") or ""),
        "place": plan.get("place") or "",
        "issued_on": vn_date(plan.get("issued_on")),
        "signer": plan.get("signer") or "",
    }
    for key, text in (plan.get("sections") or {}).items():
        values[f"section.{key}"] = text
    targets = plan.get("targets") or []
    values["target_count"] = str(len(targets) + 1)  # one empty row to add a target
    for i, target in enumerate(targets):
        for key in TARGET_KEYS + PROPOSAL_KEYS:
            raw = target.get(key)
            if key == "horizon":
                raw = vn_date(raw)
            elif key in ("value", "proposal_confidence"):
                raw = _decimal_comma(raw)
            values[f"target-{i}-{key}"] = "" if raw is None else str(raw)
        if target.get("unlinked") or (not target.get("indicator_code") and target.get("proposal_confidence") is not None):
            # chosen so, or the importer found no indicator: the picker shows "không gắn chỉ tiêu" selected
            values[f"target-{i}-indicator_code"] = UNLINKED
        if target.get("indicator_confirmed") is False:
            values[f"target-{i}-unconfirmed"] = "1"
    return values


def _decimal_comma(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number).replace(".", ",")


def parse_plan_form(form: Mapping[str, str], section_keys: list[str]) -> ParsedForm:
    """Turn the submitted form into a PATCH body, or say what is wrong with each field."""
    out = ParsedForm()
    p, errors = out.payload, out.errors
    for name in ("number_symbol", "title", "place", "signer"):
        p[name] = (form.get(name) or "").strip()
    if not p["title"]:
        errors["title"] = "Cần nhập tên (trích yếu) của kế hoạch."
    year = parse_vn_number(form.get("year", ""))
    if isinstance(year, int) and 2000 <= year <= 2100:
        p["year"] = year
    else:
        errors["year"] = "Năm phải là số có bốn chữ số, ví dụ 2026."
    issued = (form.get("issued_on") or "").strip()
    if issued:
        parsed = parse_vn_date(issued)
        if parsed is None:
            errors["issued_on"] = "Ngày ban hành phải có dạng ngày/tháng/năm, ví dụ 29/01/2026."
        else:
            p["issued_on"] = parsed.isoformat()
    else:
        p["issued_on"] = None
    p["sections"] = {key: form.get(f"section.{key}", "") for key in section_keys}
    p["targets"] = _targets(form, errors)
    return out


def _targets(form: Mapping[str, str], errors: dict[str, str]) -> list[dict[str, Any]]:
    try:
        count = min(int(form.get("target_count", "0")), 500)
    except ValueError:
        count = 0
    targets: list[dict[str, Any]] = []
    for i in range(count):
        def get(key: str) -> str:
            return (form.get(f"target-{i}-{key}") or "").strip()

        if form.get(f"target-{i}-remove") or not get("text"):
            continue  # removed, or the empty row left for adding one
        n = len(targets)  # the API numbers the targets it receives
        chosen = get("indicator_code")
        target: dict[str, Any] = {"text": get("text"), "unit": get("unit"),
                                  "indicator_code": None if chosen in ("", UNLINKED) else chosen,
                                  "source_sentence": form.get(f"target-{i}-source_sentence", "")}
        if chosen == UNLINKED:
            target["unlinked"] = True
        if get("proposed_indicator_code"):
            target["proposed_indicator_code"] = get("proposed_indicator_code")
            confidence = parse_vn_number(get("proposal_confidence"))
            if isinstance(confidence, (int, float)) and 0 <= confidence <= 1:
                target["proposal_confidence"] = confidence
        comparator = get("comparator")
        if comparator not in COMPARATORS:
            errors[f"targets.{n}.comparator"] = "Chọn cách so sánh (ít nhất, không quá, …)."
        target["comparator"] = comparator
        value = parse_vn_number(get("value"))
        if isinstance(value, (int, float)):
            target["value"] = value
        else:
            errors[f"targets.{n}.value"] = "Giá trị phải là một số, ví dụ 95 hoặc 0,5."
        raw_horizon = get("horizon")
        horizon = parse_vn_date(raw_horizon)
        if re.fullmatch(r"\d{4}", raw_horizon):
            target["horizon"] = raw_horizon  # a year: the API reads it as 31/12 of that year
        elif horizon is None:
            errors[f"targets.{n}.horizon"] = ("Mốc thời hạn phải là một năm (ví dụ 2030) hoặc ngày/tháng/năm, "
                                              "ví dụ 31/12/2030.")
        else:
            target["horizon"] = horizon.isoformat()
        target["_row"] = i
        targets.append(target)
    return targets


def strip_rows(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without the form's row numbers (kept until then to place the API's messages)."""
    return {**payload, "targets": [{k: v for k, v in t.items() if k != "_row"} for t in payload.get("targets", [])]}


def errors_by_row(errors: Mapping[str, str], targets: list[dict[str, Any]]) -> dict[str, str]:
    """Map ``targets.<n>.<field>`` (position in the payload) to the form's ``target-<row>-<field>``."""
    out: dict[str, str] = {}
    for name, message in errors.items():
        parts = name.split(".")
        if parts[0] == "targets" and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(targets):
            row = targets[int(parts[1])]["_row"]
            key = parts[2] if len(parts) > 2 else "text"
            out[f"target-{row}-{key}"] = message
        elif parts[0] == "sections" and len(parts) > 1:
            out[f"section.{parts[1]}"] = message
        else:
            out[name] = message
    return out


def review_comments(form: Mapping[str, str], section_keys: list[str], target_count: int) -> list[dict[str, str]]:
    """The reviewer's comments: on the whole plan, per section, per target (blank ones dropped)."""
    comments = []
    general = (form.get("comment") or "").strip()
    if general:
        comments.append({"anchor_kind": "plan", "anchor": "", "text": general})
    for key in section_keys:
        text = (form.get(f"comment-section-{key}") or "").strip()
        if text:
            comments.append({"anchor_kind": "section", "anchor": key, "text": text})
    for i in range(target_count):
        text = (form.get(f"comment-target-{i}") or "").strip()
        if text:
            comments.append({"anchor_kind": "target", "anchor": str(i), "text": text})
    return comments


FIELD_LABELS = {
    "number_symbol": "Số, ký hiệu",
    "title": "Trích yếu",
    "year": "Năm",
    "place": "Địa danh",
    "issued_on": "Ngày ban hành",
    "signer": "Người ký",
}
TARGET_LABELS = {"text": "Nội dung", "comparator": "So sánh", "value": "Giá trị", "unit": "Đơn vị",
                 "horizon": "Thời hạn", "indicator_code": "Chỉ tiêu"}


def labels(count: int, section_keys: list[str]) -> dict[str, str]:
    """Readable names of the form's inputs, for the error summary."""
    out = dict(FIELD_LABELS)
    for i in range(count):
        out.update({f"target-{i}-{key}": f"Mục tiêu {i + 1} – {label}" for key, label in TARGET_LABELS.items()})
    out.update({f"section.{key}": section_label(key) for key in section_keys})
    return out


# -- the indicator picker ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PickerGroup:
    label: str
    options: list[tuple[str, str]]  # (code, Vietnamese name)


def picker_groups(catalogue: Mapping[str, Any] | None) -> list[PickerGroup]:
    """The catalogue's indicators by origin (national first), each group sorted by name, for a ``<select>``."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for indicator in (catalogue or {}).get("indicators") or []:
        groups.setdefault(indicator.get("origin") or "national", []).append((indicator["code"], indicator["name"]))
    order = [o for o in ORIGIN_LABELS if o in groups] + [o for o in groups if o not in ORIGIN_LABELS]
    return [PickerGroup(ORIGIN_LABELS.get(o, o), sorted(groups[o], key=lambda pair: pair[1])) for o in order]


def indicator_names(catalogue: Mapping[str, Any] | None) -> dict[str, str]:
    return {i["code"]: i["name"] for i in (catalogue or {}).get("indicators") or []}


def target_indicator(target: Mapping[str, Any], names: Mapping[str, str]) -> tuple[str, str]:
    """What a reader sees for a target's indicator: ``(kind, text)``, never a code.

    kind: ``linked`` (the indicator's name), ``unlinked`` (không gắn chỉ tiêu, flagged for reviewers),
    ``undecided`` (no choice made yet), ``unknown`` (a code the catalogue no longer has).
    """
    code = target.get("indicator_code")
    if code:
        name = target.get("indicator_name") or names.get(code)
        return ("linked", name) if name else ("unknown", "Chỉ tiêu không còn trong danh mục")
    if target.get("unlinked"):
        return "unlinked", UNLINKED_LABEL
    return "undecided", "Chưa chọn chỉ tiêu"


#: Below this the importer itself flags a proposal for review (``CONFIDENT`` of the plans service's proposer);
#: the portal says so in words rather than leave a school to judge a bare percentage.
CONFIDENT = 0.6


def confidence_label(raw: Any) -> str:
    """0.85 → "85 %" (Vietnamese writes a space before %); a low one says it needs checking."""
    try:
        confidence = float(raw)
    except (TypeError, ValueError):
        return ""
    label = f"{round(confidence * 100)} %"
    return label if confidence >= CONFIDENT else f"{label} – thấp, cần kiểm tra kỹ"


#: Bookkeeping of a target that a reader of the differences need not see (the name follows the indicator; the
#: source sentence repeats the text).
_DIFF_HIDDEN = {"indicator_name", "indicator_confirmed", "proposed_indicator_code", "proposal_confidence", "source_sentence",
                "catalogue_issue"}
CHANGE_LABELS = {"added": "Thêm", "removed": "Bỏ", "changed": "Sửa"}


def diff_rows(differences: list[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The differences between two submitted versions as a reader sees them: the plans API's Vietnamese
    label ("Mục tiêu 9 – Nội dung"), indicator names instead of codes, dates dd/mm/yyyy, decimal commas, and
    for text the words struck and inserted (``words``: ``{"op": same|del|ins, "text"}``)."""
    rows = []
    for d in differences:
        parts = str(d.get("path", "")).split(".")
        old, new = d.get("old"), d.get("new")
        is_target = parts[0] == "targets" and len(parts) >= 2 and parts[1].isdigit()
        key = parts[2] if is_target and len(parts) > 2 else ""
        if key in _DIFF_HIDDEN:
            continue
        if key == "indicator_code":
            old, new = (names.get(v, "Chỉ tiêu không còn trong danh mục") if v else "Chưa chọn / không gắn"
                        for v in (old, new))
        elif key == "unlinked":
            old, new = ("có" if v else "không" for v in (old, new))
        elif key == "comparator":
            old, new = (COMPARATORS.get(v, v) if v else None for v in (old, new))
        elif is_target and not key:
            old, new = (_target_summary(v, names) for v in (old, new))
        elif key == "horizon" or parts[0] == "issued_on":
            old, new = (vn_date(v) if v else None for v in (old, new))
        words = _context(d.get("words") or []) if key not in ("indicator_code", "comparator", "horizon") else []
        rows.append({"label": d.get("label") or "Nội dung khác", "change": CHANGE_LABELS.get(d.get("change"), "Sửa"),
                     "old": _shown(old), "new": _shown(new), "words": words})
    return rows


#: Unchanged text around a change in a long section is cut to this many characters on each side.
CONTEXT = 120


def _context(words: list[Mapping[str, str]]) -> list[dict[str, str]]:
    """The word changes with long unchanged stretches cut ("…"): a section of pages shows its changed
    sentences, not itself again."""
    out = []
    for n, w in enumerate(words):
        text = w.get("text", "")
        if w.get("op") == "same" and len(text) > 2 * CONTEXT:
            last = n == len(words) - 1
            if n == 0 and not last:
                text = "… " + text[-CONTEXT:]
            elif last:
                text = text[:CONTEXT] + " …"
            else:
                text = text[:CONTEXT] + " … " + text[-CONTEXT:]
        out.append({"op": w.get("op", "same"), "text": text})
    return out


def _target_summary(value: Any, names: Mapping[str, str]) -> Any:
    if not isinstance(value, Mapping):
        return value
    _kind, shown = target_indicator(value, names)
    return f"{value.get('text', '')} ({shown}; {target_level(value)}; thời hạn {vn_date(value.get('horizon'))})"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        return vn_number(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "–"
    return str(value)


# -- the review history ---------------------------------------------------------------------------------
TIMELINE_LABELS = {"submitted": "Gửi duyệt", "returned": "Trả lại kèm góp ý", "approved": "Phê duyệt",
                   "reimported": "Nhập lại tệp đã sửa"}


def comment_anchor(comment: Mapping[str, Any], targets: list[Mapping[str, Any]] | None = None) -> str:
    """Where a reviewer's comment points, as a reader names it: "Chung", a section's heading, "Mục tiêu 3"."""
    kind, anchor = comment.get("anchor_kind"), str(comment.get("anchor") or "")
    if kind == "section" and anchor:
        return section_label(anchor)
    if kind == "target" and anchor.isdigit():
        n = int(anchor)
        text = (targets or [])[n].get("text") if targets and n < len(targets) else ""
        return f"Mục tiêu {n + 1}" + (f" (“{text}”)" if text else "")
    return "Chung"


def review_labels(section_keys: list[str], target_count: int,
                  errors: Mapping[str, str] | None = None) -> dict[str, str]:
    """Readable names of the review form's inputs and of the API's answers about them, for the error summary."""
    out = {"comment": "Ý kiến chung"}
    out.update({f"comment-section-{key}": f"Góp ý mục {section_label(key)}" for key in section_keys})
    out.update({f"comment-target-{i}": f"Góp ý mục tiêu {i + 1}" for i in range(target_count)})
    out.update({name: "Góp ý" for name in errors or {} if name.startswith("comments")})
    return out


def timeline_rows(entries: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The plans API's timeline, newest first, each step with what a reader sees."""
    rows = []
    for e in reversed(entries):
        role = ROLE_LABELS.get(e.get("actor_role") or "", "")
        who = e.get("actor_name") or ""
        rows.append({"kind": e.get("kind"), "label": TIMELINE_LABELS.get(e.get("kind"), "Thay đổi"),
                     "version": e.get("version"), "at": e.get("at"),
                     "who": f"{who} ({role})" if who and role else who or role,
                     "filename": e.get("filename") or "", "comments": list(e.get("comments") or [])})
    return rows


def earlier_comments(entries: list[Mapping[str, Any]], version: int) -> list[Mapping[str, Any]]:
    """The comments of the return that sent back the version before ``version`` (none for version 1): what
    the reviewer asked for, to check against version ``version``."""
    returned = [e for e in entries if e.get("kind") == "returned" and e.get("version") == version - 1]
    return list(returned[-1].get("comments") or []) if returned else []


# -- lists and the commune's table -------------------------------------------------------------------------
#: Which of a unit's plans is the one in force: an approved one first, then one under review, then a draft.
_CURRENT_ORDER = {"approved": 0, "submitted": 1, "returned": 1, "draft": 2}


def current_plan_id(plans: list[Mapping[str, Any]]) -> str | None:
    """The plan a unit works by: the latest approved, else the latest under review, else the latest draft."""
    latest_first = sorted((p for p in plans if p.get("status") in _CURRENT_ORDER),
                          key=lambda p: p.get("updated_at") or "", reverse=True)
    ranked = sorted(latest_first, key=lambda p: _CURRENT_ORDER[p["status"]])  # stable: latest first in each rank
    return ranked[0]["id"] if ranked else None


def current_by_school(plans: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Each school's current plan (:func:`current_plan_id`), by school name."""
    by_school: dict[str, list] = {}
    for p in plans:
        if (p.get("owner_kind") or "school") == "school" and p.get("school_code"):
            by_school.setdefault(p["school_code"], []).append(p)
    chosen = [next(p for p in group if p["id"] == current_plan_id(group)) for group in by_school.values()
              if current_plan_id(group)]
    return sorted(chosen, key=lambda p: p.get("school_name") or "")


def targets_side_by_side(plans: list[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per indicator, each school's targets (value and horizon) from its current plan, for a commune's table.

    ``[{"indicator": name, "rows": [{"school", "plan_id", "status", "targets": [{"level", "horizon"}]}]}]``; a school with no target on the indicator is listed as such, so a gap is visible.
    Indicators in catalogue order of name; targets without an indicator are left out (nothing to compare)."""
    current = current_by_school(plans)
    codes: dict[str, str] = {}
    for p in current:
        for t in p.get("targets") or []:
            if t.get("indicator_code"):
                codes.setdefault(t["indicator_code"], t.get("indicator_name") or names.get(t["indicator_code"])
                                 or "Chỉ tiêu không còn trong danh mục")
    out = []
    for code, name in sorted(codes.items(), key=lambda item: item[1]):
        rows = []
        for p in current:
            mine = [t for t in p.get("targets") or [] if t.get("indicator_code") == code]
            rows.append({"school": p.get("school_name") or "", "plan_id": p["id"], "status": p.get("status"),
                         "targets": [{"level": target_level(t), "horizon": vn_date(t.get("horizon"))}
                                     for t in sorted(mine, key=lambda t: str(t.get("horizon")))]})
        out.append({"code": code, "indicator": name, "rows": rows,
                    "with_target": sum(1 for r in rows if r["targets"])})
    return out


def level_choices(catalogue: Mapping[str, Any] | None) -> dict[str, list[int]]:
    """Indicator code → the levels a target may take (value_type ``level``: PCGD mức 1–3), for a choice box."""
    out = {}
    for indicator in (catalogue or {}).get("indicators") or []:
        if indicator.get("value_type") == "level":
            low = indicator.get("level_min")
            high = indicator.get("level_max")
            low = 1 if low is None else int(low)
            high = 3 if high is None else int(high)
            out[indicator["code"]] = list(range(low, high + 1))
    return out


#: Roles that issue plans of their own unit, and the owner kind (plans API ``owner_kind``) of each.
ISSUERS = ("school", "commune", "city")
OWN_KIND = {"school": "school", "commune": "commune", "city": "province"}
#: The approved plans each issuing role aligns to (read only): a school its commune's, a commune its city's.
ABOVE_KIND = {"school": "commune", "commune": "province"}
OWN_HEADINGS = {"school": "Kế hoạch của trường", "commune": "Kế hoạch của xã/phường",
                "city": "Kế hoạch của thành phố"}
ABOVE_HEADINGS = {"school": "Kế hoạch của xã/phường (đã phê duyệt, để đối chiếu)",
                  "commune": "Kế hoạch của thành phố (đã phê duyệt, để đối chiếu)"}
ISSUER_KIND_LABELS = {"school": "Nhà trường", "commune": "UBND xã/phường", "province": "Thành phố"}


def issuer_name(plan: Mapping[str, Any]) -> str:
    """The plan's issuing unit as a reader names it (the school, "UBND Phường …", "UBND Thành phố …")."""
    return ((plan.get("issuer") or {}).get("name") or plan.get("school_name") or "").strip()


def is_own(plan: Mapping[str, Any], user: Mapping[str, Any]) -> bool:
    """Is ``plan`` the signed-in user's own unit's plan (which it edits and submits)?"""
    kind = plan.get("owner_kind") or "school"
    if user.get("role") not in OWN_KIND or OWN_KIND[user["role"]] != kind:
        return False
    issuer = plan.get("issuer") or {}
    code = issuer.get("code") or plan.get("school_code")
    return code is not None and code == user.get("org_code")


def catalogue_issues(plan: Mapping[str, Any]) -> dict[int, str]:
    """Target index → why the latest catalogue no longer fits it (the plans API's ``catalogue_issue``)."""
    return {i: t["catalogue_issue"] for i, t in enumerate(plan.get("targets") or []) if t.get("catalogue_issue")}
