from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coordination.uploads import XLSX, check_document


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Action plan workbook (.xlsx)"),
        help_text=_("The template's sheets, filled in; at most 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if check_document(upload) != XLSX:
            raise ValidationError(
                _("“%(name)s” is not an Excel workbook (.xlsx)."), params={"name": upload.name}
            )
        return upload
