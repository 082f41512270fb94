"""CI: pip-audit on requirements.lock. Fails on a known vulnerability; when pip-audit cannot reach
its vulnerability data (no network), says so in one line and does not fail (docs/security.md)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE = ("ConnectionError", "Max retries", "Name or service not known", "timed out",
               "Temporary failure in name resolution", "Network is unreachable")  # fmt: skip


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "audit.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                str(ROOT / "requirements.lock"),
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(report),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=900,
        )
        found = json.loads(report.read_text()) if report.exists() else None
    code, lines = judge(found, done.stderr)
    for line in lines:
        print(line)
    return code


def judge(found: dict | None, stderr: str) -> tuple[int, list[str]]:
    """The exit code and the lines to print for pip-audit's JSON report (None: it wrote none)."""
    lines = []
    if found is None:
        if any(word in stderr for word in UNREACHABLE):
            reason = next(w for w in UNREACHABLE if w in stderr)
            return 0, [
                f"ci: pip-audit could not reach its vulnerability data ({reason}); not failing"
            ]
        return 1, [f"ci: pip-audit failed: {stderr.strip().splitlines()[-1:]}"]
    vulnerable = [d for d in found.get("dependencies", []) if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            lines.append(
                f"ci: {dependency['name']} {dependency['version']}: {vuln['id']} (fix: {fixes})"
            )
    checked = len(found.get("dependencies", []))
    lines.append(f"ci: pip-audit checked {checked} locked packages: {len(vulnerable)} vulnerable")
    return (1 if vulnerable else 0), lines


if __name__ == "__main__":
    sys.exit(main())
