"""Who may aggregate over which area, without I/O."""
import pytest

from edu71.auth import Principal, Role
from reports.domain.scope import ScopeInvalid, ScopeKind, ScopeRefused, UnknownArea, resolve_scope

PROVINCES = {"10744": "31", "11560": "31", "27496": "79"}


def province_of(code):
    try:
        return PROVINCES[code]
    except KeyError:
        raise UnknownArea(code) from None


def commune_user(code="10744", province="31"):
    return Principal("u1", "Cán bộ UBND", Role.COMMUNE, code, commune_code=code, province_code=province)


def city_user(province="31"):
    return Principal("u2", "Sở GD&ĐT", Role.CITY, province, province_code=province)


def test_commune_user_gets_own_commune_by_default_and_when_named():
    for kind, code in [(None, None), ("commune", None), ("commune", "10744")]:
        scope = resolve_scope(commune_user(), kind, code, province_of)
        assert (scope.kind, scope.code) == (ScopeKind.COMMUNE, "10744")
        assert scope.filter() == {"commune_code": "10744"}


@pytest.mark.parametrize("kind,code", [("province", None), ("province", "31"), ("commune", "11560"),
                                       (None, "11560"), ("nation", None)])
def test_commune_user_sees_nothing_beyond_its_commune(kind, code):
    with pytest.raises(ScopeRefused):
        resolve_scope(commune_user(), kind, code, province_of)


def test_city_user_gets_its_province_and_its_communes():
    scope = resolve_scope(city_user(), None, None, province_of)
    assert scope.filter() == {"province_code": "31"}
    scope = resolve_scope(city_user(), "commune", "11560", province_of)
    assert scope.filter() == {"commune_code": "11560", "province_code": "31"}


@pytest.mark.parametrize("kind,code", [("province", "79"), ("commune", "27496"), ("nation", None)])
def test_city_user_is_refused_other_provinces(kind, code):
    with pytest.raises(ScopeRefused):
        resolve_scope(city_user(), kind, code, province_of)


def test_city_user_must_name_the_commune_and_it_must_exist():
    with pytest.raises(ScopeInvalid):
        resolve_scope(city_user(), "commune", None, province_of)
    with pytest.raises(UnknownArea):
        resolve_scope(city_user(), "commune", "99999", province_of)


@pytest.mark.parametrize("role", [Role.SCHOOL, Role.OPERATOR])
def test_school_and_operator_see_no_rollups(role):
    principal = Principal("u3", "x", role, "HP-TH-HIENTHANH", commune_code="10744", province_code="31")
    with pytest.raises(ScopeRefused):
        resolve_scope(principal, None, None, province_of)


def test_admin_defaults_to_the_nation():
    admin = Principal("a", "Quản trị", Role.ADMIN, "edu71")
    assert resolve_scope(admin, None, None, province_of).filter() == {}
    assert resolve_scope(admin, "province", "79", province_of).filter() == {"province_code": "79"}


@pytest.mark.parametrize("code", ["VN", "1", "999"])
def test_admin_asking_for_a_province_that_does_not_exist_gets_unknown_area(code):
    """A province scope names its files and figures after the province: a code naming none is a 404, not a 500."""
    admin = Principal("a", "Quản trị", Role.ADMIN, "edu71")
    with pytest.raises(UnknownArea) as raised:
        resolve_scope(admin, "province", code, province_of)
    assert raised.value.kind is ScopeKind.PROVINCE
