"""The plans service: list, import, edit, submit, review, versions."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient


class PlansClient(ApiClient):
    name = "kế hoạch"

    def list(self, **query: Any) -> dict[str, Any]:
        return self.get_json("/plans", params={k: v for k, v in query.items() if v not in (None, "")})

    def get(self, plan_id: str) -> tuple[dict[str, Any], str | None]:
        response = self.request("GET", f"/plans/{plan_id}")
        return response.json(), response.headers.get("ETag")

    def import_document(self, filename: str, data: bytes, content_type: str | None) -> dict[str, Any]:
        response = self.request("POST", "/plans/import",
                                files={"file": (filename, data, content_type or "application/octet-stream")})
        return response.json()

    def reimport(self, plan_id: str, filename: str, data: bytes, content_type: str | None,
                 etag: str) -> dict[str, Any]:
        """A corrected file into the same plan (draft or returned): its content is read again from the file."""
        response = self.request("POST", f"/plans/{plan_id}/import", headers={"If-Match": etag},
                                files={"file": (filename, data, content_type or "application/octet-stream")})
        return response.json()

    def delete(self, plan_id: str, etag: str) -> None:
        self.request("DELETE", f"/plans/{plan_id}", headers={"If-Match": etag})

    def update(self, plan_id: str, changes: dict[str, Any], etag: str) -> tuple[dict[str, Any], str | None]:
        response = self.request("PATCH", f"/plans/{plan_id}", json=changes, headers={"If-Match": etag})
        return response.json(), response.headers.get("ETag")

    def submit(self, plan_id: str, etag: str | None) -> dict[str, Any]:
        return self.send_json("POST", f"/plans/{plan_id}/submit", None, headers=_if_match(etag))

    def approve(self, plan_id: str, comment: str | None, etag: str | None) -> dict[str, Any]:
        return self.send_json("POST", f"/plans/{plan_id}/approve", {"comment": comment or None},
                              headers=_if_match(etag))

    def return_(self, plan_id: str, comments: list[dict[str, str]], etag: str | None) -> dict[str, Any]:
        return self.send_json("POST", f"/plans/{plan_id}/return", {"comments": comments}, headers=_if_match(etag))

    def original(self, plan_id: str):
        """The uploaded file: ``(bytes, filename header, content type)``."""
        response = self.request("GET", f"/plans/{plan_id}/original")
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")

    def version_original(self, plan_id: str, number: int):
        """The file a submitted version was read from, as :meth:`original`."""
        response = self.request("GET", f"/plans/{plan_id}/versions/{number}/original")
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")

    def timeline(self, plan_id: str) -> list[dict[str, Any]]:
        return self.get_json(f"/plans/{plan_id}/timeline")

    def versions(self, plan_id: str) -> list[dict[str, Any]]:
        return self.get_json(f"/plans/{plan_id}/versions")

    def diff(self, plan_id: str, old: int, new: int) -> dict[str, Any]:
        return self.get_json(f"/plans/{plan_id}/versions/{old}/diff/{new}")


def _if_match(etag: str | None) -> dict[str, str]:
    return {"If-Match": etag} if etag else {}
