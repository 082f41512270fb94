"""Readers for the input formats of the data contract, and the canonical store they fill.

This package never imports Django.
"""
