from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.validators import MaxLengthValidator

from maca.web.common.forms import PlainErrors

# The longest password the sign-in form passes on to be checked. Longer ones are refused before
# the hasher (or django-axes, or the database) sees them; the password policy (issue 14) must
# not allow longer ones to be set.
PASSWORD_MAX_LENGTH = 1024


class SignInForm(PlainErrors, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your partnership business team.",
    }
    too_large_message = "The username or password you entered is too long"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.error_messages["required"] = "Enter your username"
        password.error_messages["required"] = "Enter your password"
        # AuthenticationForm sets the username's max_length after the field is made, which
        # adds no validator: without one a long username reaches authenticate() and axes.
        username.validators.append(MaxLengthValidator(username.max_length))
        username.error_messages["max_length"] = (
            f"Your username has at most {username.max_length} characters"
        )
        password.max_length = PASSWORD_MAX_LENGTH
        password.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
        password.error_messages["max_length"] = (
            f"Your password has at most {PASSWORD_MAX_LENGTH} characters"
        )

    @classmethod
    def too_large(cls, request) -> "SignInForm":
        """The form to show when what was sent was too large to read at all."""
        form = cls(request, data={})
        form.full_clean()
        form.errors.clear()
        form.add_error(None, cls.too_large_message)
        return form


class CodeForm(PlainErrors, forms.Form):
    """The 6-digit code of an authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now, for example 123456.",
        max_length=20,
        widget=forms.TextInput(attrs={"width": "10"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError("The code must be 6 digits, for example 123456")
        return code


class RecoveryCodeForm(PlainErrors, forms.Form):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you saved when you set up two-factor sign-in, for example "
        "abcde-fghjk. Each works once.",
        max_length=40,
        widget=forms.TextInput(attrs={"width": "20"}),
        error_messages={"required": "Enter one of your recovery codes"},
    )


class NewRecoveryCodesForm(PlainErrors, forms.Form):
    make = forms.ChoiceField(
        label="Make new recovery codes?",
        choices=[("yes", "Yes, make 10 new codes (the old ones stop working)"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes to make new codes, or no to keep yours"},
    )


class ChangePasswordForm(PlainErrors, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = (
            "At least 12 characters. Three random words make a strong password that is easy to "
            "remember. Common and breached passwords are refused."
        )
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        # No longer than sign-in accepts: refused on the field, before any hashing.
        for name in ("old_password", "new_password1", "new_password2"):
            field = self.fields[name]
            field.max_length = PASSWORD_MAX_LENGTH
            field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
            field.error_messages["max_length"] = (
                f"A password can have at most {PASSWORD_MAX_LENGTH} characters"
            )
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not right. Enter it again.",  # nosec B105
            "password_mismatch": "The two new passwords are not the same",  # nosec B105
        }
