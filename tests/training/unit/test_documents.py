"""The printable lists as tables (no file is written): headings, one row per person, Hà Nội dates."""

import uuid
from datetime import UTC, datetime
from types import SimpleNamespace as Row

from training.documents.attendance import attendance_sheet, session_label
from training.documents.certificates import certificate_list

AGENCY, OTHER = uuid.uuid4(), uuid.uuid4()
MORNING = Row(id=uuid.uuid4(), starts_at=datetime(2026, 6, 10, 1, tzinfo=UTC))
AFTERNOON = Row(id=uuid.uuid4(), starts_at=datetime(2026, 6, 10, 7, tzinfo=UTC))
CLASS = Row(title="Lớp thư ký ISO", sessions=[MORNING, AFTERNOON])


def person(name, agency=AGENCY, **fields):
    return Row(**{"id": uuid.uuid4(), "full_name": name, "position": None, "agency_id": agency,
                  "qms_role": "THU_KY_ISO", "completed": None, **fields})


class TestAttendanceSheet:
    def test_sessions_are_named_by_their_day_and_half_day_in_hanoi_time(self):
        assert session_label(MORNING) == "10/06/2026 Sáng"
        assert session_label(AFTERNOON) == "10/06/2026 Chiều"

    def test_each_participant_has_their_marks_count_and_result(self):
        an, binh = person("An", completed=True), person("Bình", agency=OTHER, completed=False)
        marks = {(an.id, MORNING.id): True, (an.id, AFTERNOON.id): True, (binh.id, MORNING.id): False}

        table = attendance_sheet(CLASS, [an, binh], marks, {AGENCY: "Sở Y tế"})

        assert table.title == "DANH SÁCH ĐIỂM DANH: Lớp thư ký ISO"
        assert table.heads[5:] == ["10/06/2026 Sáng", "10/06/2026 Chiều", "Số buổi có mặt", "Hoàn thành"]
        assert table.rows == [[1, "An", "", "Sở Y tế", "Thư ký ISO", "x", "x", 2, "Đạt"],
                              [2, "Bình", "", str(OTHER), "Thư ký ISO", "v", "", 0, "Chưa đạt"]]


def test_the_certificate_list_numbers_its_rows_and_dates_them_in_hanoi_time():
    certificate = Row(number="0001/2026/GCN-ISO", issued_at=datetime(2026, 6, 30, 18, tzinfo=UTC))

    table = certificate_list(CLASS, [(certificate, person("An"))], {AGENCY: "Sở Y tế"})

    assert table.rows == [[1, "0001/2026/GCN-ISO", "An", "", "Sở Y tế", "01/07/2026"]]

