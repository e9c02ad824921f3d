"""The inspection documents' shared parts (documents/common.py): the province's heading from its UBND's name,
and the checklist's titles without their English gloss. No I/O."""

from datetime import date

from inspections.documents.common import Stamp, criterion_title, heading, official
from kit.official import Section


def test_the_heading_names_the_province_from_its_ubnd():
    found = heading("UBND tỉnh Bình Thuận")

    assert (found.superior, found.place, found.province) == ("UBND TỈNH BÌNH THUẬN", "Bình Thuận",
                                                             "tỉnh Bình Thuận")


def test_a_province_whose_ubnd_is_not_registered_gets_blanks_to_fill_by_hand():
    found = heading(None)

    assert found.superior.startswith("UBND TỈNH ....") and set(found.place) == {"."}


def test_a_criterions_english_gloss_is_left_out_and_its_own_slashes_kept():
    assert criterion_title("Có quyết định công bố / công bố lại còn hiệu lực / a current announcement exists") == \
        "Có quyết định công bố / công bố lại còn hiệu lực"


def test_a_draft_has_a_blank_number_and_an_issued_one_its_number():
    where, sections = heading("UBND tỉnh Lâm Đồng"), (Section("I. NỘI DUNG", ("Không có.",)),)

    draft = official(where, Stamp("QĐ-SKHCN", date(2026, 12, 2)), kind="QUYẾT ĐỊNH", summary="S", sections=sections)
    issued = official(where, Stamp("QĐ-SKHCN", date(2026, 12, 2), 12), kind="QUYẾT ĐỊNH", summary="S",
                      sections=sections)

    assert draft.number_line == "Số:       /QĐ-SKHCN" and issued.number_line == "Số: 12/QĐ-SKHCN"
    assert issued.date_line == "Lâm Đồng, ngày 02 tháng 12 năm 2026"
