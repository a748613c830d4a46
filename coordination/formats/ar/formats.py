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
# Typed dates: the browser's ISO date first, then day before month.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M",
]
