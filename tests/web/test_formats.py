"""Formats, the two languages (the gettext catalogues) and the SVG bars, without I/O."""

from flask import Flask, session
from flask_babel import gettext

from gateway.web import charts, codes, fmt, forms, i18n, install_babel


def test_amounts_are_vnd_with_dots_between_thousands():
    assert fmt.vnd(1234567) == "1.234.567 ₫"
    assert fmt.vnd(0) == "0 ₫"
    assert fmt.vnd(None) == "—"


def test_dates_are_day_month_year_from_every_shape_the_services_send():
    assert fmt.day("2026-06-30") == "30/06/2026"
    assert fmt.day("2026-11-26T12:24:36.139951+00:00") == "26/11/2026"
    assert fmt.day("2026-11-26T18:30:00+00:00") == "27/11/2026"  # already the next day in Vietnam
    assert fmt.moment("2026-11-26T13:00:00+00:00") == "26/11/2026 20:00"
    assert fmt.day("Thu, 26 Nov 2026 00:00:00 GMT") == "—"  # not ISO 8601: no service sends it
    assert fmt.day(None) == "—"


def test_a_typed_date_is_read_day_first_whatever_the_browsers_language():
    assert fmt.typed_day("05/01/2026") == "2026-01-05"
    assert fmt.typed_day(" 5/1/2026 ") == "2026-01-05"
    assert fmt.typed_day("05.01.2026") == "2026-01-05"
    assert fmt.typed_day("2026-01-05") == "2026-01-05"  # ISO stays as it is
    assert fmt.typed_day("31/02/2026") == "31/02/2026"  # no such day: left for the service to refuse
    assert fmt.typed_day("hôm qua") == "hôm qua"
    assert fmt.field_day("2026-01-05") == "05/01/2026"
    assert fmt.field_day("") == ""


def test_a_typed_time_is_read_on_24_hours():
    assert fmt.typed_time("8:00") == "08:00"
    assert fmt.typed_time("13h30") == "13:30"
    assert fmt.typed_time("8h") == "08:00"
    assert fmt.typed_time("25:00") == "25:00"  # left for the service to refuse


SPECS = ("on:date", "note", "amount:int", "final:bool", "lines:list", "empty")


def posted(data: dict, language: str = "vi") -> forms.ActionForm:
    """The action form of SPECS read from a POST of `data` (validated) in a page of `language`."""
    app = Flask(__name__)
    app.secret_key = "test"
    install_babel(app)
    with app.test_request_context("/", method="POST", data=data):
        session["lang"] = language
        form = forms.form_class("test-action", SPECS)()
        form.validate()
        return form


def test_an_action_s_form_sends_dates_as_iso_numbers_as_numbers_and_text_as_typed():
    form = posted({"on": "20/11/2026", "note": " 20/11/2026 ", "amount": "1.500.000", "final": "y",
                   "lines": "một\n\nhai", "empty": ""})

    assert form.errors == {}
    assert form.body() == {"on": "2026-11-20", "note": "20/11/2026", "amount": 1500000, "final": True,
                           "lines": ["một", "hai"]}  # a text field is never rewritten; empty ones are left out


def test_an_action_s_form_refuses_a_date_or_number_it_cannot_read_in_the_page_s_language():
    assert posted({"on": "31/02/2026", "amount": "mười"}).errors == {
        "on": ["Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."],
        "amount": ["Nhập một số nguyên, ví dụ 1.500.000."]}
    assert posted({"on": "tomorrow"}, "en").errors == {"on": ["Type the date as day/month/year, e.g. 05/01/2026."]}


def in_language(language: str | None, read):
    """`read()` in a request whose session language is `language` (Flask-Babel's selector reads it)."""
    app = Flask(__name__)
    app.secret_key = "test"
    install_babel(app)
    with app.test_request_context("/"):
        if language:
            session["lang"] = language
        return read()


def test_vietnamese_comes_first_and_words_and_codes_come_from_the_catalogues():
    assert in_language("vi", lambda: gettext("Agencies")) == "Cơ quan"
    assert in_language("en", lambda: gettext("Agencies")) == "Agencies"
    assert in_language("fr", lambda: gettext("Agencies")) == "Cơ quan"
    assert in_language(None, lambda: i18n.label("HUY", codes.CLASS_STATUS)) == "Đã hủy"
    assert in_language("en", lambda: i18n.label("HUY", codes.CLASS_MOVE)) == "Cancel the class"


def test_one_code_in_two_services_has_a_label_in_each():
    assert in_language("en", lambda: i18n.label("DANG_THUC_HIEN", codes.PLAN_STATUS)) == "In progress"
    assert in_language("en", lambda: i18n.label("DANG_THUC_HIEN", codes.LINE_STATUS)) == "Being spent"
    assert in_language("vi", lambda: i18n.label("MO", codes.RECOMMENDATION_STATUS)) == "Chờ cơ quan khắc phục"
    assert in_language("vi", lambda: i18n.label(None, codes.RECOMMENDATION_STATUS)) == "—"


def test_numbers_and_money_follow_the_language_and_dates_stay_day_first():
    def shown():
        return fmt.vnd(1234567), fmt.number(1234567), fmt.moment("2026-01-05T06:30:00+00:00")

    assert in_language("vi", shown) == ("1.234.567 ₫", "1.234.567", "05/01/2026 13:30")
    assert in_language("en", shown) == ("1,234,567 ₫", "1,234,567", "05/01/2026 13:30")


def test_service_messages_keep_the_half_in_the_users_language():
    message = "Chưa có hồ sơ đánh giá nội bộ / an internal audit must be on record"

    assert i18n.bilingual(message, "vi") == "Chưa có hồ sơ đánh giá nội bộ"
    assert i18n.bilingual(message, "en") == "an internal audit must be on record"
    criterion = "Có quyết định công bố / công bố lại còn hiệu lực / a current announcement exists"
    assert i18n.bilingual(criterion, "vi") == "Có quyết định công bố / công bố lại còn hiệu lực"
    assert i18n.bilingual(criterion, "en") == "a current announcement exists"


def test_bars_scale_to_the_largest_value_and_escape_labels():
    svg = charts.bars([("<Sở>", 50, "50"), ("UBND", 100, "100")], title="Áp dụng")

    assert f'width="{charts.BAR_WIDTH / 2:.1f}"' in svg and f'width="{charts.BAR_WIDTH:.1f}"' in svg
    assert "&lt;Sở&gt;" in svg and "<Sở>" not in svg
    assert 'role="img"' in svg and "style=" not in svg


def test_long_labels_are_shortened_but_keep_their_full_text_as_a_title():
    label = "Thuê tổ chức chứng nhận phối hợp kiểm tra"

    svg = charts.bars([(label, 1, "1")], title="Kinh phí")

    shown = svg.split(f"<title>{label}</title>", 1)[1].split("</text>", 1)[0]
    assert shown.endswith("…") and len(shown) <= charts.LABEL_CHARS
    assert label.startswith(shown[:-1])
