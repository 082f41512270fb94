from __future__ import annotations

from django import forms

from maca.chronology.command import READABLE_SUFFIXES

ACCEPT = ",".join(
    [
        *READABLE_SUFFIXES,
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
)


class ChronologyUploadForm(forms.Form):
    file = forms.FileField(
        label="Chronology file (CSV or Excel)",
        help_text="The template filled in, or your own file with the same columns.",
        error_messages={"required": "Choose the chronology file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(READABLE_SUFFIXES):
            raise forms.ValidationError(
                "The file must be a CSV (.csv) or an Excel workbook (.xlsx): save it as one"
            )
        return upload
