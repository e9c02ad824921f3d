"""The inspection list as an officer reads it: every inspection reachable by year, status and agency name
(accents ignored), newest first on request, with the agency's name beside its id."""

from tests.inspections.conftest import ONSITE, REVIEW


def listed(province, **query) -> list[dict]:
    text = "&".join(f"{key}={value}" for key, value in query.items())
    return province.call("GET", f"/inspections?{text}")["items"]


class TestFilters:
    def test_the_year_is_the_visits_and_an_undated_inspection_counts_in_its_plans_year(self, province):
        agency = province.agency(name="Sở Tài chính")
        visited_2021 = province.inspection(None, agency, REVIEW, kind="DOT_XUAT", scheduled_date="2021-03-02")
        visited_2022 = province.inspection(None, agency, REVIEW, kind="DOT_XUAT", scheduled_date="2022-01-10")
        undated_of_a_2021_plan = province.inspection(province.approved_plan([(agency, ONSITE)], year=2021), agency)

        ids_2021 = {i["id"] for i in listed(province, year=2021)}
        ids_2022 = {i["id"] for i in listed(province, year=2022)}

        assert ids_2021 == {visited_2021["id"], undated_of_a_2021_plan["id"]}
        assert ids_2022 == {visited_2022["id"]}

    def test_the_agency_name_is_searched_without_accents_or_case(self, province):
        justice, finance = province.agency(name="Sở Tư pháp"), province.agency(name="Sở Tài chính")
        wanted = province.inspection(None, justice, REVIEW, kind="DOT_XUAT")
        province.inspection(None, finance, REVIEW, kind="DOT_XUAT")

        assert [i["id"] for i in listed(province, q="SO TU PHAP")] == [wanted["id"]]
        assert [i["id"] for i in listed(province, q="tư")] == [wanted["id"]]

    def test_a_year_outside_the_range_is_refused(self, province):
        problem = province.call("GET", "/inspections?year=1850", expect=422)

        assert "year" in str(problem["errors"])


class TestOrderAndNames:
    def test_newest_first_puts_the_undated_first_then_the_latest_visit(self, province):
        agency = province.agency()
        old = province.inspection(None, agency, REVIEW, kind="DOT_XUAT", scheduled_date="2019-05-01")
        recent = province.inspection(None, agency, REVIEW, kind="DOT_XUAT", scheduled_date="2024-05-01")
        undated = province.inspection(None, agency, REVIEW, kind="DOT_XUAT")

        newest = [i["id"] for i in listed(province, order="newest")]
        oldest = [i["id"] for i in listed(province, order="oldest")]

        assert newest == [undated["id"], recent["id"], old["id"]]
        assert oldest[:2] == [old["id"], recent["id"]]

    def test_by_agency_sorts_the_names_as_a_reader_looks_for_them_then_newest_first(self, province):
        dong_thap = province.agency(name="Sở Đông Tháp")  # "Đ" with "D", not after "Z"
        an_giang = province.agency(name="sở an giang")  # case ignored
        du_lich = province.agency(name="Sở Du lịch")
        old = province.inspection(None, dong_thap, REVIEW, kind="DOT_XUAT", scheduled_date="2019-05-01")
        recent = province.inspection(None, dong_thap, REVIEW, kind="DOT_XUAT", scheduled_date="2024-05-01")
        first = province.inspection(None, an_giang, REVIEW, kind="DOT_XUAT", scheduled_date="2022-01-01")
        last = province.inspection(None, du_lich, REVIEW, kind="DOT_XUAT", scheduled_date="2020-01-01")

        by_agency = listed(province, order="agency")

        assert [i["id"] for i in by_agency] == [first["id"], recent["id"], old["id"], last["id"]]

    def test_an_order_it_does_not_know_is_refused(self, province):
        problem = province.call("GET", "/inspections?order=status", expect=422)

        assert "order" in str(problem["errors"])

    def test_every_listed_inspection_carries_its_agencys_name(self, province):
        agency = province.agency(name="UBND xã Mỹ Hòa Hưng")
        province.inspection(None, agency, REVIEW, kind="DOT_XUAT")

        assert [i["agency_name"] for i in listed(province)] == ["UBND xã Mỹ Hòa Hưng"]

    def test_a_plans_targets_and_a_recommendation_carry_the_agency_name(self, province):
        agency = province.agency(name="Sở Xây dựng")
        plan = province.approved_plan([(agency, ONSITE)])
        created = province.recommendation(province.concluded(province.inspection(plan, agency)))

        assert [t["agency_name"] for t in province.call("GET", f"/plans/{plan['id']}")["targets"]] == ["Sở Xây dựng"]
        assert created["agency_name"] == "Sở Xây dựng"
        assert [r["agency_name"] for r in province.call("GET", "/recommendations")["items"]] == ["Sở Xây dựng"]
