"""The background population: families known to CSC, drawn in vectorised chunks.

Everything here is drawn from one seeded ``numpy.random.Generator`` per chunk, so a chunk's records
depend only on the seed and the chunk's index. Background removal events (police rows and ``L1``
spells) keep clear of the audit period (``Window.guard_from``..``guard_to``), so that the cohort in
the period is exactly the planted one; every background police row is still accounted for in the
truth (``police_reasons``).
"""

from __future__ import annotations

import numpy as np

from maca.synth import rates
from maca.synth.days import NO_DATE
from maca.synth.draws import OPEN, YEAR, Ids, pick
from maca.synth.frames import NO_PERSON, Frames, concat
from maca.synth.involvement import involvements as _involvements
from maca.synth.scale import LA_CODES, Scale, Window

AREAS = ("DH", "DL", "NE", "SR", "TS", "BD", "LS", "WF", "HU", "YO", "LN", "NG", "LE", "CV", "WS")


def background_chunk(
    seed: int, index: int, n_families: int, scale: Scale, window: Window
) -> tuple[Frames, dict[str, np.ndarray]]:
    """One chunk of families with their records; also each police row's expected exclusion."""
    rng = np.random.default_rng([seed, index])
    ids = Ids(index)
    fam = _families(rng, ids, n_families, scale, window)
    people = _people(rng, ids, fam, window)
    frames: Frames = {
        "person": people["person"],
        "family": people["family"],
        "mother": people["mother"],
        "address": _addresses(rng, fam, people, window),
    }
    frames.update(_involvements(rng, ids, people["kids"], window))
    return frames, police_reasons(frames["police"])


def police_reasons(police: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Expected exclusion of each background police row (none can fall in the audit period)."""
    unlinked = police["pid"] == NO_PERSON
    not_removal = (police["status"] == "considered") & (police["outcome"] != "s20_agreed")
    reason = np.where(
        unlinked, "unlinked", np.where(not_removal, "not_a_removal_event", "outside_period")
    )
    return {"ref": police["ref"], "pid": police["pid"], "reason": reason.astype(object)}


def _families(rng, ids: Ids, n: int, scale: Scale, window: Window) -> dict[str, np.ndarray]:
    councils = (window.home_la,) + tuple(c for c in LA_CODES if c != window.home_la)
    la = np.array(councils[: scale.councils], dtype=object)[rng.integers(0, scale.councils, n)]
    first_dob = rng.integers(window.first_day - 17 * YEAR, window.extract_day - 30, n)
    moves = rng.random(n) < rates.P_MOVE
    from_other = moves & (rng.random(n) < rates.P_MOVE_FROM_OTHER_LA)
    prior = np.array(councils, dtype=object)[rng.integers(1, len(councils), n)]
    prior = np.where(prior == la, councils[-1], prior)
    return {
        "fid": ids.take("family", n),
        "la": la,
        "first_dob": first_dob,
        "n_children": 1 + np.minimum(rng.poisson(rates.MEAN_EXTRA_CHILDREN, n), 4),
        "since": window.first_day - rng.integers(0, 5 * YEAR, n),
        "move_day": np.where(moves, rng.integers(window.first_day, window.extract_day, n), OPEN),
        "prior_la": np.where(from_other, prior, la),
        "ethnicity": pick(rng, rates.ETHNICITY, n),
        "area": postcode_area(la),
        "prior_area": postcode_area(np.where(from_other, prior, la)),
        "district": rng.integers(1, 30, n),
    }


def _people(rng, ids: Ids, fam: dict, window: Window) -> dict:
    n_fam = len(fam["fid"])
    kid_family = np.repeat(np.arange(n_fam), fam["n_children"])
    order = np.arange(len(kid_family)) - np.repeat(
        np.cumsum(fam["n_children"]) - fam["n_children"], fam["n_children"]
    )
    gaps = np.where(order > 0, rng.integers(300, 2000, len(kid_family)), 0)
    dob = fam["first_dob"][kid_family] + _cumsum_within(gaps, order)
    keep = dob <= window.extract_day + 150  # a few still unborn at the extract
    kid_family, order, dob = kid_family[keep], order[keep], dob[keep]
    unborn = dob > window.extract_day
    n_kids = len(dob)
    mother_dob = fam["first_dob"] - rng.integers(17 * YEAR, 40 * YEAR, n_fam)
    mother_pid = ids.take("person", n_fam)
    kid_pid = ids.take("person", n_kids)
    sex = np.where(rng.random(n_kids) < 0.49, "F", "M").astype(object)
    sex = np.where(unborn, "U", sex).astype(object)
    person = {
        "pid": np.concatenate([mother_pid, kid_pid]),
        "dob": np.concatenate([mother_dob, np.where(unborn, NO_DATE, dob)]),
        "expected_dob": np.concatenate([np.full(n_fam, NO_DATE), np.where(unborn, dob, NO_DATE)]),
        "sex": np.concatenate([np.full(n_fam, "F", dtype=object), sex]),
        "ethnicity": np.concatenate([fam["ethnicity"], fam["ethnicity"][kid_family]]),
    }
    family = {
        "fid": np.concatenate([fam["fid"], fam["fid"][kid_family]]),
        "pid": np.concatenate([mother_pid, kid_pid]),
    }
    linked = rng.random(n_kids) < 0.95  # some mothers are not recorded
    mother = {"mother": mother_pid[kid_family][linked], "child": kid_pid[linked]}
    kids = {
        "pid": kid_pid,
        "dob": dob,
        "unborn": unborn,
        "first": order == 0,
        "family": kid_family,
        "la": fam["la"][kid_family],
    }
    return {
        "person": person,
        "family": family,
        "mother": mother,
        "kids": kids,
        "mother_dob": mother_dob,
        "mother_pid": mother_pid,
    }


def _cumsum_within(values: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Running sum of ``values`` restarting where ``order`` is 0 (rows grouped by family)."""
    total = np.cumsum(values)
    starts = np.where(order == 0, total - values, 0)
    return total - np.maximum.accumulate(starts)


def _addresses(rng, fam: dict, people: dict, window: Window) -> dict[str, np.ndarray]:
    kids = people["kids"]
    born = ~kids["unborn"]
    fam_index = np.concatenate([np.arange(len(fam["fid"])), kids["family"][born]])
    pid = np.concatenate([people["mother_pid"], kids["pid"][born]])
    since = fam["since"][fam_index]
    n_fam = len(fam["fid"])
    start = np.concatenate([since[:n_fam], np.maximum(since[n_fam:], kids["dob"][born])])
    move = fam["move_day"][fam_index]
    moved = move > start
    postcode_old = _postcodes(rng, fam["prior_area"], fam["district"])[fam_index]
    postcode_new = _postcodes(rng, fam["area"], fam["district"])[fam_index]
    first_la = np.where(moved, fam["prior_la"][fam_index], fam["la"][fam_index])
    first_end = np.where(moved & (move <= window.extract_day), move - 1, NO_DATE)
    second = moved & (move <= window.extract_day)
    return concat(
        [
            {
                "pid": pid,
                "postcode": postcode_old,
                "start": start,
                "end": first_end,
                "la": first_la,
            },
            {
                "pid": pid[second],
                "postcode": postcode_new[second],
                "start": move[second],
                "end": np.full(int(second.sum()), NO_DATE),
                "la": fam["la"][fam_index][second],
            },
        ]
    )


def postcode_area(la: np.ndarray) -> np.ndarray:
    """A postcode area per council, so that an address's postcode and LA code agree."""
    index = np.array([LA_CODES.index(code) for code in LA_CODES])
    lookup = dict(zip(LA_CODES, np.array(AREAS, dtype=object)[index % len(AREAS)], strict=True))
    return np.array([lookup.get(code, AREAS[0]) for code in la], dtype=object)


def _postcodes(rng, area: np.ndarray, district: np.ndarray) -> np.ndarray:
    n = len(area)
    letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"), dtype=object)
    inward = (
        rng.integers(1, 10, n).astype(str).astype(object)
        + letters[rng.integers(0, 20, n)]
        + letters[rng.integers(0, 20, n)]
    )
    return area + district.astype(str).astype(object) + " " + inward
