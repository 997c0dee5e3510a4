#!/usr/bin/env python3
"""Load and fault checks against a live news-api on loopback; every scenario stops by itself.

1. slow clients: 1,000 connections that send one byte a second (or nothing) do not stop a normal
   client from getting answers in under 100 ms;
2. many connections: 1,024 concurrent keep-alive connections for a while (wrk): no crash, no errors,
   resident memory bounded; once with the default worker threads (one per core) and once with 16, so
   that a machine with few cores also sees what a many-core one does (libmicrohttpd's epoll pool left
   some connections of the opening burst unread there, until the head timeout closed them);
3. SIGTERM under load: the server stops accepting, exits 0 within 5 s;
4. distinct URLs against the response cache: with --response-cache-mb 16, wrk makes every request a
   distinct search that matches nothing for 15 s; resident memory grows by at most the budget + 24 MiB;
5. made-up methods: 5,000 requests with methods M0THOD, M1THOD, ... on one keep-alive connection (each
   a 405) leave at most 20 http_requests_total series in /metrics, unknown methods under method="other";
6. a reload storm: on a generated corpus of 20,000 articles (corpus-gen, in a temporary directory), 20
   concurrent POST /admin/reload each get 202 at once, one starts a reload and the others join it;
   GET /healthz every 20 ms beside them is never slower than 250 ms; the reload ends `unchanged`;
7. slow export readers: on the same server (started with --connection-timeout 3 as well, so that the
   corpus is loaded once), a reader with a 64 KB receive buffer reading an NDJSON export of about
   1.8 MB at 80 KB/s, and one reading 5.9 MB at 200 KB/s (more than the kernel's buffers hold), each
   get all of it, the last chunk included; a reader that stops reading for longer than the timeout
   does not hurt the server and is closed.

The slow clients connect from 127.0.0.2 and 127.0.0.3 so the per-address connection limit does not
refuse the normal client on 127.0.0.1. Each scenario prints its figures. Ends with a line
`N passed, M failed`.
"""
import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


def many_connections(binary, data, connections, seconds, threads=None):
    options = ["--threads", str(threads)] if threads else []
    server = Server(binary, data, "--max-connections-per-ip", "0", "--max-connections", "2048", *options)
    shape = f"{connections} keep-alive connections for {seconds} s" + (f" on {threads} threads" if threads else "")
    try:
        timed_get(server.port)
        before = server.rss_mb()
        run = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{server.port}/articles?limit=5"],
                             capture_output=True, text=True, timeout=seconds + 60)
        after = server.rss_mb()
        requests = re.search(r"(\d+) requests in", run.stdout)
        errors = re.search(r"Socket errors: (.*)", run.stdout)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", run.stdout)
        check(f"{shape} answered", requests is not None and int(requests.group(1)) > 0,
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


def read_response(connection, buffered=b""):
    """Reads one response with a Content-Length body from a keep-alive connection: (status, head, body,
    bytes read past it). Status is None when the connection closed first."""
    while b"\r\n\r\n" not in buffered:
        chunk = connection.recv(65536)
        if not chunk:
            return None, b"", b"", b""
        buffered += chunk
    head, _, rest = buffered.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(length.group(1)) if length else 0
    while len(rest) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None, head, rest, b""
        rest += chunk
    return head.split(b" ", 2)[1].decode(), head, rest[:length], rest[length:]


def request(port, method, path, headers=None, timeout=5):
    """One request on a connection of its own: (status, body, milliseconds)."""
    started = time.monotonic()
    lines = [f"{method} {path} HTTP/1.1", "Host: x", "Connection: close", "Content-Length: 0" if method == "POST" else None,
             *(f"{name}: {value}" for name, value in (headers or {}).items())]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(("\r\n".join(line for line in lines if line) + "\r\n\r\n").encode())
        status, _, body, _ = read_response(connection)
    return status, body, (time.monotonic() - started) * 1000


def dechunk(body):
    """The payload of a chunked body, and whether its terminating zero-size chunk was there."""
    payload, position = bytearray(), 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            return bytes(payload), False
        size = int(body[position:end].split(b";")[0] or b"0", 16)
        if size == 0:
            return bytes(payload), body[end + 2:end + 4] == b"\r\n"
        payload += body[end + 2:end + 2 + size]
        position = end + 2 + size + 2
        if position > len(body):
            return bytes(payload), False


def distinct_urls(binary, data, seconds):
    budget = 16
    server = Server(binary, data, "--response-cache-mb", str(budget))
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    try:
        script.write('local counter = 0\n'
                     'math.randomseed(os.time())\n'
                     'request = function()\n'
                     '  counter = counter + 1\n'
                     '  return wrk.format("GET", "/articles?q=zq" .. counter .. "x" .. math.random(1, 1000000000))\n'
                     'end\n')
        script.close()
        timed_get(server.port)
        timed_get(server.port, "/articles?q=zqwarmup")
        before = server.rss_mb()
        run = subprocess.run(["wrk", "-t1", "-c16", f"-d{seconds}s", "-s", script.name, f"http://127.0.0.1:{server.port}"],
                             capture_output=True, text=True, timeout=seconds + 60)
        after = server.rss_mb()
        requests = re.search(r"(\d+) requests in", run.stdout)
        sent = int(requests.group(1)) if requests else 0
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", run.stdout)
        errors = re.search(r"Socket errors: (.*)", run.stdout)
        print(f"     distinct URLs: {sent} requests in {seconds} s, resident {before:.1f} MiB before, {after:.1f} MiB after "
              f"(+{after - before:.1f} MiB, cache budget {budget} MiB)", flush=True)
        check("distinct searches answered 200 without errors", sent > 0 and non2xx is None and errors is None,
              f"{sent} requests" + (f", {non2xx.group(1)} non-2xx" if non2xx else "") + (f", {errors.group(1)}" if errors else ""))
        check(f"resident growth within the {budget} MiB cache budget + 24 MiB", after - before <= budget + 24,
              f"+{after - before:.1f} MiB after {sent} distinct URLs")
    finally:
        os.unlink(script.name)
        server.stop()


def made_up_methods(binary, data, count):
    server = Server(binary, data)
    try:
        timed_get(server.port)
        before = server.rss_mb()
        statuses, connections, rest = {}, 1, b""
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        try:
            for index in range(count):
                connection.sendall(f"M{index}THOD /healthz HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                status, _, _, rest = read_response(connection, rest)
                if status is None:  # closed by the server: count it and go on on a new connection
                    connection.close()
                    connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                    connections += 1
                    rest = b""
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            connection.close()
        status, metrics, _ = request(server.port, "GET", "/metrics")
        after = server.rss_mb()
        series = [line for line in metrics.decode().splitlines() if line.startswith("http_requests_total{")]
        other = [line for line in series if 'method="other"' in line]
        print(f"     made-up methods: {count} requests on {connections} connection(s), statuses {statuses}; /metrics "
              f"{len(metrics)} bytes with {len(series)} http_requests_total series; resident {before:.1f} -> {after:.1f} MiB "
              f"(+{after - before:.1f} MiB)", flush=True)
        for line in other:
            print(f"     {line}", flush=True)
        check(f"{count} made-up methods each answered 405", statuses == {"405": count}, f"{statuses}")
        check("at most 20 http_requests_total series after them", status == "200" and len(series) <= 20,
              f"{len(series)} series")
        check('unknown methods counted under method="other"', len(other) > 0, other[0] if other else "no such series")
    finally:
        server.stop()


def generated_corpus(binary, corpus_gen, articles, timeout):
    """Scenarios 6 and 7 share one server (and one boot of the corpus, the slowest step), started with
    --admin-token and --connection-timeout TIMEOUT on a generated corpus that is removed afterwards."""
    directory = tempfile.mkdtemp(prefix="news-api-faults-")
    server = None
    try:
        started = time.monotonic()
        subprocess.run([corpus_gen, "--articles", str(articles), "--seed", "18", "--out", directory], check=True,
                       stdout=subprocess.DEVNULL)
        generated = time.monotonic()
        token = secrets.token_hex(16)
        server = Server(binary, directory, "--admin-token", token, "--connection-timeout", str(timeout))
        print(f"     {articles} articles generated in {generated - started:.1f} s, loaded by the server in "
              f"{time.monotonic() - generated:.1f} s", flush=True)
        reload_storm(server, token, 20, 10)
        # The first export fits in what the kernel buffers between the server and a reader; the second
        # does not (loopback's send buffer grows to 4 MB unless the server sets it), so the server
        # must keep writing to it while it is read.
        slow_export(server, timeout, [("/articles?format=ndjson&from=2025-02-01", 80_000, 1_500_000, 4_000_000),
                                      ("/articles?format=ndjson&from=2024-03-01", 200_000, 5_000_000, 7_000_000)])
    finally:
        if server:
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def reload_storm(server, token, posts, seconds):
    authorization = {"Authorization": f"Bearer {token}"}
    timed_get(server.port)
    samples, failures, stop = [], [], threading.Event()

    def sample():
        while not stop.is_set():
            try:
                status, elapsed = timed_get(server.port)
                samples.append(elapsed)
                if status != "200":
                    failures.append(status)
            except OSError as error:
                failures.append(repr(error))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    time.sleep(0.5)
    answers, gate = [], threading.Barrier(posts)

    def post():
        gate.wait()
        try:
            status, body, elapsed = request(server.port, "POST", "/admin/reload", authorization)
            match = re.search(rb'"status":"(\w+)"', body)
            answers.append((status, match.group(1).decode() if match else body.decode(errors="replace"), elapsed))
        except OSError as error:
            answers.append((None, repr(error), 0.0))

    storm_started = time.monotonic()
    posters = [threading.Thread(target=post) for _ in range(posts)]
    for poster in posters:
        poster.start()
    for poster in posters:
        poster.join()
    time.sleep(max(0.0, seconds - 0.5 - (time.monotonic() - storm_started)))
    stop.set()
    sampler.join()
    state, outcome, deadline = "running", b"", time.monotonic() + 180
    while state == "running" and time.monotonic() < deadline:
        status, outcome, _ = request(server.port, "GET", "/admin/reload", authorization)
        match = re.search(rb'"status":"(\w+)"', outcome)
        state = match.group(1).decode() if match else f"HTTP {status}"
        if state == "running":
            time.sleep(0.5)
    reload_seconds = time.monotonic() - storm_started
    said = {word: sum(1 for answer in answers if answer[1] == word) for word in ("started", "running")}
    codes = sorted({str(answer[0]) for answer in answers})
    slowest_post = max(answer[2] for answer in answers)
    slowest = max(samples) if samples else float("inf")
    print(f"     reload storm: {posts} POSTs answered {codes}, {said['started']} started, {said['running']} running, "
          f"slowest POST {slowest_post:.1f} ms; {len(samples)} GET /healthz, slowest {slowest:.1f} ms; reload ended "
          f"`{state}` {reload_seconds:.1f} s after the storm: {outcome.decode(errors='replace')}", flush=True)
    check(f"{posts} concurrent POST /admin/reload each answered 202 within 500 ms",
          codes == ["202"] and slowest_post < 500, f"{codes}, slowest {slowest_post:.1f} ms")
    check("one reload started, the others joined it", 1 <= said["started"] <= 3 and sum(said.values()) == posts,
          f"{said['started']} started, {said['running']} running")
    check("GET /healthz under 250 ms beside the reloads", not failures and slowest < 250,
          f"{len(samples)} requests, slowest {slowest:.1f} ms" + (f", failures {failures[:3]}" if failures else ""))
    check("the reload ended unchanged", state == "unchanged", state)


def slow_export(server, timeout, readers):
    """Each of `readers`, (path, rate, smallest and largest expected size), reads the export at `path`
    slowly and must get all of it; then a reader of the last one stops reading."""

    def request_head(path):
        return f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()

    def reader(path):
        connection = socket.socket()
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        connection.settimeout(20)
        connection.connect(("127.0.0.1", server.port))
        connection.sendall(request_head(path))
        return connection

    def body_of(reply):
        _, _, body = reply.partition(b"\r\n\r\n")
        return dechunk(body)

    timed_get(server.port)
    for path, rate, smallest, largest in readers:
        with socket.create_connection(("127.0.0.1", server.port), timeout=20) as connection:
            connection.sendall(request_head(path))
            fast = bytearray()
            while chunk := connection.recv(65536):
                fast += chunk
        expected, fast_complete = body_of(bytes(fast))
        print(f"     fast read of {path}: {len(expected)} bytes of NDJSON ({len(fast)} on the wire), final chunk "
              f"{'there' if fast_complete else 'missing'}", flush=True)
        check(f"the export read at full speed is whole and {smallest / 1e6:g} to {largest / 1e6:g} MB",
              fast_complete and smallest <= len(expected) <= largest, f"{len(expected)} bytes")

        # A reader that keeps reading, slowly: it must get everything.
        received, ended, error = bytearray(), "closed by the server", None
        connection = reader(path)
        begun = time.monotonic()
        try:
            while True:
                chunk = connection.recv(8192)
                if not chunk:
                    break
                received += chunk
                if received.endswith(b"\r\n0\r\n\r\n"):
                    ended = "last chunk received"
                    break
                if time.monotonic() - begun > 120:
                    ended = "gave up after 120 s"
                    break
                time.sleep(max(0.0, begun + len(received) / rate - time.monotonic()))
        except OSError as failure:
            error = repr(failure)
        finally:
            connection.close()
        elapsed = time.monotonic() - begun
        body, complete = body_of(bytes(received))
        print(f"     slow reader at {rate / 1000:.0f} KB/s: {len(received)} bytes received in {elapsed:.1f} s "
              f"({len(received) / elapsed / 1000:.0f} KB/s), {ended}{', ' + error if error else ''}; final chunk "
              f"{'there' if complete else 'missing'}, {len(body)} of {len(expected)} bytes of NDJSON", flush=True)
        check(f"a reader at {rate / 1000:.0f} KB/s gets the whole {len(expected) / 1e6:.1f} MB export, last chunk included",
              complete and body == expected, f"{len(body)} of {len(expected)} bytes in {elapsed:.1f} s")

    # A reader of the largest export that stops reading: the server stays responsive and closes the
    # connection in the end (the export does not fit in the buffers, so the server has to drop it).
    path = readers[-1][0]
    connection = reader(path)
    stalled_health = []
    pause = timeout + 3
    stall_end = time.monotonic() + pause
    while time.monotonic() < stall_end:
        try:
            stalled_health.append(timed_get(server.port)[0])
        except OSError as failure:
            stalled_health.append(repr(failure))
        time.sleep(1)
    received, closed, begun = 0, "not closed", time.monotonic()
    try:
        connection.settimeout(5)
        while time.monotonic() - begun < 30:
            chunk = connection.recv(65536)
            if not chunk:
                closed = "closed"
                break
            received += len(chunk)
    except socket.timeout:
        closed = "silent for 5 s, not closed"
    except OSError as failure:
        closed = f"closed ({failure.__class__.__name__})"
    finally:
        connection.close()
    status_after = timed_get(server.port)[0]
    print(f"     stalled reader: read nothing for {pause} s (timeout {timeout} s) while /healthz answered "
          f"{sorted(set(stalled_health))}; then {received} bytes and the connection {closed} after "
          f"{time.monotonic() - begun:.1f} s; /healthz then {status_after}", flush=True)
    check("the server stays responsive beside a reader that stopped",
          set(stalled_health) == {"200"} and status_after == "200" and server.process.poll() is None,
          f"{sorted(set(stalled_health))}, then {status_after}")
    check("the stopped reader's connection is closed in the end", closed.startswith("closed"), closed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--data", default="data/seed")
    parser.add_argument("--corpus-gen", required=True, help="corpus-gen, for the 20,000-article corpus")
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--slow-clients", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=1024)
    parser.add_argument("--seconds", type=int, default=30)
    arguments = parser.parse_args()
    slow_clients(arguments.server, arguments.data, arguments.slow_clients, min(arguments.seconds, 10))
    many_connections(arguments.server, arguments.data, arguments.connections, arguments.seconds)
    many_connections(arguments.server, arguments.data, arguments.connections, arguments.seconds, threads=16)
    sigterm_under_load(arguments.server, arguments.data, 2)
    distinct_urls(arguments.server, arguments.data, 15)
    made_up_methods(arguments.server, arguments.data, 5000)
    generated_corpus(arguments.server, arguments.corpus_gen, arguments.articles, 3)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
