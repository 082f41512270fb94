"""The practitioner journey under load, against `maca serve --production` and PostgreSQL, all on
127.0.0.1 (issue 18). One command sets everything up in a database of its own and runs:

  (a) think:    N users, 5-10 s between steps, for --duration      target p95 < 300 ms, 0 errors
  (b) saturate: N users, no pause, for --saturate-duration          target >= 0.3x the trivial
                                                                   page's throughput, 0 errors,
                                                                   0 lost saves
  (c) sign-in:  N users signing in within the same 10 s             target every sign-in served,
                                                                   p95 < 3 s
  and, as the baseline in the same run, N users fetching a trivial page (the accessibility
  statement, signed out) as fast as they can for --saturate-duration.

    PYTHONPATH=src .venv/bin/python benchmarks/load.py                 # the full run (~8 min)
    PYTHONPATH=src .venv/bin/python benchmarks/load.py --duration 20 --saturate-duration 15

A warm-up of --warmup seconds of journeys comes first and is not counted (a server runs warm).
The journey of one practitioner: sign in (GET and POST the sign-in page, then the second factor:
the verification page and the code of the bench user's authenticator), my returns, the return's
task list, a section, save it as a draft, back to the task list, and round again from the
section. Every save the server acknowledged (its redirect to the task list) is checked in the
database at the end: the return holds the last acknowledged text, and the trail has an entry
for each. In (a) each person starts at a moment of their own within the first think time. The bench
practitioners and their returns are made by benchmarks/served.py, never by the demo.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import (  # noqa: E402
    BENCH_PASSWORD,
    Browser,
    Server,
    bench_code,
    csrf_token,
    database_url,
    prepare,
    recreate_database,
)


@dataclass
class Tally:
    """Every request's latency by step, the errors, and each user's acknowledged saves."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    saves: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    unclear: int = 0  # answers of 500 and up that are not the 503 page with Retry-After
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, step: str, answer, ok: bool) -> None:
        with self.lock:
            self.latencies[step].append(answer.seconds)
            self.statuses[answer.status] += 1
            if answer.status >= 500 and not clear_unavailable_page(answer):
                self.unclear += 1
            if not ok:
                self.errors[f"{step}: status {answer.status}"] += 1

    def failed(self, step: str, error: Exception) -> None:
        with self.lock:
            self.errors[f"{step}: {type(error).__name__}"] += 1

    def all(self) -> list[float]:
        return [s for values in self.latencies.values() for s in values]

    def count(self) -> int:
        return len(self.all())


def clear_unavailable_page(answer) -> bool:
    """The GOV.UK 503 page with a Retry-After: what a person should see while maca is down."""
    return (
        answer.status == 503
        and "retry-after" in answer.headers
        and "Sorry, the service is unavailable" in answer.body
    )


class JourneyFailed(Exception):
    pass


def expect(tally: Tally, step: str, answer, *statuses: int, to: str = ""):
    ok = answer.status in statuses and (not to or answer.location.startswith(to))
    tally.record(step, answer, ok)
    if not ok:
        raise JourneyFailed(step)
    return answer


def get_sign_in(browser, tally, user):
    page = expect(tally, "sign-in page", browser.get("/sign-in/"), 200)
    user["token"] = csrf_token(page.body)


def post_sign_in(browser, tally, user):
    fields = [("csrfmiddlewaretoken", user["token"]), ("username", user["name"]),
              ("password", BENCH_PASSWORD)]  # fmt: skip
    expect(tally, "sign in", browser.post("/sign-in/", fields), 302, to=SECOND_FACTOR)


def second_factor(browser, tally, user):
    """The verification page and the code the bench user's authenticator shows (each code
    works once: a user signing in again within 30 s gives the next step's code)."""
    page = expect(tally, "two-factor page", browser.get(SECOND_FACTOR), 200)
    code, step = bench_code(user["name"], CODE_STEPS_USED.get(user["name"], -1))
    fields = [("csrfmiddlewaretoken", csrf_token(page.body)), ("code", code)]
    answer = browser.post(SECOND_FACTOR, fields)
    CODE_STEPS_USED[user["name"]] = step
    expect(tally, "two-factor code", answer, 302, to="/")


SECOND_FACTOR = "/sign-in/two-factor/"
CODE_STEPS_USED: dict[str, int] = {}  # each bench user's last code, across the scenarios
# Sign-in, step by step: the password, then the second factor (issue 14).
SIGN_IN_STEPS = [get_sign_in, post_sign_in, second_factor]


def open_return(browser, tally, user):
    page = expect(tally, "my returns", browser.get("/returns/"), 200)
    links = lxml.html.fromstring(page.body).xpath("//a[starts-with(@href, '/returns/')]/@href")
    user["return"] = next(h for h in links if h.rstrip("/").split("/")[-1].isdigit())
    overview = expect(tally, "task list", browser.get(user["return"]), 200)
    sections = lxml.html.fromstring(overview.body).xpath("//a[contains(@href, '/section/')]/@href")
    user["section"] = sections[0]


def save_section(browser, tally, user):
    page = expect(tally, "section", browser.get(user["section"]), 200)
    form = next(f for f in lxml.html.fromstring(page.body).forms if "version" in f.fields)
    fields = [(k, v) for k, v in form.form_values() if k]
    textarea = form.xpath(".//textarea/@name")[0]
    number = len(tally.saves[user["name"]]) + 1
    marker = f"bench save {user['name']} {number} {random.getrandbits(32):08x}"
    fields = [(k, marker if k == textarea else v) for k, v in fields]
    answer = browser.post(user["section"], fields)
    expect(tally, "save", answer, 302, to=user["return"])
    with tally.lock:
        tally.saves[user["name"]].append(marker)
        user.setdefault("field", textarea)
    expect(tally, "task list", browser.get(user["return"]), 200)


def each_in_a_thread(work, items, timeout: float) -> None:
    threads = [threading.Thread(target=work, args=(item,), daemon=True) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)


def as_a_person(port, tally, label, steps) -> None:
    """``steps(browser)`` with a browser of its own: a step the server failed ends it (counted by
    ``expect``), and so does anything else, counted under ``label``."""
    browser = Browser(port)
    try:
        steps(browser)
    except JourneyFailed:
        pass
    except Exception as error:  # noqa: BLE001 - counted as an error of the run
        tally.failed(label, error)
    finally:
        browser.close()


def run_journeys(port, users, seconds, think, tally):
    """Each user signs in, opens their return and saves its section until time runs out."""
    stop_at = time.monotonic() + seconds

    def journey(user):
        def steps(browser):
            def pause():
                # A person thinking: their connection is closed meanwhile (gunicorn keeps an
                # idle one for 5 s), as a browser behind a proxy would open a new one.
                if think:
                    browser.close()
                    time.sleep(random.uniform(*think))

            if think:  # people thinking arrive at their own moments, not all in one instant
                time.sleep(random.uniform(0, think[1]))
            for step in SIGN_IN_STEPS:
                step(browser, tally, user)
                pause()
            open_return(browser, tally, user)
            while time.monotonic() < stop_at:
                pause()
                save_section(browser, tally, user)

        as_a_person(port, tally, "journey", steps)

    each_in_a_thread(journey, users, seconds + 120)


def sign_in_storm(port, users, within, tally):
    def one(user):
        time.sleep(random.uniform(0, within))

        def steps(browser):
            for step in SIGN_IN_STEPS:
                step(browser, tally, user)

        as_a_person(port, tally, "sign in", steps)

    each_in_a_thread(one, users, within + 120)


def trivial_page(port, count, seconds, tally):
    stop_at = time.monotonic() + seconds

    def hammer(_):
        def steps(browser):
            while time.monotonic() < stop_at:
                expect(tally, "trivial page", browser.get("/accessibility/"), 200)

        as_a_person(port, tally, "trivial page", steps)

    each_in_a_thread(hammer, range(count), seconds + 120)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(name: str, tally: Tally, seconds: float, latencies: list[float] | None = None) -> dict:
    latencies = tally.all() if latencies is None else latencies
    return {
        "scenario": name,
        "requests": len(latencies),
        "seconds": round(seconds, 1),
        "rps": round(len(latencies) / seconds, 1) if seconds else 0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "saves": sum(len(v) for v in tally.saves.values()),
        "p95_ms_by_step": {
            step: round(percentile(values, 95) * 1000, 1)
            for step, values in sorted(tally.latencies.items())
        },
    }


def lost_saves(url: str, home: Path, tally: Tally) -> tuple[int, int]:
    """(lost saves, missing trail entries): each user's return must hold the text of their last
    acknowledged save, and the trail an entry for every acknowledged save."""
    import os

    os.environ.update({"DJANGO_SETTINGS_MODULE": "maca.web.settings.development",
                       "DATABASE_URL": url, "MACA_HOME": str(home)})  # fmt: skip
    import django

    django.setup()
    from maca.web.audits.models import SingleAgencyReturn
    from maca.web.trail.models import AuditEvent

    lost = missing = 0
    for name, markers in tally.saves.items():
        ret = SingleAgencyReturn.objects.get(assignment__practitioner__username=name)
        if markers and markers[-1] not in ret.answers.values():
            lost += 1
        entries = AuditEvent.objects.filter(
            object_ref=ret.trail_ref, summary__startswith="Saved section"
        ).count()
        missing += max(0, len(markers) - entries)
    return lost, missing


def show(row: dict) -> None:
    print(f"  {row['scenario']:28} {row['requests']:7} requests {row['rps']:7.1f}/s  "
          f"p50 {row['p50_ms']:6.0f} ms  p95 {row['p95_ms']:6.0f} ms  p99 {row['p99_ms']:6.0f} ms  "
          f"errors {row['errors']}  saves {row['saves']}", flush=True)  # fmt: skip
    steps = ", ".join(f"{step} {ms:.0f}" for step, ms in row["p95_ms_by_step"].items())
    print(f"      p95 by step (ms): {steps}")
    for kind, count in row["error_kinds"].items():
        print(f"      {count} x {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=300, help="(a), seconds")
    parser.add_argument("--saturate-duration", type=float, default=60, help="(b), baseline")
    parser.add_argument(
        "--warmup", type=float, default=20, help="seconds of journeys first, not counted"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default="maca_reliability_bench",
                        help="a database of its own on 127.0.0.1:5432, made afresh")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    url = database_url(args.database)
    home = Path(tempfile.mkdtemp(prefix="maca-load-"))
    print(f"setting up {args.database} with the demo and {args.users} bench practitioners...")
    recreate_database(args.database)
    prepare(url, home, args.users)
    server = Server(url, home, workers=args.workers, threads=args.threads)
    server.start()
    print(f"maca serve --production on 127.0.0.1:{server.port}: {args.workers} workers x "
          f"{args.threads} threads; {args.users} users")  # fmt: skip
    names = [f"bench.practitioner.{n:03d}" for n in range(1, args.users + 1)]
    rows, all_saves = [], Tally()
    try:
        warm = Tally()
        run_journeys(server.port, [{"name": n} for n in names[:16]], args.warmup, None, warm)
        for name, markers in warm.saves.items():
            all_saves.saves[name].extend(markers)
        for scenario in ("think", "saturate", "sign-in", "trivial"):
            tally = Tally()
            users = [{"name": n} for n in names]
            start = time.monotonic()
            if scenario == "think":
                run_journeys(server.port, users, args.duration, (5.0, 10.0), tally)
            elif scenario == "saturate":
                run_journeys(server.port, users, args.saturate_duration, None, tally)
            elif scenario == "sign-in":
                sign_in_storm(server.port, users, 10.0, tally)
            else:
                trivial_page(server.port, args.users, args.saturate_duration, tally)
            elapsed = time.monotonic() - start
            if scenario == "sign-in":
                # The password check is the step that costs (the hash); a sign-in is served
                # when its second factor is through too.
                row = summary(f"(c) {args.users} sign in within 10 s", tally, elapsed,
                              tally.latencies["sign in"])  # fmt: skip
                row["signed_in"] = len(tally.latencies["two-factor code"]) - sum(
                    v for k, v in tally.errors.items() if k.startswith("two-factor code")
                )
            else:
                label = {"think": "(a) thinking 5-10 s", "saturate": "(b) saturating",
                         "trivial": "trivial page (baseline)"}[scenario]  # fmt: skip
                row = summary(label, tally, elapsed)
            for name, markers in tally.saves.items():
                all_saves.saves[name].extend(markers)
            rows.append(row)
            show(row)
    finally:
        server.stop()
    lost, missing = lost_saves(url, home, all_saves)
    think, saturate, storm, trivial = rows
    ratio = saturate["rps"] / trivial["rps"] if trivial["rps"] else 0
    verdicts = {
        "(a) p95 < 300 ms, 0 errors": think["p95_ms"] < 300 and think["errors"] == 0,
        "(b) >= 0.3x trivial, 0 errors, 0 lost saves": ratio >= 0.3
        and saturate["errors"] == 0
        and lost == 0,
        "(c) every sign-in served, p95 < 3 s": storm["errors"] == 0
        and storm["signed_in"] == args.users
        and storm["p95_ms"] < 3000,
    }
    print(f"saturating journey / trivial page throughput: {ratio:.2f}x")
    print(f"acknowledged saves: {sum(len(v) for v in all_saves.saves.values())}; lost: {lost}; "
          f"trail entries missing: {missing}")  # fmt: skip
    for target, met in verdicts.items():
        print(f"  {'met ' if met else 'MISSED'}  {target}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "ratio": round(ratio, 3), "lost": lost,
                                         "trail_missing": missing, "verdicts": verdicts},
                                        indent=2) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
