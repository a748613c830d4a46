from coordination.formats.typed import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

# Arabic as written in Iraq; Django's Arabic names the months as Iraq does (كانون الأول).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، g:i A"
TIME_FORMAT = "g:i A"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# Numbers in Western digits with a decimal point, as the ministries' reports write them:
# Django's Arabic comma made 1234.5 read as "1234,50", a thousands figure to many readers.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
