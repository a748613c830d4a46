from coordination.formats.typed import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

# Central Kurdish: 24-hour clock, as Django's Kurdish has it.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، G:i"
TIME_FORMAT = "G:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
