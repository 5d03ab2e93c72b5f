from edu71.auth import Principal, Role


def principal(role, org_unit, **kw):
    return Principal.from_claims({"sub": "u", "role": role, "org_unit": org_unit, **kw})


def test_scope_follows_the_org_hierarchy():
    school = ("HP-TH-HIENTHANH", "10744", "31")
    assert principal("school", "HP-TH-HIENTHANH").can_see(*school)
    assert not principal("school", "OTHER").can_see(*school)
    assert principal("commune", "10744").can_see(*school)
    assert not principal("commune", "10735").can_see(*school)
    assert principal("city", "31").can_see(*school)
    assert not principal("city", "79").can_see(*school)
    assert principal("admin", "edu71").can_see(*school)
    assert not principal("operator", "edu71").can_see(*school)


def test_scope_filters_match_can_see():
    assert principal("school", "S1").scope_filter() == {"school_code": "S1"}
    assert principal("commune", "10744").scope_filter() == {"commune_code": "10744"}
    assert principal("city", "31").scope_filter() == {"province_code": "31"}
    assert principal("admin", "x").scope_filter() == {}
    assert principal("operator", "x").scope_filter() is None


def test_only_the_school_itself_acts_for_it():
    assert principal("school", "S1").can_act_for_school("S1")
    assert not principal("school", "S1").can_act_for_school("S2")
    assert not principal("city", "31").can_act_for_school("S1")
    assert not principal("admin", "x").can_act_for_school("S1")


def test_actor_matches_the_contract():
    actor = principal("commune", "10744", name="Nguyễn Văn A").as_actor()
    assert actor == {"user_id": "u", "name": "Nguyễn Văn A", "role": Role.COMMUNE.value, "org_unit": "10744"}
