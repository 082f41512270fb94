"""The two cohort files' upload fields, for the cohort upload (``audits.forms.CohortUploadForm``)
and for this app's "Upload the cohort profile" page."""

from __future__ import annotations

from django import forms


def profile_field() -> forms.FileField:
    return forms.FileField(
        label="Cohort profile (profile.json), optional",
        required=False,
        help_text="From maca profile --cohort COHORT_DIR, for the same cohort: the groups side "
        "by side, small numbers already suppressed.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )


def exclusions_field() -> forms.FileField:
    return forms.FileField(
        label="Exclusions (exclusions.csv), optional",
        required=False,
        help_text="From maca cohort --pseudonymise: why each other removal was left out. A "
        "file with person ids is refused.",
    )


COHORT_FILES = ("profile", "exclusions")


def too_large(form: forms.Form, names) -> None:  # noqa: ANN001 - field names
    from maca.web.audits.forms import MAX_UPLOAD_BYTES  # late: that form uses the fields above

    for name in names:
        upload = form.cleaned_data.get(name)
        if upload and upload.size > MAX_UPLOAD_BYTES:
            form.add_error(name, f"{upload.name} is larger than 5 MB: is it the right file?")


def read(upload) -> bytes | None:  # noqa: ANN001 - an UploadedFile or None
    return upload.read() if upload else None


def file_name(upload, default: str) -> str:  # noqa: ANN001
    return upload.name if upload else default


class ProfileUploadForm(forms.Form):
    profile = profile_field()
    exclusions = exclusions_field()

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in COHORT_FILES):
            self.add_error("profile", "Choose a profile.json, an exclusions.csv or both")
        too_large(self, COHORT_FILES)
        return cleaned

    def uploads(self) -> dict:
        """The keyword arguments of ``services.read_cohort_files``."""
        return upload_arguments(self.cleaned_data)


def upload_arguments(cleaned: dict) -> dict:
    profile, exclusions = cleaned.get("profile"), cleaned.get("exclusions")
    return {
        "profile": read(profile),
        "exclusions": read(exclusions),
        "profile_name": file_name(profile, "profile.json"),
        "exclusions_name": file_name(exclusions, "exclusions.csv"),
    }
