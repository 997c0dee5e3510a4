#!/usr/bin/env python3
"""Runs the contract tests against a live news-api (what `make test-contract` calls after building).

    python3 Tests/Contract/run_contract.py --server .build/debug/news-api [--data data/seed]

1. Starts the server on 127.0.0.1 with --port 0 and reads the bound port from its log; it serves a
   copy of --data (the reload check breaks a file of it for a moment) with a throwaway --admin-token.
2. Runs check_responses.py against it (hand-written requests, every path and parameter of the spec).
3. Runs schemathesis against it with openapi.yaml (all checks that can apply, bounded, fixed seed).
4. Always stops the server (finally, SIGINT, SIGTERM, SIGHUP; and the kernel sends it SIGTERM if
   this process dies without cleaning up).

Quiet on success: one summary line per step. On a failure it prints the failing checks, the full
schemathesis report and the end of the server log. --verbose prints everything. Exit 1 on failure.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the parent dies (Linux), so no server is left behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    def __init__(self, binary: str, data: str, openapi: str, log_path: Path, boot_timeout: float, admin_token: str):
        self.binary, self.data, self.openapi, self.admin_token = binary, data, openapi, admin_token
        self.log_path, self.boot_timeout = log_path, boot_timeout
        self.process: subprocess.Popen | None = None
        self.port: int | None = None

    def start(self) -> int:
        command = [self.binary, "--host", "127.0.0.1", "--port", "0", "--data", self.data,
                   "--openapi", self.openapi, "--admin-token", self.admin_token, "--log-level", "info"]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            preexec_fn=_die_with_parent)
        deadline = time.monotonic() + self.boot_timeout
        while time.monotonic() < deadline:
            match = LISTENING.search(self.log_path.read_text("utf-8", "replace"))
            if match:
                self.port = int(match.group(1))
                return self.port
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode} before listening")
            time.sleep(0.05)
        raise RuntimeError(f"the server did not log 'listening on http://127.0.0.1:PORT' within {self.boot_timeout:.0f}s")

    def stop(self) -> str | None:
        """Stops the server; returns a problem with the stop, if any."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return None if process is None else f"the server had already exited with {process.returncode}"
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return "the server did not stop within 10s of SIGTERM; killed it"
        return None if code == 0 else f"the server exited with {code} on SIGTERM"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""


def run_step(command: list[str], env: dict[str, str], timeout: float, log_path: Path,
             cwd: Path | None = None) -> tuple[int | None, float]:
    """Runs a command with its output in log_path; returns (exit code or None on timeout, seconds)."""
    started = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                                   cwd=cwd, preexec_fn=_die_with_parent)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = None
        except BaseException:
            process.kill()
            process.wait()
            raise
    return code, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, help="the news-api binary")
    parser.add_argument("--data", default="data/seed")
    parser.add_argument("--spec", default="openapi.yaml")
    parser.add_argument("--max-examples", type=int, default=50, help="schemathesis test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=1, help="schemathesis / hypothesis seed")
    parser.add_argument("--time-limit", type=float, default=240, help="seconds before schemathesis is stopped")
    parser.add_argument("--workers", default="2", help="schemathesis workers")
    parser.add_argument("--no-schemathesis", action="store_true", help="only the hand-written checks")
    parser.add_argument("--verbose", action="store_true", help="print every check and the whole schemathesis report")
    args = parser.parse_args(argv)

    # SIGTERM and SIGHUP unwind like Ctrl-C, so the finally below stops the server.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    # SIGINT too: a shell starting us in the background would otherwise leave it ignored.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupted)

    failed = False
    with tempfile.TemporaryDirectory(prefix="news-api-contract-") as scratch:
        scratch = Path(scratch)
        # The server serves a copy of the corpus, so the reload check can break a file of it for a moment,
        # and has a throwaway admin token, so POST /admin/reload exists and can be checked.
        data = scratch / "data"
        shutil.copytree(args.data, data)
        # Hex, not base64url: a token starting with '-' would be read as a flag by both command lines.
        token = secrets.token_hex(24)
        server = Server(args.server, str(data), args.spec, scratch / "server.log", boot_timeout=60, admin_token=token)
        try:
            try:
                port = server.start()
            except (RuntimeError, OSError) as error:
                print(f"contract: cannot start {args.server}: {error}\n{server.log_tail()}", file=sys.stderr)
                return 1
            base = f"http://127.0.0.1:{port}"
            env = dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1")
            for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
                env.pop(name, None)
            env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"

            # 1. The hand-written requests.
            log = scratch / "check_responses.log"
            code, seconds = run_step([sys.executable, str(HERE / "check_responses.py"), "--base-url", base,
                                      "--spec", args.spec, "--admin-token", token, "--reload-data-dir", str(data)],
                                     env, 120, log)
            lines = log.read_text("utf-8", "replace").splitlines()
            summary = lines[-1] if lines and re.fullmatch(r"\d+ passed, \d+ failed", lines[-1]) else None
            if args.verbose:
                print("\n".join(lines))
            elif code != 0:
                print("\n".join(line for line in lines if not line.startswith("ok ")))
            if code != 0:
                failed = True
            print(f"contract: check_responses.py: {summary or 'no summary'}"
                  + ("" if code is not None else " (timed out)") + f" in {seconds:.1f}s")

            # 2. schemathesis.
            if not args.no_schemathesis:
                env["SCHEMATHESIS_HOOKS"] = "schemathesis_hooks"
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
                log = scratch / "schemathesis.log"
                command = [
                    sys.executable, "-m", "schemathesis.cli", "run", str(Path(args.spec).resolve()),
                    "--url", base,
                    "--header", f"Authorization: Bearer {token}",  # for POST /admin/reload
                    "--checks", "all",
                    # These two need operations that create or delete resources; this API has none.
                    "--exclude-checks", "use_after_free,ensure_resource_availability",
                    "--max-examples", str(args.max_examples),
                    "--seed", str(args.seed),
                    "--workers", args.workers,
                    "--generation-database", "none",
                    "--request-timeout", "10",
                    "--no-color",
                ]
                # In the scratch directory: its .schemathesis/ and .hypothesis/ caches go away with it.
                code, seconds = run_step(command, env, args.time_limit, log, cwd=scratch)
                report = log.read_text("utf-8", "replace")
                last = next((line.strip("= ") for line in reversed(report.splitlines()) if line.startswith("==")), "")
                if args.verbose or code != 0:
                    print(report.rstrip())
                if code != 0:
                    failed = True
                outcome = f"timed out after {args.time_limit:.0f}s" if code is None else (last or f"exit {code}")
                print(f"contract: schemathesis {schemathesis_version()}: {outcome} (wall {seconds:.1f}s)")
        except KeyboardInterrupt:
            print("contract: interrupted; stopping the server", file=sys.stderr)
            failed = True
        finally:
            problem = server.stop()
            if problem:
                print(f"contract: {problem}", file=sys.stderr)
                failed = True
            if failed:
                tail = server.log_tail()
                if tail:
                    print(f"contract: end of the server log:\n{tail}", file=sys.stderr)
    return 1 if failed else 0


def schemathesis_version() -> str:
    try:
        from importlib.metadata import version

        return version("schemathesis")
    except Exception:  # noqa: BLE001
        return "?"


if __name__ == "__main__":
    sys.exit(main())
