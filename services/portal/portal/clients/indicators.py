"""The indicators service: catalogue, rounds, a school's submission, Excel template and upload."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient, ApiError


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
               idempotency_key: str) -> dict[str, Any]:
        return self.send_json("PUT", f"/rounds/{round_id}/submissions/{school_code}", {"values": values},
                              headers={"Idempotency-Key": idempotency_key})

    def template(self, round_id: str, school_code: str):
        response = self.request("GET", f"/rounds/{round_id}/template", params={"school": school_code})
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")

    def upload(self, round_id: str, filename: str, data: bytes, content_type: str | None,
               idempotency_key: str) -> dict[str, Any]:
        response = self.request("POST", f"/rounds/{round_id}/submissions/upload",
                                files={"file": (filename, data, content_type or "application/octet-stream")},
                                headers={"Idempotency-Key": idempotency_key})
        return response.json()
