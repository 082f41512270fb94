"""maca: the multi-agency case audit workbench for safeguarding children partnerships."""

__version__ = "0.1.0"
