"""The accounts backend: Django's ModelBackend (passwords; the signed-in user on each request),
without Django's model permissions.

Every permission in maca is a rule (``rules``, the ``*/rules.py`` modules; ADR 0002); no user
or group is ever given a Django model permission, so asking the database for them on each
request (two queries whenever a rule says no) finds nothing. The signed-in user is read with
their partnership and agency, which nearly every page shows or checks (ADR 0503).
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        try:
            user = User.objects.select_related("partnership", "agency").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()
