#!/usr/bin/env python3
"""make bench: load and throughput of news-api against a bare libmicrohttpd server and nginx.

For each corpus size it generates (or reuses) a synthetic corpus with corpus-gen, boots the release
server on it, records boot time, MB/s loaded and resident memory, then drives each endpoint class with
wrk (-t1, keep-alive) at 64 and 256 connections. It does so twice: with the response cache on (the
default: wrk asks for one URL again and again, so after the first request every answer is a kept
one) and with it off (--response-cache-mb 0: every request is routed, computed and encoded). In the same run, alternating with our server, it
drives references serving the exact bytes of one /articles/{id} response: bench/bare.c (the least a
libmicrohttpd program can do), the same program started with news-api's default daemon limits (idle
timeout, connection caps, request memory), and nginx (one worker, its own config in a temp dir).
Everything listens on 127.0.0.1 and is stopped at the end, also on failure.

Each row also gives the server's CPU time per request (user + system time of the news-api process over
the wrk run, from /proc, divided by the requests wrk completed): with the cache off, that is what the
dashboard cases of issue #14 are measured by (an entity-filtered list with facets, monthly timelines with
an entity or a `q`, and the graph of an entity).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "bench", "corpora")
OUT = os.path.join(ROOT, "bench", "out")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000 100000 1000000").split()]
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "64 256").split()]
CACHE_MODES = os.environ.get("BENCH_CACHE", "on off").split()
SEED = 7

processes = []


def log(message):
    print(message, file=sys.stderr, flush=True)


def start(command, **kwargs):
    process = subprocess.Popen(command, **kwargs)
    processes.append(process)
    return process


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_all(*_):
    for process in processes:
        stop(process)
    sys.exit(1)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as reply:
        return reply.read()


def rss_mb(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def corpus(size):
    directory = os.path.join(CORPORA, f"{size}-{SEED}")
    if not os.path.exists(os.path.join(directory, "articles.ndjson")):
        log(f"generating {size} articles into {directory}")
        os.makedirs(directory, exist_ok=True)
        subprocess.run([os.path.join(ROOT, ".build/release/corpus-gen"), "--articles", str(size), "--seed", str(SEED),
                        "--out", directory], check=True, stdout=subprocess.DEVNULL)
    return directory


def corpus_bytes(directory):
    return sum(os.path.getsize(os.path.join(directory, name)) for name in os.listdir(directory))


def boot(directory, cache_mb):
    port = free_port()
    started = time.monotonic()
    server = start([os.path.join(ROOT, ".build/release/news-api"), "--port", str(port), "--data", directory,
                    "--openapi", os.path.join(ROOT, "openapi.yaml"), "--response-cache-mb", str(cache_mb)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    loaded = None
    for line in server.stderr:
        if "loaded" in line and loaded is None:
            loaded = line
        if "listening on" in line:
            break
    else:
        raise RuntimeError("server did not start")
    boot_seconds = time.monotonic() - started
    seconds = float(re.search(r"seconds=([0-9.]+)", loaded).group(1))
    # Keep draining stderr so the server never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=server.stderr, stdout=subprocess.DEVNULL)
    return server, port, boot_seconds, seconds


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(port, path, connections, pid=None):
    before = cpu_seconds(pid) if pid else None
    result = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{DURATION}", "--latency",
                             f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    text = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([0-9.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", text).group(1))
    cpu_us = (cpu_seconds(pid) - before) / max(requests, 1) * 1e6 if pid else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    return {"rps": rate, "p50": latency(50), "p99": latency(99), "cpu_us": cpu_us,
            "non2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def nginx(port, body_file):
    directory = tempfile.mkdtemp(prefix="news-api-nginx-")
    shutil.copy(body_file, os.path.join(directory, "article.json"))
    config = os.path.join(directory, "nginx.conf")
    with open(config, "w") as out:
        out.write(f"""worker_processes 1;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile off;
    keepalive_requests 1000000;
    types {{ }}
    default_type "application/json; charset=utf-8";
    client_body_temp_path {directory};
    proxy_temp_path {directory};
    fastcgi_temp_path {directory};
    uwsgi_temp_path {directory};
    scgi_temp_path {directory};
    server {{
        listen 127.0.0.1:{port};
        location / {{ root {directory}; try_files /article.json =404; }}
    }}
}}
""")
    return start(["nginx", "-c", config, "-p", directory], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    os.makedirs(OUT, exist_ok=True)
    if os.path.exists(os.path.join(OUT, "rows.jsonl")):
        os.remove(os.path.join(OUT, "rows.jsonl"))
    load_rows, rows = [], []
    for size in SIZES:
        directory = corpus(size)
        size_bytes = corpus_bytes(directory)
        bare = limited = web = None
        for cache in CACHE_MODES:
            server, port, boot_seconds, load_seconds = boot(directory, 64 if cache == "on" else 0)
            if cache == CACHE_MODES[0]:
                rss, peak = rss_mb(server.pid)
                load_rows.append((size, size_bytes / 1e6, boot_seconds, load_seconds, size_bytes / 1e6 / load_seconds,
                                  rss, peak, rss / (size_bytes / 1e6)))
                log(f"{size}: {size_bytes / 1e6:.0f} MB loaded in {load_seconds:.2f} s, RSS {rss:.0f} MB")

            article = json.loads(get(port, "/articles?limit=1&offset=%d" % (size // 2)))["items"][0]
            entities = json.loads(get(port, "/entities?limit=20&type=country"))["items"]
            country = entities[0]["id"]
            popular = json.loads(get(port, "/entities?limit=50"))["items"][-1]["id"]
            words = [w for w in re.findall(r"[a-z]{5,}", article["lede"].lower())][:2]
            endpoints = [
                ("/articles/{id}", f"/articles/{article['id']}"),
                ("/entities/{key}", f"/entities/{country}"),
                ("/articles?entity=X&limit=20", f"/articles?entity={popular}&limit=20"),
                ("/articles?q=two+words", f"/articles?q={'+'.join(words)}"),
                ("/trade-measures?affected=X", f"/trade-measures?affected={country}"),
                ("/timeline?interval=month", "/timeline?interval=month"),
                # The dashboard cases of issue #14 (their targets are server CPU per request, cache off).
                ("/articles?entity=X&facets=entity,source", f"/articles?entity={popular}&facets=entity,source"),
                ("/timeline?interval=month&entity=X", f"/timeline?interval=month&entity={popular}"),
                ("/timeline?interval=month&q=two+words", f"/timeline?interval=month&q={'+'.join(words)}"),
                ("/graph?entity=X", f"/graph?entity={popular}"),
            ]
            if bare is None:
                body_file = os.path.join(OUT, "article.json")
                with open(body_file, "wb") as out:
                    out.write(get(port, endpoints[0][1]))
                bare_port, limited_port, nginx_port = free_port(), free_port(), free_port()
                bare = start([os.path.join(OUT, "bare"), str(bare_port), body_file, "2"])
                limited = start([os.path.join(OUT, "bare"), str(limited_port), body_file, "2", "limits"])
                web = nginx(nginx_port, body_file)
                time.sleep(0.5)
            for connections in CONNECTIONS:
                for label, path in endpoints:
                    ours = wrk(port, path, connections, server.pid)
                    reference = wrk(bare_port, "/", connections)
                    same_limits = wrk(limited_port, "/", connections)
                    static = wrk(nginx_port, "/", connections)
                    rows.append((size, cache, connections, label, ours, reference, same_limits, static))
                    # Each row is also written as it is measured, so a run stopped part way keeps its figures.
                    with open(os.path.join(OUT, "rows.jsonl"), "a") as out:
                        out.write(json.dumps({"articles": size, "cache": cache, "connections": connections,
                                              "endpoint": label, "ours": ours, "bare": reference,
                                              "bare_with_limits": same_limits, "nginx": static}) + "\n")
                    log(f"{size} cache {cache} c{connections} {label}: {ours['rps']:.0f} req/s, {ours['cpu_us']:.0f} us CPU/req, "
                        f"p50 {ours['p50']:.2f} ms p99 {ours['p99']:.2f} ms "
                        f"(bare {reference['rps']:.0f}, bare with limits {same_limits['rps']:.0f}, "
                        f"nginx {static['rps']:.0f})")
            stop(server)
        stop(bare)
        stop(limited)
        stop(web)

    lines = ["| articles | corpus MB | boot s | load s | MB/s | RSS MB | peak RSS MB | RSS / corpus |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, mb, boot_s, load_s, rate, rss, peak, ratio in load_rows:
        lines.append(f"| {size:,} | {mb:.0f} | {boot_s:.2f} | {load_s:.2f} | {rate:.0f} | {rss:.0f} | {peak:.0f} | {ratio:.2f} |")
    lines += ["", "| articles | cache | conns | endpoint | req/s | server CPU us/req | p50 ms | p99 ms | x bare C "
                  "| x bare C, same limits | x nginx | errors |",
              "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for size, cache, connections, label, ours, reference, same_limits, static in rows:
        errors = ours["socket_errors"] or (f"{ours['non2xx']} non-2xx" if ours["non2xx"] else "")
        lines.append(f"| {size:,} | {cache} | {connections} | `{label}` | {ours['rps']:,.0f} | {ours['cpu_us']:.0f} | "
                     f"{ours['p50']:.2f} | {ours['p99']:.2f} | "
                     f"{ours['rps'] / reference['rps']:.2f} | {ours['rps'] / same_limits['rps']:.2f} | "
                     f"{ours['rps'] / static['rps']:.2f} | {errors} |")
    table = "\n".join(lines)
    with open(os.path.join(OUT, "results.md"), "w") as out:
        out.write(table + "\n")
    print(table)


if __name__ == "__main__":
    try:
        main()
    finally:
        for process in processes:
            stop(process)
