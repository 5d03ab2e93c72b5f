"""The identity service: sign-in, users (admin page), schools and org units."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient


class IdentityClient(ApiClient):
    name = "tài khoản"

    def sign_in(self, email: str, password: str, client_address: str | None) -> dict[str, Any]:
        """``{access_token, token_type, expires_in, user}``; ApiError 401/403/429 carries the service's message.

        The person's own address is forwarded, so the service counts failures per person, not per portal.
        """
        headers = {"X-Forwarded-For": client_address} if client_address else None
        return self.send_json("POST", "/sessions", {"email": email, "password": password}, headers=headers)

    def sign_out(self) -> None:
        """End this token's session at the identity service: every API refuses it within seconds."""
        self.request("DELETE", "/sessions/current")

    def me(self) -> dict[str, Any]:
        return self.get_json("/users/me")

    def users(self, **query: Any) -> dict[str, Any]:
        return self.get_json("/users", params={k: v for k, v in query.items() if v not in (None, "")})

    def user(self, user_id: str) -> tuple[dict[str, Any], str | None]:
        response = self.request("GET", f"/users/{user_id}")
        return response.json(), response.headers.get("ETag")

    def create_user(self, data: dict[str, Any]) -> dict[str, Any]:
        return self.send_json("POST", "/users", data)

    def change_user(self, user_id: str, changes: dict[str, Any], etag: str) -> dict[str, Any]:
        return self.send_json("PATCH", f"/users/{user_id}", changes, headers={"If-Match": etag})

    def sign_out_everywhere(self, user_id: str) -> None:
        """End every session of the account (its tokens are refused by every API within seconds)."""
        self.request("POST", f"/users/{user_id}/sessions/revoke")

    def schools(self, **query: Any) -> dict[str, Any]:
        return self.get_json("/schools", params={k: v for k, v in query.items() if v not in (None, "")})

    def all_schools(self, **query: Any) -> list[dict[str, Any]]:
        """Every school of the directory the caller may see, page after page."""
        out: list[dict[str, Any]] = []
        page = 1
        while True:
            answer = self.schools(page=page, page_size=200, **query)
            out.extend(answer["items"])
            if not answer["items"] or len(out) >= answer["total"]:
                return out
            page += 1

    def org_units(self, province_code: str) -> Any:
        return self.get_json("/org-units", params={"province_code": province_code})
