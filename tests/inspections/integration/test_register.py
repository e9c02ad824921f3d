"""The numbering register (ADR 29): a document takes its số when it is issued, in its issuing body's one sequence
of the year (the Sở's, or its inspection team's own), typed by the văn thư or the next free one; a number is used
once, a document is numbered once, and a province's register is its own."""

from sqlalchemy import select

from inspections import orm
from tests.inspections.integration.documents_world import ISSUED_ON, carried_out_year
from tests.support.official_documents import docx_lines, flat


def test_the_sos_documents_share_one_sequence_and_take_its_next_free_number(province):
    year = carried_out_year(province)

    numbers = [year.issue(kind)["number_symbol"] for kind in ("plan", "decision", "notice", "conclusion")]

    assert numbers == ["1/KH-SKHCN", "2/QĐ-SKHCN", "3/TB-SKHCN", "4/TB-SKHCN"]


def test_a_typed_number_is_kept_and_the_next_free_one_follows_the_highest(province):
    year = carried_out_year(province)

    typed = year.issue("decision", number=15)
    following = year.issue("notice")

    assert (typed["number"], typed["created"], following["number"]) == (15, True, 16)


def test_a_number_already_used_that_year_is_a_conflict_in_vietnamese(province):
    year = carried_out_year(province)
    year.issue("decision", number=7)

    problem = year.issue("notice", number=7, expect=409)
    next_year = year.issue("plan", number=7, issued_on="2022-01-05")

    assert "Số 7/TB-SKHCN năm 2021 đã được cấp cho văn bản khác" in problem["detail"]
    assert (next_year["number"], next_year["year"]) == (7, 2022)  # a new year starts a new sequence


def test_a_document_issued_twice_keeps_its_first_number_and_date(province):
    year = carried_out_year(province)
    first = year.issue("decision", number=3)

    again = year.issue("decision", expect=200, number=9, issued_on="2021-08-01")

    assert (again["number"], again["issued_on"], again["created"]) == (3, ISSUED_ON, False)
    assert year.issue("notice")["number"] == 4  # 9 was not taken
    assert first["issued_by"] == again["issued_by"]


def test_the_teams_minutes_are_numbered_in_the_teams_own_sequence(province):
    year = carried_out_year(province)
    year.issue("plan")
    year.issue("decision")

    minutes = year.issue("minutes")

    assert (minutes["number_symbol"], minutes["body"]) == ("1/BB-ĐKT", f"DKT-{year.team['id']}")


def test_documents_cite_each_other_by_the_registers_numbers(province):
    year = carried_out_year(province)
    decision, minutes = year.issue("decision", number=21), year.issue("minutes", number=4)

    notice = flat(" ".join(docx_lines(year.download("notice", "docx").data)))
    conclusion = flat(" ".join(docx_lines(year.download("conclusion", "docx").data)))

    assert f"Theo Quyết định số {decision['number_symbol']} ngày 01/06/2021" in notice
    assert f"Căn cứ Biên bản kiểm tra số {minutes['number_symbol']} ngày 15/07/2021" in conclusion


def test_each_province_numbers_its_own_register(province, other_province, runtime):
    ours, theirs = carried_out_year(province), carried_out_year(other_province)
    ours.issue("decision", number=5)

    assert theirs.issue("decision", other_province.leader, number=5)["number"] == 5
    assert theirs.issue("notice", other_province.leader)["number"] == 6
    with runtime.uow(province.tenant) as uow:  # row-level security and the tenant filter: our rows only
        rows = uow.session.scalars(select(orm.IssuedDocument)).all()
    assert [(r.number, r.record, r.tenant_id) for r in rows] == [(5, ours.team["id"], province.tenant)]


def test_an_agency_officer_and_an_inspector_do_not_issue(province):
    year = carried_out_year(province)

    year.issue("notice", province.agency_officer(year.agency), expect=403)
    year.issue("notice", province.headers("inspector", sub="inspector-1"), expect=403)
    assert year.issue("notice", province.officer)["issued_on"] == ISSUED_ON  # the văn thư, a manager


def test_issued_without_a_date_it_is_dated_today_in_viet_nam(province, runtime):
    from kit import calendar

    year = carried_out_year(province)

    issued = year.issue("report", issued_on=None)

    today = calendar.day_of(runtime.uow(province.tenant).now())
    assert (issued["issued_on"], issued["record"], issued["year"]) == (today.isoformat(), "2021", today.year)


def test_documents_issued_at_the_same_moment_take_different_numbers(app, province):
    from tests.support.parallel import in_parallel

    year = carried_out_year(province)
    paths = [year.path(kind) for kind in ("plan", "decision", "notice", "conclusion")]

    answers = in_parallel(*[lambda path=path: app.test_client().post(
        f"{path}/issue", json={"issued_on": ISSUED_ON}, headers=province.leader) for path in paths])

    assert sorted(r.status_code for r in answers) == [201] * 4
    assert sorted(r.get_json()["number"] for r in answers) == [1, 2, 3, 4]


def test_the_register_lists_the_documents_issued_for_the_records_asked(province, other_province):
    year = carried_out_year(province)
    decision, notice = year.issue("decision"), year.issue("notice", number=8)
    query = f"record={year.team['id']},{year.inspection['id']},{year.plan['id']}"

    ours = province.call("GET", f"/register?{query}")
    theirs = other_province.call("GET", f"/register?{query}")
    inspector = province.call("GET", f"/register?{query}", province.headers("inspector"))

    assert [(e["kind"], e["number_symbol"]) for e in ours["items"]] == [("decision", decision["number_symbol"]),
                                                                         ("notice", "8/TB-SKHCN")]
    assert ours["actions"] == ["issue"] and inspector["actions"] == []  # the inspector reads, does not issue
    assert theirs["items"] == [] and notice["record"] == year.inspection["id"]


def test_a_document_issued_twice_at_the_same_moment_takes_one_number(app, province):
    from tests.support.parallel import in_parallel

    year = carried_out_year(province)

    answers = in_parallel(*[lambda: app.test_client().post(
        f"{year.path('decision')}/issue", json={"issued_on": ISSUED_ON}, headers=province.leader)] * 3)

    assert sorted(r.status_code for r in answers) == [200, 200, 201]
    assert {r.get_json()["number_symbol"] for r in answers} == {"1/QĐ-SKHCN"}


def test_an_inspections_document_is_issued_only_once_the_inspection_has_reached_it(province):
    from tests.inspections.conftest import ONSITE
    from tests.inspections.integration.documents_world import Year

    agency = province.agency(name="Sở Xây dựng")
    plan = province.approved_plan([(agency, ONSITE)])
    team = province.team(plan)
    recorded, cancelled = (province.inspection(plan, agency, team_id=team["id"]) for _ in range(2))
    province.recorded(recorded)
    province.call("POST", f"/inspections/{cancelled['id']}/cancel", reason="Cơ quan sáp nhập")
    at = {"recorded": Year(province, plan, team, recorded, str(agency), ""),
          "cancelled": Year(province, plan, team, cancelled, str(agency), "")}

    early = at["recorded"].issue("conclusion", expect=422)
    void = at["cancelled"].issue("notice", expect=422)

    assert early["detail"].startswith("Chưa thể ban hành Thông báo kết luận kiểm tra: trước khi kết luận")
    assert "Thông báo kiểm tra: cuộc kiểm tra đã hủy" in void["detail"]
    assert at["recorded"].issue("minutes")["number_symbol"] == "1/BB-ĐKT"
    assert at["cancelled"].issue("minutes", expect=422)["detail"].startswith("Chưa thể ban hành Biên bản")
