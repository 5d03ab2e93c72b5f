"""Identity endpoints: thin views that turn HTTP into calls of the account, session and directory use cases."""
from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth.flask import current_principal, requires
from edu71.concurrency import expected_version, with_etag
from edu71.schemas import paged
from edu71.errors import Unavailable
from identity.accounts import Accounts
from identity.api.schemas import (
    OrgUnitsQuerySchema,
    OrgUnitsSchema,
    SchoolCreateSchema,
    SchoolListQuerySchema,
    SchoolPageSchema,
    SchoolSchema,
    SchoolWriteSchema,
    SessionSchema,
    SignInSchema,
    UserCreateSchema,
    UserListQuerySchema,
    UserPageSchema,
    UserPatchSchema,
    UserSchema,
)
from identity.directory import Directory
from identity.domain.clients import client_address
from identity.sessions import NO_SIGNING_KEY
from identity.sessions import Sessions as SessionUseCases

sessions = Blueprint("sessions", __name__, url_prefix="/sessions", description="Đăng nhập")
users = Blueprint("users", __name__, url_prefix="/users", description="Tài khoản người dùng")
schools = Blueprint("schools", __name__, url_prefix="/schools", description="Danh bạ trường học")
org_units = Blueprint("org_units", __name__, url_prefix="/org-units", description="Đơn vị hành chính")
keys = Blueprint("keys", __name__, url_prefix="/.well-known", description="Khoá công khai để kiểm tra mã truy cập")


def _accounts() -> Accounts:
    return current_app.extensions["identity.accounts"]


def _sessions() -> SessionUseCases:
    return current_app.extensions["identity.sessions"]


def _directory() -> Directory:
    return current_app.extensions["identity.directory"]


def _answer(schema, doc, status: int = 200):
    response = current_app.response_class(current_app.json.dumps(schema().dump(doc)), status=status,
                                          mimetype="application/json")
    return with_etag(response, doc.doc_version)


@sessions.route("")
class Sessions(MethodView):
    @sessions.arguments(SignInSchema)
    @sessions.response(201, SessionSchema)
    @sessions.doc(security=[])
    def post(self, data):
        """Đăng nhập bằng e-mail và mật khẩu, nhận mã truy cập Bearer"""
        client = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                                current_app.extensions["identity.trusted_proxies"])
        signed_in = _sessions().sign_in(data["email"], data["password"], client)
        response = current_app.response_class(current_app.json.dumps(SessionSchema().dump({
            "access_token": signed_in.token, "token_type": "Bearer", "expires_in": signed_in.expires_in,
            "user": signed_in.user,
        })), status=201, mimetype="application/json")
        response.headers["Cache-Control"] = "no-store"
        return response


@sessions.route("/current")
class CurrentSession(MethodView):
    @requires()
    @sessions.response(204)
    def delete(self):
        """Đăng xuất: mã truy cập của phiên này bị từ chối ở mọi dịch vụ sau vài giây"""
        _sessions().sign_out(current_principal())
        return "", 204


@users.route("/me")
class Me(MethodView):
    @requires()
    @users.response(200, UserSchema)
    def get(self):
        """Tài khoản của người đang đăng nhập"""
        principal = current_principal()
        return _answer(UserSchema, _accounts().get_visible(principal, principal.user_id))


@users.route("")
class Users(MethodView):
    @requires()
    @users.arguments(UserListQuerySchema, location="query")
    @users.response(200, UserPageSchema)
    def get(self, query):
        """Danh sách tài khoản theo tên (quản trị viên: cả nước hoặc một tỉnh/thành phố; Sở GD&ĐT: trong tỉnh/thành phố)"""
        principal = current_principal()
        return paged(query, lambda filters, page, size: _accounts().list_visible(principal, filters, page, size))

    @requires()
    @users.arguments(UserCreateSchema)
    @users.response(201, UserSchema)
    def post(self, data):
        """Tạo tài khoản"""
        return _answer(UserSchema, _accounts().register(current_principal(), data), 201)


@users.route("/<string:user_id>")
class UserById(MethodView):
    @requires()
    @users.response(200, UserSchema)
    def get(self, user_id):
        """Xem một tài khoản"""
        return _answer(UserSchema, _accounts().get_visible(current_principal(), user_id))

    @requires()
    @users.arguments(UserPatchSchema)
    @users.response(200, UserSchema)
    def patch(self, data, user_id):
        """Sửa tài khoản (cần If-Match); người dùng tự đổi họ tên, mật khẩu của mình"""
        return _answer(UserSchema, _accounts().change(current_principal(), user_id, data,
                                                      expected_version(required=True)))


@users.route("/<string:user_id>/sessions/revoke")
class UserSessionsRevoke(MethodView):
    @requires()
    @users.response(204)
    def post(self, user_id):
        """Đăng xuất tài khoản khỏi mọi phiên (chính chủ, quản trị viên, Sở GD&ĐT quản lý tài khoản)"""
        _sessions().sign_out_everywhere(current_principal(), user_id)
        return "", 204


@schools.route("")
class Schools(MethodView):
    @requires()
    @schools.arguments(SchoolListQuerySchema, location="query")
    @schools.response(200, SchoolPageSchema)
    def get(self, query):
        """Danh bạ trường học trong phạm vi của người dùng"""
        principal = current_principal()
        return paged(query, lambda filters, page, size: _directory().list_visible(principal, filters, page, size))

    @requires()
    @schools.arguments(SchoolCreateSchema)
    @schools.response(201, SchoolSchema)
    def post(self, data):
        """Thêm trường vào danh bạ (quản trị viên, Sở GD&ĐT của tỉnh/thành phố)"""
        return _answer(SchoolSchema, _directory().register(current_principal(), data), 201)


@schools.route("/<string:code>")
class SchoolByCode(MethodView):
    @requires()
    @schools.response(200, SchoolSchema)
    def get(self, code):
        """Xem một trường"""
        return _answer(SchoolSchema, _directory().get_visible(current_principal(), code))

    @requires()
    @schools.arguments(SchoolWriteSchema(partial=True))
    @schools.response(200, SchoolSchema)
    def patch(self, data, code):
        """Sửa thông tin trường (cần If-Match)"""
        return _answer(SchoolSchema, _directory().change(current_principal(), code, data,
                                                         expected_version(required=True)))


@org_units.route("")
class OrgUnits(MethodView):
    @requires()
    @org_units.arguments(OrgUnitsQuerySchema, location="query")
    @org_units.response(200, OrgUnitsSchema)
    def get(self, query):
        """Các xã/phường/đặc khu của một tỉnh/thành phố"""
        name, communes = _directory().communes(query["province_code"])
        return {"province_code": query["province_code"], "province_name": name, "items": communes}


@keys.route("/jwks.json")
class Jwks(MethodView):
    @keys.response(200)
    @keys.doc(security=[])
    def get(self):
        """Khoá công khai (JWKS) của mã truy cập do dịch vụ này ký"""
        issuer = _sessions().issuer
        if issuer is None:
            raise Unavailable(NO_SIGNING_KEY)
        return issuer.jwks()
