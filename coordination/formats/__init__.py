"""One way of writing dates and times per language, on pages, in e-mails and in PDFs
(FORMAT_MODULE_PATH): day, month in words, year, as Iraq writes them ("16 كانون الأول 2026،
10:00 ص"). The short formats are the long ones, so no page falls back to Django's
numeric month-first "11/30/2026". Excel cells take the matching number formats from
coordination.exports.DATE_FORMATS."""
