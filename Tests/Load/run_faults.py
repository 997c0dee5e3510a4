#!/usr/bin/env python3
"""Load and fault checks against a live news-api on loopback; every scenario stops by itself.

1. slow clients: 1,000 connections that send one byte a second (or nothing) do not stop a normal
   client from getting answers in under 100 ms;
2. many connections: 1,024 concurrent keep-alive connections for a while (wrk): no crash, no errors,
   resident memory bounded;
3. SIGTERM under load: the server stops accepting, exits 0 within 5 s.

The slow clients connect from 127.0.0.2 and 127.0.0.3 so the per-address connection limit does not
refuse the normal client on 127.0.0.1. Ends with a line `N passed, M failed`.
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)


class Server:
    def __init__(self, binary, data, *flags):
        self.process = subprocess.Popen([binary, "--port", "0", "--data", data, *flags],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.port = None
        for line in self.process.stderr:
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                break
        if self.port is None:
            raise RuntimeError("the server did not start")
        threading.Thread(target=self.process.stderr.read, daemon=True).start()

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def timed_get(port, path="/healthz"):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    return reply.split(b" ", 2)[1].decode(), (time.monotonic() - started) * 1000


def slow_clients(binary, data, count, seconds):
    server = Server(binary, data)
    stop = threading.Event()
    sockets = []
    try:
        for index in range(count):
            source = "127.0.0.2" if index % 2 else "127.0.0.3"
            connection = socket.socket()
            connection.bind((source, 0))
            connection.settimeout(5)
            connection.connect(("127.0.0.1", server.port))
            sockets.append(connection)
        opened = len(sockets)

        def dribble():
            request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
            position = 0
            while not stop.wait(1.0):
                for index, connection in enumerate(sockets):
                    if index % 2 == 0:
                        continue  # half stay idle, half send a byte a second
                    try:
                        connection.send(request[position % len(request):position % len(request) + 1])
                    except OSError:
                        pass
                position += 1

        threading.Thread(target=dribble, daemon=True).start()
        worst = 0.0
        statuses = set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            status, elapsed = timed_get(server.port)
            statuses.add(status)
            worst = max(worst, elapsed)
            time.sleep(0.1)
        check(f"{opened} slow or idle connections open", opened == count)
        check("a normal client is answered under 100 ms beside them", statuses == {"200"} and worst < 100,
              f"statuses {sorted(statuses)}, slowest {worst:.1f} ms")
    finally:
        stop.set()
        for connection in sockets:
            connection.close()
        server.stop()
        check("server exits 0 after the slow-client test", server.process.returncode == 0, f"exit {server.process.returncode}")


def many_connections(binary, data, connections, seconds):
    server = Server(binary, data, "--max-connections-per-ip", "0", "--max-connections", "2048")
    try:
        timed_get(server.port)
        before = server.rss_mb()
        run = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{server.port}/articles?limit=5"],
                             capture_output=True, text=True, timeout=seconds + 60)
        after = server.rss_mb()
        requests = re.search(r"(\d+) requests in", run.stdout)
        errors = re.search(r"Socket errors: (.*)", run.stdout)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", run.stdout)
        check(f"{connections} keep-alive connections for {seconds} s answered", requests is not None and int(requests.group(1)) > 0,
              f"{requests.group(1) if requests else 0} requests")
        check("no socket errors and no error statuses", errors is None and non2xx is None,
              (errors.group(1) if errors else "") + (f" {non2xx.group(1)} non-2xx" if non2xx else ""))
        check("server still running and healthy", server.process.poll() is None and timed_get(server.port)[0] == "200")
        check("resident memory bounded", after < before * 2 + 200, f"{before:.0f} MB before, {after:.0f} MB after")
    finally:
        server.stop()


def sigterm_under_load(binary, data, seconds):
    server = Server(binary, data)
    try:
        load = subprocess.Popen(["wrk", "-t1", "-c64", f"-d{seconds + 5}s", f"http://127.0.0.1:{server.port}/articles"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(seconds)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        refused = False
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", server.port), timeout=0.2).close()
                time.sleep(0.02)
            except OSError:
                refused = True
                break
        try:
            code = server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.monotonic() - started
        load.kill()
        load.wait()
        check("new connections are refused after SIGTERM", refused)
        check("exit 0 within 5 s of SIGTERM under load", code == 0 and elapsed < 5, f"exit {code} after {elapsed:.2f} s")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--data", default="data/seed")
    parser.add_argument("--slow-clients", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=1024)
    parser.add_argument("--seconds", type=int, default=30)
    arguments = parser.parse_args()
    slow_clients(arguments.server, arguments.data, arguments.slow_clients, min(arguments.seconds, 10))
    many_connections(arguments.server, arguments.data, arguments.connections, arguments.seconds)
    sigterm_under_load(arguments.server, arguments.data, 2)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
