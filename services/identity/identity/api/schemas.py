"""Request and response shapes of the identity API."""
from __future__ import annotations

import jsonschema_rs
from marshmallow import ValidationError, fields, validate

from edu71.auth import Role
from edu71.orgs import SchoolLevel
from edu71.schemas import DateTime, Integer, Page, PageQuery, Schema

ROLES = [r.value for r in Role]
LEVELS = [lv.value for lv in SchoolLevel]
SCHOOL_CODE = validate.Regexp(r"^[A-Za-z0-9_.-]{1,64}$", error="Mã trường chỉ gồm chữ, số và các ký tự _ . - (tối đa 64).")
COMMUNE_CODE = validate.Regexp(r"^\d{5}$", error="Mã xã/phường gồm 5 chữ số, ví dụ 10744.")
PROVINCE_CODE = validate.Regexp(r"^\d{2}$", error="Mã tỉnh/thành phố gồm 2 chữ số, ví dụ 31.")
#: Long enough for any real password; the policy (length, variety) is checked by the service.
PASSWORD = validate.Length(min=1, max=1024)
#: The event contracts' ``format: email``, checked by the same compiled validator that checks the events:
#: an address the API takes is one the account's events can carry (marshmallow's own check differs both ways).
_CONTRACT_EMAIL = jsonschema_rs.validator_for({"type": "string", "format": "email"}, validate_formats=True)


def contract_email(value: str) -> None:
    try:
        valid = _CONTRACT_EMAIL.is_valid(value)
    except UnicodeEncodeError:  # a lone surrogate: no e-mail, and the validator cannot take it as UTF-8
        valid = False
    if not valid:
        raise ValidationError("Địa chỉ e-mail không hợp lệ.")


def email_field(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(max=254), contract_email], metadata={"format": "email"}, **kwargs)


class SignInSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, validate=PASSWORD, load_only=True)


class UserSchema(Schema):
    id = fields.String(metadata={"description": "Mã tài khoản, ví dụ u-3f2a9c…; là claim `sub` của mã truy cập"})
    name = fields.String()
    email = fields.String()
    role = fields.String(metadata={"description": "school, commune, city, operator hoặc admin"})
    org_kind = fields.String(metadata={"description": "school, commune, province hoặc platform"})
    org_unit = fields.String(metadata={"description": "Mã trường, mã xã/phường (5 số), mã tỉnh (2 số) hoặc edu71"})
    org_unit_name = fields.String()
    commune_code = fields.String(allow_none=True)
    province_code = fields.String(allow_none=True)
    school_level = fields.String(allow_none=True)
    active = fields.Boolean()
    created_at = DateTime()
    updated_at = DateTime()


class SessionSchema(Schema):
    access_token = fields.String()
    token_type = fields.String(metadata={"description": "Luôn là Bearer"})
    expires_in = Integer(metadata={"description": "Số giây mã truy cập còn hiệu lực"})
    user = fields.Nested(UserSchema)


class UserCreateSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = email_field(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    org_unit = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=PASSWORD, load_only=True,
                             metadata={"description": "Ít nhất 10 ký tự"})
    active = fields.Boolean(load_default=True)


class UserPatchSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    email = email_field()
    role = fields.String(validate=validate.OneOf(ROLES))
    org_unit = fields.String(validate=validate.Length(min=1, max=64))
    active = fields.Boolean()
    password = fields.String(validate=PASSWORD, load_only=True)
    current_password = fields.String(validate=PASSWORD, load_only=True,
                                     metadata={"description": "Cần khi người dùng tự đổi mật khẩu của mình"})


class UserListQuerySchema(PageQuery):
    role = fields.String(validate=validate.OneOf(ROLES))
    org_unit = fields.String(validate=validate.Length(min=1, max=64))
    commune_code = fields.String(validate=COMMUNE_CODE,
                                 metadata={"description": "Tài khoản của xã/phường và của các trường thuộc xã/phường"})
    province_code = fields.String(validate=PROVINCE_CODE,
                                  metadata={"description": "Tài khoản của một tỉnh/thành phố (Sở, xã/phường, trường)"})
    active = fields.Boolean(metadata={"description": "true: đang hoạt động; false: đã khoá"})
    q = fields.String(validate=validate.Length(min=1, max=100),
                      metadata={"description": "Tìm theo họ tên, e-mail, tên hoặc mã đơn vị (có dấu hay không dấu)"})


class UserPageSchema(Page):
    items = fields.List(fields.Nested(UserSchema))


class SchoolWriteSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    commune_code = fields.String(required=True, validate=COMMUNE_CODE)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    active = fields.Boolean(load_default=True)


class SchoolCreateSchema(SchoolWriteSchema):
    code = fields.String(required=True, validate=SCHOOL_CODE)


class SchoolSchema(SchoolCreateSchema):
    province_code = fields.String()
    created_at = DateTime()
    updated_at = DateTime()


class SchoolListQuerySchema(PageQuery):
    commune_code = fields.String(validate=COMMUNE_CODE)
    province_code = fields.String(validate=PROVINCE_CODE)
    level = fields.String(validate=validate.OneOf(LEVELS))
    active = fields.Boolean()


class SchoolPageSchema(Page):
    items = fields.List(fields.Nested(SchoolSchema))


class OrgUnitsQuerySchema(Schema):
    province_code = fields.String(required=True, validate=PROVINCE_CODE)


class CommuneSchema(Schema):
    code = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"description": "xã, phường hoặc đặc khu"})


class OrgUnitsSchema(Schema):
    province_code = fields.String()
    province_name = fields.String()
    items = fields.List(fields.Nested(CommuneSchema))
