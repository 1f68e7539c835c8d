"""Holiday specifications, the Islamic calendar among them."""
import pytest

from kroniek.temporal.holidays import holiday_date


def test_islamic_holidays_follow_the_umm_al_qura_calendar():
    assert str(holiday_date({"hijri": "10-01"}, 2019)) == "2019-06-04"  # Eid al-Fitr, Suikerfeest
    assert str(holiday_date({"hijri": "12-10"}, 2019)) == "2019-08-11"  # Eid al-Adha, Offerfeest
    assert str(holiday_date({"hijri": "01-01"}, 2019)) == "2019-08-31"  # Islamic New Year 1441


def test_a_year_holding_the_day_twice_gives_the_first():
    # 1 Shawwal fell on 8 January and again on 27 December 2000
    assert str(holiday_date({"hijri": "10-01"}, 2000)) == "2000-01-08"


def test_outside_the_calendar_table_is_no_date():
    with pytest.raises(ValueError, match="Islamic calendar"):
        holiday_date({"hijri": "10-01"}, 1900)


def test_the_other_specifications():
    assert str(holiday_date({"easter": 49}, 2019)) == "2019-06-09"
    assert str(holiday_date({"nth": [3, 2, 9]}, 2018)) == "2018-09-18"
    assert str(holiday_date({"last": [1, 5]}, 2019)) == "2019-05-27"
    assert str(holiday_date({"by_year": [[2014, 9999, "04-27"]], "sunday": -1}, 2025)) == "2025-04-26"
    with pytest.raises(ValueError):
        holiday_date({"fixed": "05-05", "from": 1946}, 1945)
