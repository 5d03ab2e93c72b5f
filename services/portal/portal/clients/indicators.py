"""The indicators service: catalogue, rounds, a school's submission, Excel template and upload, approval."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient, ApiError, etag_of


class IndicatorsClient(ApiClient):
    name = "chỉ tiêu"

    def catalogue(self, version: int | None = None) -> dict[str, Any]:
        return self.get_json("/catalogue", params={"version": version} if version else None)

    def rounds(self, **query: Any) -> dict[str, Any]:
        return self.get_json("/rounds", params={k: v for k, v in query.items() if v not in (None, "")})

    def round(self, round_id: str) -> dict[str, Any]:
        return self.get_json(f"/rounds/{round_id}")

    def open_round(self, data: dict[str, Any]) -> dict[str, Any]:
        return self.send_json("POST", "/rounds", data)

    def reschedule(self, round_id: str, due_at: str, closes_at: str) -> dict[str, Any]:
        return self.send_json("POST", f"/rounds/{round_id}/schedule", {"due_at": due_at, "closes_at": closes_at})

    def submission(self, round_id: str, school_code: str) -> dict[str, Any] | None:
        """The school's latest values in the round, or ``None`` before its first submission."""
        try:
            return self.get_json(f"/rounds/{round_id}/submissions/{school_code}")
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    def submit(self, round_id: str, school_code: str, values: list[dict[str, Any]],
               idempotency_key: str, explanations: dict[str, str] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"values": values}
        if explanations:
            body["explanations"] = explanations
        return self.send_json("PUT", f"/rounds/{round_id}/submissions/{school_code}", body,
                              headers={"Idempotency-Key": idempotency_key})

    # -- approval of a school's report ------------------------------------------------
    def report(self, round_id: str, school_code: str) -> tuple[dict[str, Any], str | None]:
        """The report and its ETag (the version a reviewer's action is checked against)."""
        response = self.request("GET", f"/rounds/{round_id}/submissions/{school_code}")
        return response.json(), etag_of(response)

    def previous(self, round_id: str, school_code: str) -> dict[str, Any]:
        """The school's values in the round before: ``{round_name, values}`` (empty when none)."""
        try:
            return self.get_json(f"/rounds/{round_id}/submissions/{school_code}/previous")
        except ApiError as exc:
            if exc.status == 404:
                return {"round_name": None, "values": []}
            raise

    def report_action(self, round_id: str, school_code: str, action: str, etag: str | None = None,
                      body: dict[str, Any] | None = None) -> dict[str, Any]:
        """complete, confirm, accept, return or reopen; reviewers send the ETag they read."""
        return self.send_json("POST", f"/rounds/{round_id}/submissions/{school_code}/{action}", body or {},
                              headers={"If-Match": etag} if etag else None)

    def audit(self, round_id: str, school_code: str) -> list[dict[str, Any]]:
        return self.get_json(f"/rounds/{round_id}/submissions/{school_code}/audit")

    def flag(self, round_id: str, school_code: str, indicator_code: str, note: str) -> dict[str, Any]:
        return self.send_json("POST", f"/rounds/{round_id}/submissions/{school_code}/flags",
                              {"indicator_code": indicator_code, "note": note})

    def flag_step(self, round_id: str, school_code: str, flag_id: str, step: str, body: dict[str, Any]
                  ) -> dict[str, Any]:
        """answer (the school) or close (the reviewer) a follow-up flag."""
        return self.send_json("POST", f"/rounds/{round_id}/submissions/{school_code}/flags/{flag_id}/{step}", body)

    def commune_reports(self, round_id: str, commune_code: str) -> list[dict[str, Any]]:
        return self.get_json(f"/rounds/{round_id}/communes/{commune_code}/reports")

    def confirm_commune(self, round_id: str, commune_code: str, reports: list[dict[str, Any]]
                        ) -> list[dict[str, Any]]:
        return self.send_json("POST", f"/rounds/{round_id}/communes/{commune_code}/confirm", {"reports": reports})

    def template(self, round_id: str, school_code: str):
        response = self.request("GET", f"/rounds/{round_id}/template", params={"school": school_code})
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")

    def upload(self, round_id: str, filename: str, data: bytes, content_type: str | None,
               idempotency_key: str) -> dict[str, Any]:
        response = self.request("POST", f"/rounds/{round_id}/submissions/upload",
                                files={"file": (filename, data, content_type or "application/octet-stream")},
                                headers={"Idempotency-Key": idempotency_key})
        return response.json()
