#!/usr/bin/env python
"""Django's manage.py for developers; `maca manage ...` does the same once installed."""

import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maca.web.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
