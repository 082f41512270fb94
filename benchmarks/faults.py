"""Faults under load, one command: practitioners keep saving their returns through
`maca serve --production` while the script breaks things, then checks that nothing was lost or
left partial and that maca recovered by itself (issue 18).

    PYTHONPATH=src .venv/bin/python benchmarks/faults.py [--users 20] [--down-seconds 20]

It starts a PostgreSQL of its own (initdb in a temporary folder, on port --pg-port, as the
postgres user when run as root; never the machine's server), loads the demo and bench
practitioners into it, and serves maca on 127.0.0.1. The faults, in turn:

  1. kill -9 of one gunicorn worker mid-save (its master starts another)
  2. kill -9 of the whole server mid-save, then the same command again
  3. PostgreSQL restarted under load (pg_ctl restart -m fast)
  4. PostgreSQL down for --down-seconds: every page the 503 page; /healthz still answers
  5. a full disk during an export: `maca briefing --audit N --draft --out` onto a 2 MB tmpfs
     filled to its last 16 KB (needs root for the mount; without it the fault is not run)

Per fault it prints a verdict: the answers people saw (only pages, redirects and the GOV.UK 503
page with Retry-After count as clear; a refused connection while the whole server is down is
what a proxy shows as its own page), whether maca served saves again by itself, and at the end
the acknowledged saves missing from the database, torn or partial answers, and committed saves
without their trail entry.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import SIGN_IN_STEPS, JourneyFailed, Tally, open_return, save_section  # noqa: E402
from served import MACA, ROOT, Browser, Server, database_url, prepare, setup_env  # noqa: E402

PG_BIN = next(Path("/usr/lib/postgresql").glob("*/bin"), Path("/usr/bin"))


class PrivatePostgres:
    """A PostgreSQL cluster of the script's own, in a temporary folder."""

    def __init__(self, base: Path, port: int):
        self.data, self.port, self.log = base / "pgdata", port, base / "postgres.log"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(base, "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, stdout=subprocess.DEVNULL)

    def init(self) -> None:
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.log), "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.log), "-m", "fast", "-w", "restart")  # fmt: skip

    def create(self, name: str) -> None:
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
                  "postgres", name)  # fmt: skip


class Load:
    """Practitioners saving continuously; through a fault they retry, as people would."""

    def __init__(self, port: int, names: list[str]):
        self.port, self.names = port, names
        self.tally = Tally()
        self.stopping = threading.Event()
        self.acks: list[float] = []  # when each save was acknowledged
        self.refused = 0  # connections refused or cut (the server down)
        self.threads = [threading.Thread(target=self._user, args=(n,), daemon=True) for n in names]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def _user(self, name: str) -> None:
        user = {"name": name}
        browser = Browser(self.port, timeout=15)
        signed_in = opened = False
        while not self.stopping.is_set():
            try:
                if not signed_in:
                    for step in SIGN_IN_STEPS:
                        step(browser, self.tally, user)
                    signed_in = True
                if not opened:
                    open_return(browser, self.tally, user)
                    opened = True
                before = len(self.tally.saves[name])
                save_section(browser, self.tally, user)
                if len(self.tally.saves[name]) > before:
                    self.acks.append(time.monotonic())
            except OSError:
                self.refused += 1
                browser.close()
                time.sleep(0.5)
            except (JourneyFailed, StopIteration, IndexError):
                browser.close()
                if user.get("token") is None:
                    signed_in = False
                time.sleep(0.5)
            except Exception as error:  # noqa: BLE001 - counted, and the person tries again
                self.tally.failed("journey", error)
                browser.close()
                time.sleep(0.5)

    def snapshot(self) -> tuple[dict, int]:
        with self.tally.lock:
            return {**self.tally.statuses, "refused": self.refused}, self.tally.unclear


def served_again(load: Load, since: float, within: float) -> float | None:
    """Seconds from ``since`` to the first acknowledged save after it, or None."""
    deadline = since + within
    while time.monotonic() < deadline:
        after = [t for t in list(load.acks) if t > since]
        if after:
            return after[0] - since
        time.sleep(0.2)
    return None


def since(load: Load, begun: tuple[dict, int], wait: float = 0) -> tuple[dict, int]:
    """The answers people got from ``begun`` (a snapshot) until ``wait`` seconds from now."""
    time.sleep(wait)
    (before, unclear_before), (after, unclear_after) = begun, load.snapshot()
    changed = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    return {k: v for k, v in changed.items() if v}, unclear_after - unclear_before


def verdict(
    name: str, statuses: dict, unclear: int, recovered: float | None, extra: str = ""
) -> bool:
    ok = unclear == 0 and recovered is not None and 500 not in statuses
    seen = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str))
    back = (
        f"served saves again after {recovered:.1f}s" if recovered is not None else "DID NOT RECOVER"
    )
    word = "PASS" if ok else "FAIL"
    print(f"  {word}  {name}: answers seen {{{seen}}}; unclear pages {unclear}; {back}{extra}",
          flush=True)  # fmt: skip
    return ok


def full_disk_export(base: Path, url: str, home: Path, audit_id: int) -> bool:
    disk = base / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        print("  SKIP  5. full disk during an export: cannot mount a tmpfs here (needs root); "
              "tests/test_output_folder.py simulates ENOSPC instead")  # fmt: skip
        return True
    try:
        filler = disk / "filler"
        with filler.open("wb") as handle:
            handle.write(b"\0" * (2 * 1024 * 1024 - 16 * 1024))
        out = disk / "briefing"
        done = subprocess.run(
            [str(MACA), "briefing", "--audit", str(audit_id), "--draft", "--out", str(out)],
            env=setup_env(url, home), cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        left = sorted(p.name for p in disk.iterdir() if p.name != "filler")
        one_line = done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
        ok = done.returncode == 2 and left == [] and one_line
        said, word = done.stderr.strip()[-160:], "PASS" if ok else "FAIL"
        print(f"  {word}  5. full disk during an export: exit {done.returncode}, said {said!r}; "
              f"left on the disk: {left or 'nothing'}")  # fmt: skip
        return ok
    finally:
        subprocess.run(["umount", str(disk)], check=False)


MARKER = re.compile(r"bench save \S+ \d+ [0-9a-f]{8}")


def check_saves(url: str, home: Path, load: Load) -> tuple[int, int, int]:
    """(acknowledged saves lost, answers that are not one whole save, saves without trail).

    The k-th acknowledged save of a user sends the text ``bench save NAME k RANDOM``; a save
    that committed without its answer reaching the user (the server died) may be there instead,
    numbered k+1. A return holding a number below its user's acknowledged count lost a save.
    """
    os.environ.update({"DJANGO_SETTINGS_MODULE": "maca.web.settings.development",
                       "DATABASE_URL": url, "MACA_HOME": str(home)})  # fmt: skip
    import django

    django.setup()
    from maca.web.audits.models import SingleAgencyReturn
    from maca.web.trail.models import AuditEvent

    lost = torn = untrailed = 0
    for name in load.names:
        ret = SingleAgencyReturn.objects.get(assignment__practitioner__username=name)
        acknowledged = len(load.tally.saves.get(name, []))
        texts = [v for v in ret.answers.values() if isinstance(v, str) and v.startswith("bench")]
        whole = [t for t in texts if MARKER.fullmatch(t) and t.split()[2] == name]
        torn += len(texts) - len(whole)
        if acknowledged and max((int(t.split()[3]) for t in whole), default=0) < acknowledged:
            lost += 1
        entries = AuditEvent.objects.filter(
            object_ref=ret.trail_ref, summary__startswith="Saved section"
        ).count()
        untrailed += max(0, ret.version - entries)
    return lost, torn, untrailed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--down-seconds", type=float, default=20)
    parser.add_argument("--pg-port", type=int, default=55018)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="maca-faults-"))
    home = base / "home"
    home.mkdir()
    postgres = PrivatePostgres(base, args.pg_port)
    server = None
    results = []
    try:
        postgres.init()
        postgres.create("maca_faults")
        url = database_url("maca_faults", args.pg_port)
        print(f"private PostgreSQL on 127.0.0.1:{args.pg_port}; loading the demo and "
              f"{args.users} bench practitioners...", flush=True)  # fmt: skip
        prepare(url, home, args.users)
        server = Server(url, home, workers=2, threads=4)
        server.start()
        load = Load(server.port, [f"bench.practitioner.{n:03d}" for n in range(1, args.users + 1)])
        load.start()
        time.sleep(8)
        print(f"{args.users} practitioners saving through 127.0.0.1:{server.port}", flush=True)

        workers = server.worker_pids()
        begun, mark = load.snapshot(), time.monotonic()
        os.kill(workers[0], signal.SIGKILL)
        statuses, unclear = since(load, begun, 5)
        results.append(verdict("1. kill -9 of a worker mid-save", statuses, unclear,
                               served_again(load, mark, 30)))  # fmt: skip

        begun, mark = load.snapshot(), time.monotonic()
        server.stop(signal.SIGKILL)
        time.sleep(2)
        server.start()
        took = time.monotonic() - mark
        statuses, unclear = since(load, begun, 3)
        results.append(verdict("2. kill -9 of the whole server mid-save", statuses, unclear,
                               served_again(load, mark, 60),
                               f" (down and started again in {took:.1f}s)"))  # fmt: skip

        begun, mark = load.snapshot(), time.monotonic()
        postgres.restart()
        statuses, unclear = since(load, begun, 5)
        results.append(verdict("3. PostgreSQL restarted under load", statuses, unclear,
                               served_again(load, mark, 60)))  # fmt: skip

        begun = load.snapshot()
        postgres.stop()
        probe = Browser(server.port)
        live, ready = probe.get("/healthz").status, probe.get("/readyz").status
        probe.close()
        statuses, unclear = since(load, begun, args.down_seconds)
        postgres.start()
        back = time.monotonic()
        results.append(verdict(f"4. PostgreSQL down for {args.down_seconds:.0f}s", statuses,
                               unclear, served_again(load, back, 60),
                               f" (while down: /healthz {live}, /readyz {ready})"))  # fmt: skip
        results[-1] = results[-1] and live == 200 and ready == 503 and statuses.get(503, 0) > 0

        time.sleep(3)
        load.stop()
        server.stop()
        server = None
        # The demo audit is the first audit of the fresh database.
        results.append(full_disk_export(base, url, home, audit_id=1))
        lost, torn, untrailed = check_saves(url, home, load)
        saves = sum(len(v) for v in load.tally.saves.values())
        print(f"acknowledged saves {saves}: lost {lost}; answers not one whole save {torn}; "
              f"committed saves without their trail entry {untrailed}")  # fmt: skip
        ok = all(results) and lost == torn == untrailed == 0
        print("faults: all passed" if ok else "faults: SOME FAILED")
    finally:
        if server is not None:
            server.stop()
        try:
            postgres.stop()
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(base, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
