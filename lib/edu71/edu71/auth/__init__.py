"""Authentication (bearer JWT) and authorisation by role and org unit."""
from edu71.auth.principal import Principal, Role
from edu71.auth.tokens import InvalidToken, TokenIssuer, TokenVerifier

__all__ = ["Principal", "Role", "InvalidToken", "TokenIssuer", "TokenVerifier"]
