import uuid

import pytest

from kit.access import NO_AGENCY, AgencyScope, agency_of
from kit.auth import Principal
from kit.errors import NotFound

MINE, OTHER = uuid.uuid4(), uuid.uuid4()


class AgencyNotFound(NotFound):
    def __init__(self, agency_id):
        super().__init__(f"agency {agency_id} not found")


class TestAgencyOf:
    def test_a_uuid_claim_names_that_agency(self):
        assert agency_of(str(MINE)) == MINE

    def test_a_missing_claim_names_no_agency(self):
        assert agency_of(None) == agency_of("") == NO_AGENCY

    def test_a_claim_that_is_not_a_uuid_names_no_agency(self):
        assert agency_of("so-y-te") == NO_AGENCY

    def test_a_uuid_is_taken_as_it_is(self):
        assert agency_of(MINE) == MINE


class TestAgencyScope:
    @pytest.mark.parametrize("role", ["province_admin", "province_officer", "province_leader", "inspector"])
    def test_province_staff_reach_the_whole_province(self, role):
        scope = AgencyScope.of({role}, str(MINE))

        assert scope.whole_province and scope.agency_id is None

    def test_an_agency_officer_reaches_only_their_agency(self):
        scope = AgencyScope.of({"agency_officer"}, str(MINE))

        assert scope.agency_id == MINE
        assert scope.allows(MINE) and not scope.allows(OTHER)

    def test_an_agency_officer_without_a_valid_claim_reaches_nothing(self):
        for claim in (None, "", "not-a-uuid"):
            scope = AgencyScope.of({"agency_officer"}, claim)

            assert scope.agency_id == NO_AGENCY and not scope.allows(MINE)

    def test_a_role_outside_the_province_wide_set_is_limited_to_the_claim(self):
        assert AgencyScope.of({"national_viewer"}, None).agency_id == NO_AGENCY

    def test_holding_a_province_role_besides_agency_officer_reaches_the_province(self):
        assert AgencyScope.of({"agency_officer", "inspector"}, str(MINE)).whole_province

    def test_a_service_may_narrow_who_counts_as_province_wide(self):
        budget = {"province_admin", "province_officer", "province_leader"}

        assert AgencyScope.of({"inspector", "agency_officer"}, str(MINE), province_wide=budget).agency_id == MINE

    def test_no_province_wide_roles_limits_everyone_to_their_own_agency(self):
        assert AgencyScope.of({"province_admin"}, str(MINE), province_wide=()).agency_id == MINE

    def test_a_principals_roles_and_claim_are_all_it_needs(self):
        principal = Principal(subject="thu-ky", tenant=None, roles=frozenset({"agency_officer"}), agency_id=str(MINE))

        assert AgencyScope.of(principal.roles, principal.agency_id) == AgencyScope(MINE)

    def test_a_record_of_no_agency_is_reached_by_the_whole_province_only(self):
        assert AgencyScope(None).allows(None) and not AgencyScope(MINE).allows(None)


class TestEnsure:
    def test_another_agencys_record_raises_the_callers_not_found(self):
        with pytest.raises(AgencyNotFound, match=f"agency {OTHER} not found"):
            AgencyScope(MINE).ensure(OTHER, AgencyNotFound, OTHER)

    def test_keyword_parameters_reach_the_error(self):
        def not_found(*, kind, object_id):
            return NotFound(f"{kind} {object_id} not found")

        with pytest.raises(NotFound, match="inspection"):
            AgencyScope(MINE).ensure(OTHER, not_found, kind="inspection", object_id=OTHER)

    def test_a_record_within_reach_passes(self):
        AgencyScope(MINE).ensure(MINE, AgencyNotFound, MINE)
        AgencyScope(None).ensure(OTHER, AgencyNotFound, OTHER)
