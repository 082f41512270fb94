from django.contrib.auth.forms import AuthenticationForm
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
