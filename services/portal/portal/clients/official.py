"""The reports service's official reports (báo cáo gửi cấp trên): drafts, issue, files, what was sent to us."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient


class OfficialReportsClient(ApiClient):
    name = "báo cáo"

    def _path(self, round_id: str, kind: str, code: str) -> str:
        return f"/official-reports/{round_id}/{kind}/{code}"

    def report(self, round_id: str, kind: str, code: str) -> dict[str, Any]:
        return self.get_json(self._path(round_id, kind, code))

    def save(self, round_id: str, kind: str, code: str, written: dict[str, str], signer_name: str,
             version: int) -> dict[str, Any]:
        return self.send_json("PUT", self._path(round_id, kind, code),
                              {"written": written, "signer_name": signer_name, "version": version})

    def issue(self, round_id: str, kind: str, code: str) -> dict[str, Any]:
        return self.send_json("POST", self._path(round_id, kind, code) + "/issue", None)

    def file(self, round_id: str, kind: str, code: str, name: str) -> tuple[bytes, str, str]:
        """``name``: ``draft.docx``, ``issued.docx`` or ``issued.pdf``; (bytes, disposition, content type)."""
        response = self.request("GET", self._path(round_id, kind, code) + f"/{name}")
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")

    def issued(self, received: bool = False) -> list[dict[str, Any]]:
        return self.get_json("/official-reports", params={"received": "true" if received else "false"})["items"]
