"""Partnerships, agencies, users and their roles; sign-in and the demo partnership."""
