"""Every JSON answer of every service and the gateway writes dates and times in ISO 8601 (kit.http)."""

from datetime import UTC, date, datetime, time

from kit import http


def test_dates_and_times_are_iso_8601_and_vietnamese_stays_readable():
    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None))

    @app.get("/probe")
    def probe():
        return {"day": date(2021, 12, 31), "moment": datetime(2021, 12, 31, 17, 30, tzinfo=UTC),
                "clock": time(8, 0), "name": "Sở Khoa học và Công nghệ"}

    response = app.test_client().get("/probe")

    assert response.get_json() == {"day": "2021-12-31", "moment": "2021-12-31T17:30:00+00:00", "clock": "08:00:00",
                                   "name": "Sở Khoa học và Công nghệ"}
    assert "Sở Khoa học".encode() in response.data
