"""A child's involvements with CSC: contact, then referral, plans and care, or early help.

Each child has up to ``MAX_INVOLVEMENTS`` involvements, one after another with at least a week
between the end of one and the start of the next, so that a child's CIN episodes and periods of
care never overlap (as the DfE validators require) and no two police rows of a child fall within
72 hours of each other. Slots are drawn for all children at once, one slot index at a time.
"""

from __future__ import annotations

import numpy as np

from maca.synth import rates
from maca.synth.days import NO_DATE
from maca.synth.draws import OPEN, YEAR, Ids, lognormal_days, pick
from maca.synth.frames import NO_PERSON, Frames, concat
from maca.synth.scale import Window

MAX = rates.MAX_INVOLVEMENTS


def involvements(rng, ids: Ids, kids: dict, window: Window) -> Frames:
    n = len(kids["pid"])
    dob = kids["dob"]
    lam = np.where(kids["first"], rates.MEAN_INVOLVEMENTS, rates.MEAN_INVOLVEMENTS_SIBLING)
    count = np.minimum(rng.poisson(lam), MAX)
    count = np.where(kids["first"], np.maximum(count, 1), count)
    prebirth = kids["unborn"] | (rng.random(n) < rates.P_PREBIRTH)
    lo = np.maximum(window.first_day, np.where(prebirth, dob - 180, dob))
    hi = np.minimum(window.extract_day, dob + 18 * YEAR - 1)
    count = np.where(hi > lo, count, 0)
    when = lo[:, None] + (np.sort(rng.random((n, MAX)), axis=1) * (hi - lo)[:, None]).astype(
        np.int64
    )
    when[:, 0] = np.where(prebirth, np.maximum(lo, dob - rng.integers(20, 180, n)), when[:, 0])
    prev_end = np.full(n, -OPEN)
    alive = np.ones(n, dtype=bool)
    parts: dict[str, list] = {
        k: [] for k in ("contact", "early_help", "cin", "cp", "cla", "police")
    }
    for k in range(MAX):
        start = np.maximum(when[:, k], prev_end + 7)
        alive &= (k < count) & (start <= hi)
        who = np.flatnonzero(alive)
        slot, slot_end = _slot(rng, ids, kids, who, start[who], window)
        prev_end[who] = slot_end
        for name, table in slot.items():
            parts[name].append(table)
    return {name: concat(tables) for name, tables in parts.items()}


def _open(ends: np.ndarray, window: Window) -> np.ndarray:
    """Ends after the extract date are unknown at the extract: the record is open."""
    return np.where(ends > window.extract_day, NO_DATE, ends)


def _slot(rng, ids: Ids, kids: dict, who: np.ndarray, start: np.ndarray, window: Window):
    m = len(who)
    pid, dob = kids["pid"][who], kids["dob"][who]
    source = pick(rng, rates.REFERRAL_SOURCES, m)
    contact = {"id": ids.take("contact", m), "pid": pid, "date": start, "source": source}
    draw = rng.random(m)
    referred = draw < rates.P_REFERRAL
    helped = ~referred & (draw < rates.P_REFERRAL + rates.P_EARLY_HELP)
    out = {"contact": contact}
    ends = start.copy()

    h = np.flatnonzero(helped)
    eh_start = np.minimum(start[h] + rng.integers(0, 6, len(h)), window.extract_day)
    eh_end = eh_start + lognormal_days(rng, 150, 0.6, len(h))
    out["early_help"] = {
        "id": ids.take("early_help", len(h)),
        "pid": pid[h],
        "start": eh_start,
        "end": _open(eh_end, window),
    }
    ends[h] = eh_end

    r = np.flatnonzero(referred)
    cin, cp, cla, police, close = _referrals(
        rng, ids, pid[r], dob[r], source[r], start[r], kids["la"][who][r], window
    )
    out.update(cin=cin, cp=cp, cla=cla, police=police)
    ends[r] = close
    ends = np.where(ends > window.extract_day, OPEN, ends)
    return out, ends


def _referrals(rng, ids: Ids, pid, dob, source, contact_day, home_la, window: Window):
    m = len(pid)
    referral = np.minimum(contact_day + rng.integers(0, 3, m), window.extract_day)
    nfa = rng.random(m) < rates.P_NFA
    close = np.where(nfa, referral, referral + lognormal_days(rng, 120, 0.9, m) + 4)
    has_cp = ~nfa & (rng.random(m) < rates.P_CP_PLAN)
    cp_start = referral + rng.integers(10, 46, m)
    has_cp &= cp_start <= window.extract_day
    cp_end = cp_start + lognormal_days(rng, 270, 0.6, m)
    close = np.where(has_cp, np.maximum(close, cp_end + rng.integers(0, 60, m)), close)
    has_cla = ~nfa & (rng.random(m) < rates.P_LOOKED_AFTER)
    cla_start = np.maximum(referral + rng.integers(0, 61, m), dob)
    has_cla &= cla_start <= window.extract_day
    cin_id = ids.take("cin", m)
    c = np.flatnonzero(has_cla)
    cla, police_cla, cla_end = _care(rng, ids, pid[c], cla_start[c], home_la[c], window)
    close[c] = np.maximum(close[c], cla_end)
    need = pick(rng, rates.PRIMARY_NEED, m)
    cin = {
        "id": cin_id,
        "pid": pid,
        "referral": referral,
        "source": source,
        "close": _open(close, window),
        "reason": np.where(nfa, "RC8", pick(rng, rates.CLOSE_REASONS, m)).astype(object),
        "nfa": nfa,
        "need": np.where(nfa, "", need).astype(object),
    }
    cin["reason"] = np.where(cin["close"] == NO_DATE, "", cin["reason"]).astype(object)
    p = np.flatnonzero(has_cp)
    cp = {
        "id": ids.take("cp", len(p)),
        "pid": pid[p],
        "start": cp_start[p],
        "end": _open(cp_end[p], window),
        "ola": np.zeros(len(p), dtype=bool),
        "cin_id": cin_id[p],
        "category": np.array(rates.ABUSE_CATEGORIES, dtype=object)[rng.integers(0, 5, len(p))],
    }
    police_home = _police_at_home(rng, ids, pid, dob, referral, source, has_cla, home_la, window)
    return cin, cp, cla, concat([police_cla, police_home]), close


def _care(rng, ids: Ids, pid, start, home_la, window: Window):
    """A period of care as 903 episodes: legal status changes start new episodes."""
    m = len(pid)
    first = pick(rng, rates.START_LEGAL_STATUS, m)
    in_guard = (start >= window.guard_from) & (start <= window.guard_to)
    first = np.where(in_guard & (first == "L1"), "V2", first).astype(object)
    second = np.where(
        first == "L1",
        pick(rng, rates.AFTER_POLICE_PROTECTION, m),
        np.where(first == "L2", "C1", ""),
    ).astype(object)
    third = np.where((first == "L1") & (second == "L2"), "C1", "").astype(object)
    len1 = np.where(first == "L1", rng.integers(1, 4, m), 8)
    len2 = np.full(m, 8)
    chain = np.where(second != "", len1, 0) + np.where(third != "", len2, 0)
    end = start + np.maximum(lognormal_days(rng, 300, 0.9, m), chain + 30)
    s1, s2 = start + len1, start + len1 + len2
    final_ls = np.where(third != "", third, np.where(second != "", second, first))
    final_start = np.where(third != "", s2, np.where(second != "", s1, start))
    moves, p1, p2 = _placement_moves(rng, final_start, end)
    first_end = np.where(moves >= 1, p1, end)  # the end of the final legal status's first placement
    episodes = [
        (np.ones(m, bool), start, np.where(second != "", s1, first_end), first, "S"),
        (second != "", s1, np.where(third != "", s2, first_end), second, "L"),
        (third != "", s2, first_end, third, "L"),
        (moves >= 1, p1, np.where(moves == 2, p2, end), final_ls, "P"),
        (moves == 2, p2, end, final_ls, "P"),
    ]
    postcode = np.array(["DH1", "NE4", "SR2", "TS5", "DL3"], dtype=object)[rng.integers(0, 5, m)]
    need = pick(rng, rates.PRIMARY_NEED[:8], m)  # the category of need of the period of care
    parts = []
    for mask, s, e, ls, rne in episodes:
        keep = mask & (s <= window.extract_day)
        k = np.flatnonzero(keep)
        last = e[k] == end[k]
        ceased = _open(e[k], window)
        rec = np.where(last, pick(rng, rates.CEASED_REASONS, len(k)), "X1").astype(object)
        change = ((e[k] == p1[k]) & (moves[k] >= 1)) | ((e[k] == p2[k]) & (moves[k] == 2))
        reason = pick(rng, rates.PLACEMENT_CHANGE_REASONS, len(k))
        parts.append(
            {
                "id": ids.take("cla", len(k)),
                "pid": pid[k],
                "start": s[k],
                "end": ceased,
                "rne": np.full(len(k), rne, dtype=object),
                "ls": ls[k],
                "rec": np.where(ceased == NO_DATE, "", rec).astype(object),
                "place": pick(rng, rates.PLACEMENTS, len(k)),
                "need": need[k],
                "postcode": postcode[k],
                "reason_change": np.where(change & (ceased != NO_DATE), reason, "").astype(object),
            }
        )
    cla = concat(parts)
    police = _police_at_care_start(rng, ids, pid, start, first, len1, home_la, window)
    return cla, police, end


def _placement_moves(rng, final_start, end):
    """Up to two changes of placement within the final legal status, each at least 14 days from
    the previous change and from the end of care (903: a new episode, ``RNE`` P)."""
    m = len(end)
    length = end - final_start
    moves = np.where(length > 60, np.minimum(rng.poisson(rates.MEAN_PLACEMENT_MOVES, m), 2), 0)
    room = np.maximum(length - 28, 0)
    u = np.sort(rng.random((m, 2)), axis=1)
    p1 = final_start + 14 + (u[:, 0] * room).astype(np.int64)
    p2 = final_start + 14 + (u[:, 1] * room).astype(np.int64)
    moves = np.where((moves == 2) & (p2 - p1 < 14), 1, moves)
    return moves, p1, p2


def _police_row(rng, ids: Ids, pid, day, status, outcome, minutes_long, home_la, window: Window):
    m = len(pid)
    start = day * 1440 + rng.integers(0, 1440, m)
    end = np.where(minutes_long > 0, start + minutes_long, NO_DATE)
    unmatched = rng.random(m) < rates.P_POLICE_UNMATCHED
    keep = (day < window.guard_from) | (day > window.guard_to)
    keep &= day <= window.extract_day
    k = np.flatnonzero(keep)
    refs = ids.take("police", len(k))
    return {
        "ref": np.array([f"PP{r:09d}" for r in refs], dtype=object),
        "pid": np.where(unmatched[k], NO_PERSON, pid[k]),
        "start": start[k],
        "end": end[k],
        "status": np.asarray(status, dtype=object)[k],
        "outcome": np.asarray(outcome)[k],
        "home_la": home_la[k],
    }


def _police_at_care_start(rng, ids, pid, start, first, len1, home_la, window: Window):
    m = len(pid)
    invoked = (first == "L1") & (rng.random(m) >= rates.P_POLICE_LOG_MISSING)
    considered = (first == "V2") & (rng.random(m) < rates.P_POLICE_CONSIDERED_S20)
    k = np.flatnonzero(invoked | considered)
    status = np.where(invoked[k], "invoked", "considered").astype(object)
    outcome = np.where(invoked[k], "la_accommodation", "s20_agreed").astype(object)
    # police protection ends when the L1 spell does, within 72 hours
    length = np.where(invoked[k], np.minimum(len1[k] * 1440 - 60, 72 * 60 - 1), 0)
    return _police_row(rng, ids, pid[k], start[k], status, outcome, length, home_la[k], window)


def _police_at_home(rng, ids, pid, dob, referral, source, has_cla, home_la, window: Window):
    m = len(pid)
    draw = rng.random(m)
    eligible = (source == "6") & ~has_cla & (referral >= dob)
    invoked = eligible & (draw < rates.P_POLICE_RETURNED_HOME)
    considered = (
        eligible & ~invoked & (draw < rates.P_POLICE_RETURNED_HOME + rates.P_POLICE_CONSIDERED_ONLY)
    )
    k = np.flatnonzero(invoked | considered)
    status = np.where(invoked[k], "invoked", "considered").astype(object)
    home = np.array(["returned_home", "placed_with_family"], dtype=object)
    other = np.array(["returned_home", "other"], dtype=object)
    outcome = np.where(
        invoked[k], home[rng.integers(0, 2, len(k))], other[rng.integers(0, 2, len(k))]
    ).astype(object)
    length = np.where(invoked[k], rng.integers(120, 72 * 60, len(k)), 0)
    return _police_row(rng, ids, pid[k], referral[k], status, outcome, length, home_la[k], window)
