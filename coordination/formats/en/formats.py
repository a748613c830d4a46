from coordination.formats.typed import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

# English as the ministries write it: day before month, 24-hour clock.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
