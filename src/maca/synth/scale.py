"""Sizes and places: how many families each ``--scale`` draws, and which councils they live in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from maca.synth.days import day

# ONS/DfE three-digit LA codes (public reference data). The first is the default home LA.
LA_CODES = tuple(
    (
        "840 841 390 391 392 393 394 805 806 807 808 929 330 331 332 333 334 335 336 340 "
        "341 343 344 350 351 352 353 354 355 356 357 358 359 370 371 372 373 380 381 382 "
        "383 384 810 811 812 813 815 816 202 203 204 205 206 207 208 209 210 211 212 213 "
        "301 302 303 304 305 306 307 308 309 310 311 312 800 801 802 803 821 822 823 825 "
        "826 830 831 845 846 850 851 852 855 856 860 861 865 866 873 874 876 877 878 879 "
        "880 881 882 883 886 887 888 889 890 891 892 893 894 895 896 908 916 919 925 926 "
    ).split()
)


@dataclass(frozen=True)
class Scale:
    name: str
    families: int  # households with at least one member known to CSC
    councils: int  # how many LAs the families live in (the home LA first)
    planted_repeats: int  # copies of the planted scenario set


SCALES = {
    "la": Scale("la", families=14_000, councils=1, planted_repeats=1),
    "region": Scale("region", families=140_000, councils=12, planted_repeats=3),
    "national": Scale("national", families=1_250_000, councils=len(LA_CODES), planted_repeats=10),
}

CHUNK_FAMILIES = 50_000


@dataclass(frozen=True)
class Window:
    """The span the data covers, the extract date and the audit period the truth is planned for."""

    first_day: int
    extract_day: int
    period_from: int
    period_to: int
    home_la: str

    @property
    def guard_from(self) -> int:
        """Background removal events keep a week away from the period so none can join it."""
        return self.period_from - 7

    @property
    def guard_to(self) -> int:
        return self.period_to + 7


FIRST_DAY = dt.date(2018, 4, 1)  # start of collection year 2018-19
EXTRACT_DAY = dt.date(2025, 3, 31)  # end of collection year 2024-25


def make_window(period_from: dt.date, period_to: dt.date, home_la: str) -> Window:
    if period_to < period_from:
        raise ValueError("the audit period ends before it starts")
    earliest, latest = dt.date(2021, 4, 1), dt.date(2024, 12, 31)
    if period_from < earliest or period_to > latest:
        raise ValueError(f"the audit period must lie within {earliest} to {latest}")
    return Window(day(FIRST_DAY), day(EXTRACT_DAY), day(period_from), day(period_to), home_la)
