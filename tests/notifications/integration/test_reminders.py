"""The upkeep reminders end to end: registry events in, the scheduler's passes at controlled moments, e-mails
counted at a real SMTP server (aiosmtpd, a process of its own)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from contracts import registry as events
from notifications import jobs
from notifications.model.deliveries import LEASE, Status, Step
from notifications.orm import Delivery, SendLog
from notifications.services import schedule, sending
from notifications.services.smtp import mailer_from_env
from tests.notifications.conftest import address, apply, applying_agency, appoint, record_activity


def at(day: int, month: int, hour: int = 8, minute: int = 0) -> datetime:
    """A moment of 2026 given in Việt Nam's time (UTC+7), as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


def subjects(smtp_server, to: str) -> list[str]:
    return [str(message["Subject"]) for message in smtp_server.messages(to)]


def deliveries_of(runtime, tenant: str) -> list[Delivery]:
    with runtime.uow(tenant) as uow:
        return list(uow.session.scalars(select(Delivery).order_by(Delivery.next_attempt_at)))


def log_of(runtime, tenant: str) -> list[str]:
    with runtime.uow(tenant) as uow:
        return [row.step for row in uow.session.scalars(select(SendLog).order_by(SendLog.at, SendLog.attempt))]


def test_the_reminder_reaches_the_iso_secretary_30_7_and_1_days_before_the_deadline(runtime, tenant, mailer,
                                                                                     smtp_server):
    secretary = address(tenant)
    applying_agency(runtime, tenant, secretary=secretary)

    for moment in (at(31, 10, 7, 59), at(31, 10), at(1, 11), at(22, 11, 23, 59), at(23, 11), at(29, 11),
                   at(30, 11, 23, 0), at(1, 12)):
        jobs.tick(runtime, mailer, moment)

    got = subjects(smtp_server, secretary)
    assert [subject.split(":")[1].strip().split(" / ")[0] for subject in got] == [
        "còn 30 ngày", "còn 7 ngày", "còn 1 ngày"]
    assert all("Nhắc hạn duy trì HTQLCL năm 2026" in subject and "Reminder" in subject for subject in got)


def test_the_email_is_vietnamese_with_an_english_alternative_in_text_and_html(runtime, tenant, mailer,
                                                                               smtp_server):
    secretary = address(tenant)
    applying_agency(runtime, tenant, name="Sở Tài chính", secretary=secretary)

    jobs.tick(runtime, mailer, at(23, 11))

    [message] = smtp_server.messages(secretary)
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert message.get_content_type() == "multipart/alternative"
    assert "Sở Tài chính chưa hoàn thành việc duy trì" in plain and "30/11/2026" in plain
    assert "has not completed the 2026 upkeep" in plain and "2026-11-30" in plain
    assert '<p lang="vi">' in html and '<p lang="en">' in html and "Sở Tài chính" in html
    assert message["Message-ID"].endswith("@iso-hcc.notifications>")


def test_no_reminder_for_an_agency_that_recorded_both_activities_this_year(runtime, tenant, mailer, smtp_server):
    both, audit_only, last_year, registry_said = (address(tenant, local) for local in ("both", "audit", "old",
                                                                                          "said"))
    agency = applying_agency(runtime, tenant, secretary=both)
    record_activity(runtime, tenant, agency, "DANH_GIA_NOI_BO")
    record_activity(runtime, tenant, agency, "XEM_XET_LANH_DAO")
    agency = applying_agency(runtime, tenant, secretary=audit_only)
    record_activity(runtime, tenant, agency, "DANH_GIA_NOI_BO")
    agency = applying_agency(runtime, tenant, secretary=last_year)
    record_activity(runtime, tenant, agency, "DANH_GIA_NOI_BO", year=2025)
    record_activity(runtime, tenant, agency, "XEM_XET_LANH_DAO", year=2025)
    agency = applying_agency(runtime, tenant, secretary=registry_said)
    record_activity(runtime, tenant, agency, "XEM_XET_LANH_DAO", completed=at(1, 6).date())

    for moment in (at(31, 10), at(23, 11), at(29, 11)):
        jobs.tick(runtime, mailer, moment)

    assert smtp_server.messages(both) == []
    assert smtp_server.messages(registry_said) == []
    assert len(smtp_server.messages(audit_only)) == 3
    assert len(smtp_server.messages(last_year)) == 3


def test_only_applying_agencies_current_secretaries_with_an_address_are_reminded(runtime, tenant, mailer,
                                                                                  smtp_server):
    building, removed, deputy, newcomer = (address(tenant, local) for local in ("building", "removed", "deputy",
                                                                                "newcomer"))
    applying_agency(runtime, tenant, secretary=building, status="DANG_XAY_DUNG")
    agency = applying_agency(runtime, tenant)
    leaving = appoint(runtime, tenant, agency, removed)
    appoint(runtime, tenant, agency, None)  # a secretary the register has no address for
    jobs.tick(runtime, mailer, at(31, 10))
    appoint(runtime, tenant, agency, deputy, role="DAI_DIEN_LANH_DAO")
    appoint(runtime, tenant, agency, newcomer)
    apply(runtime, tenant, events.OfficerRemoved(officer_id=leaving, agency_id=agency, role="THU_KY_ISO",
                                                 removed_on=at(1, 11).date(), removed_at=at(1, 11)))

    jobs.tick(runtime, mailer, at(23, 11))

    assert smtp_server.messages(building) == [] and smtp_server.messages(deputy) == []
    assert len(smtp_server.messages(removed)) == 1  # the 30-day reminder, before the removal
    assert len(smtp_server.messages(newcomer)) == 1  # the 7-day one


def test_a_secretary_heard_of_after_the_notice_was_made_gets_the_reminder_still_due_once(runtime, tenant, mailer,
                                                                                          smtp_server):
    first, late, later = (address(tenant, local) for local in ("first", "late", "later"))
    agency = applying_agency(runtime, tenant, secretary=first)
    jobs.tick(runtime, mailer, at(31, 10))
    appoint(runtime, tenant, agency, late)  # its event came after the pass (a consumer catching up after an outage)

    jobs.tick(runtime, mailer, at(31, 10, 9))
    jobs.tick(runtime, mailer, at(1, 11))
    appoint(runtime, tenant, agency, later)
    jobs.tick(runtime, mailer, at(23, 11))

    assert [len(smtp_server.messages(to)) for to in (first, late, later)] == [2, 2, 1]
    assert subjects(smtp_server, late)[0].startswith("[ISO-HCC] Nhắc hạn duy trì HTQLCL năm 2026: còn 30 ngày")
    assert "còn 7 ngày" in subjects(smtp_server, later)[0]  # heard of once the 7-day reminder was the one due
    assert len(deliveries_of(runtime, tenant)) == 5


def test_a_duplicate_run_of_the_scheduler_sends_nothing_twice(runtime, tenant, mailer, smtp_server):
    secretary = address(tenant)
    applying_agency(runtime, tenant, secretary=secretary)

    jobs.tick(runtime, mailer, at(31, 10))
    jobs.tick(runtime, mailer, at(31, 10))
    jobs.tick(runtime, mailer, at(31, 10, 9))
    schedule.plan(runtime.uow(tenant), at(23, 11))
    schedule.plan(runtime.uow(tenant), at(23, 11))
    start = threading.Barrier(4)

    def send() -> None:
        start.wait()
        sending.send_due(runtime.uow(tenant), mailer, at(23, 11))

    runs = [threading.Thread(target=send) for _ in range(4)]  # four senders at once: each claims under a lock
    for run in runs:
        run.start()
    for run in runs:
        run.join()

    assert len(smtp_server.messages(secretary)) == 2
    assert [d.status for d in deliveries_of(runtime, tenant)] == [Status.SENT, Status.SENT]
    assert log_of(runtime, tenant) == [Step.BEFORE_SEND, Step.SENT] * 2


def test_one_scheduler_leads_across_replicas_and_another_takes_over(runtime):
    first, second = jobs.Leadership(runtime), jobs.Leadership(runtime)
    try:
        assert first.held() is True
        assert second.held() is False
        assert first.held() is True  # it keeps leading
        first.release()
        assert second.held() is True
        assert first.held() is False
    finally:
        first.release()
        second.release()


def test_a_permanent_refusal_is_recorded_and_not_retried(runtime, tenant, mailer, smtp_server):
    applying_agency(runtime, tenant, secretary=address(tenant, "refused"))

    jobs.tick(runtime, mailer, at(31, 10))
    jobs.tick(runtime, mailer, at(31, 10, 10))

    [delivery] = deliveries_of(runtime, tenant)
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)
    assert "Mailbox unavailable" in delivery.last_error
    assert log_of(runtime, tenant) == [Step.BEFORE_SEND, Step.PERMANENT_FAILURE]


def test_without_an_smtp_server_the_notice_is_recorded_as_not_sent_with_the_reason(runtime, tenant):
    applying_agency(runtime, tenant, secretary=address(tenant, "minh"))
    unconfigured = mailer_from_env({})

    jobs.tick(runtime, unconfigured, at(31, 10))
    jobs.tick(runtime, unconfigured, at(31, 10, 10))

    [delivery] = deliveries_of(runtime, tenant)
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)
    assert "no SMTP_HOST configured" in delivery.last_error
    assert log_of(runtime, tenant) == [Step.BEFORE_SEND, Step.PERMANENT_FAILURE]


def test_a_temporary_refusal_is_retried_with_a_growing_pause_then_given_up(runtime, tenant, mailer):
    applying_agency(runtime, tenant, secretary=address(tenant, "busy"))
    start = at(31, 10)

    jobs.tick(runtime, mailer, start)
    jobs.tick(runtime, mailer, start + timedelta(seconds=59))  # the first pause is a minute
    [delivery] = deliveries_of(runtime, tenant)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.PENDING, 1, start + timedelta(minutes=1))
    moment = start
    for pause in (1, 2, 4, 8, 16):
        moment += timedelta(minutes=pause)
        jobs.tick(runtime, mailer, moment)

    [delivery] = deliveries_of(runtime, tenant)
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 6)
    assert log_of(runtime, tenant)[-2:] == [Step.BEFORE_SEND, Step.GAVE_UP]
    assert log_of(runtime, tenant).count(Step.TEMPORARY_FAILURE) == 5


def test_a_crash_between_the_send_and_its_commit_never_sends_twice_and_says_so(runtime, tenant, mailer,
                                                                                smtp_server):
    secretary = address(tenant)
    applying_agency(runtime, tenant, secretary=secretary)
    moment = at(31, 10)
    schedule.plan(runtime.uow(tenant), moment)
    [delivery] = deliveries_of(runtime, tenant)
    message = sending.claim(runtime.uow(tenant), delivery.id, mailer.sender, moment)
    assert mailer.send(message).sent  # ... and the process dies before recording it

    jobs.tick(runtime, mailer, moment + timedelta(minutes=1))  # within the lease: left alone
    jobs.tick(runtime, mailer, moment + LEASE + timedelta(minutes=1))

    assert len(smtp_server.messages(secretary)) == 1
    [delivery] = deliveries_of(runtime, tenant)
    assert delivery.status == Status.UNCERTAIN
    assert log_of(runtime, tenant) == [Step.BEFORE_SEND, Step.UNCERTAIN]


class Died(Exception):
    """The process dying where the fault suite kills it (tests/faults/killable.py)."""


def test_a_send_cut_off_after_the_server_accepted_it_is_uncertain_after_the_callers_lease(runtime, tenant, mailer,
                                                                                          smtp_server):
    secretary = address(tenant)
    applying_agency(runtime, tenant, secretary=secretary)
    moment, seen = at(31, 10), []
    schedule.plan(runtime.uow(tenant), moment)

    def die(delivery_id, outcome) -> None:
        seen.append((delivery_id, outcome.sent, [d.status for d in deliveries_of(runtime, tenant)]))
        raise Died

    with pytest.raises(Died):
        sending.send_due(runtime.uow(tenant), mailer, moment, sending.Options(after_send=die))
    sending.send_due(runtime.uow(tenant), mailer, moment + timedelta(seconds=30))  # within the default lease
    tally = sending.send_due(runtime.uow(tenant), mailer, moment + timedelta(seconds=30),
                             sending.Options(lease=timedelta(seconds=20)))

    [delivery] = deliveries_of(runtime, tenant)
    assert seen == [(delivery.id, True, [Status.SENDING])]  # called once the server accepted, before the commit
    assert (tally.uncertain, tally.sent, delivery.status) == (1, 0, Status.UNCERTAIN)
    assert len(smtp_server.messages(secretary)) == 1
    assert log_of(runtime, tenant) == [Step.BEFORE_SEND, Step.UNCERTAIN]
