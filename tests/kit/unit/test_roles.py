from kit import roles
from kit.auth import ROLES


class TestRoleSets:
    def test_everyone_is_every_role_the_tokens_may_carry(self):
        assert roles.EVERYONE == ROLES

    def test_province_staff_are_the_sos_roles(self):
        assert {"province_admin", "province_officer", "province_leader", "inspector"} == roles.PROVINCE_STAFF

    def test_province_managers_are_the_admin_and_the_officer(self):
        assert {"province_admin", "province_officer"} == roles.PROVINCE_MANAGERS

    def test_staff_and_agencies_add_the_agency_officer_to_the_staff(self):
        assert roles.PROVINCE_STAFF | {"agency_officer"} == roles.STAFF_AND_AGENCIES

    def test_managers_and_agencies_add_the_agency_officer_to_the_managers(self):
        assert {"province_admin", "province_officer", "agency_officer"} == roles.MANAGERS_AND_AGENCIES

    def test_national_roles_belong_to_no_province_set(self):
        assert not roles.NATIONAL & roles.STAFF_AND_AGENCIES

    def test_the_sets_cannot_be_changed_by_a_caller(self):
        assert all(isinstance(getattr(roles, name), frozenset) for name in dir(roles) if name.isupper())
