#!/usr/bin/env python3
"""Cluster check: three news-api replicas on loopback behind nginx running the shipped configuration.

    python3 Tests/Cluster/run_cluster.py --server .build/debug/news-api --data data/seed \
        --nginx-conf deploy/nginx/news-api.conf [--seconds 8]

Builds nothing. Each replica serves its own copy of the data directory (copied with the files' times kept,
as a deployment should), on a free port of 127.0.0.1 with `--max-connections-per-ip 0` as deploy/ says.
nginx (Debian's) runs in a temporary directory with deploy/nginx/news-api.conf included as is, but for its
upstream addresses and listen port, which become the loopback ones. Then:

1. same answers: every URL of a list (each article, entity and trade measure, lists, searches, timelines,
   the service endpoints, NDJSON exports), plain and gzipped, from each replica directly and through nginx:
   identical status, body, ETag, Last-Modified and Content-Encoding; an ETag or Last-Modified from one
   replica gets a 304 from each other one;
2. SIGKILL: wrk through nginx over those URLs (those answered 200, less the NDJSON exports: see
   `loadable`); one replica is killed with SIGKILL halfway: no failed request (no non-2xx/3xx answer, no
   socket error); the replica is started again on the same port;
3. rolling reload: a new corpus (the data plus one brief) copied over each replica's data and SIGHUP, one
   replica at a time, each waited for until /healthz shows the new version, under wrk: no failed request,
   every replica on the new version, still the same bytes and ETags everywhere;
4. SIGTERM: under wrk, one replica is sent SIGTERM: it exits 0 within 5 s and no request fails.

Everything is stopped and the temporary directory removed at the end, also on failure or Ctrl-C. Prints
the figures of each step and ends with `N passed, M failed`; exits 1 if any check failed.
"""
import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def get(port, path, headers=None, timeout=10):
    """One GET on a fresh connection: (status, headers with lower-case names, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def healthz(port):
    status, _, body = get(port, "/healthz", timeout=2)
    return json.loads(body) if status == 200 else None


class Replica:
    """One news-api process on a fixed port, serving its own data directory."""

    def __init__(self, binary, number, data, port, log_directory):
        self.binary, self.number, self.data, self.port = binary, number, data, port
        self.log_path = os.path.join(log_directory, f"replica-{number}.log")
        self.process = None

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [self.binary, "--host", HOST, "--port", str(self.port), "--data", self.data,
             "--max-connections-per-ip", "0"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        log.close()
        if not wait_for_port(self.port, 30, self.process):
            raise RuntimeError(f"replica {self.number} did not start; see {self.log_path}:\n" + self.tail())
        return self

    def tail(self):
        with open(self.log_path, errors="replace") as log:
            return "".join(log.readlines()[-20:])

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.running():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Nginx:
    """Debian's nginx in its own directory, running the shipped server configuration for our replicas."""

    def __init__(self, shipped_conf, replica_ports, directory):
        self.directory = directory
        self.port = free_port()
        with open(shipped_conf) as handle:
            shipped = handle.read()
        upstreams = re.findall(r"^\s*server\s+\S+:\d+\b[^;]*;", shipped, flags=re.M)
        if len(upstreams) != len(replica_ports):
            raise RuntimeError(f"{shipped_conf} lists {len(upstreams)} upstream servers, the test runs {len(replica_ports)}")
        ports = iter(replica_ports)
        conf = re.sub(r"^(\s*server\s+)\S+:\d+\b", lambda match: f"{match.group(1)}{HOST}:{next(ports)}", shipped, flags=re.M)
        conf, listens = re.subn(r"^(\s*)listen\s+\d+\s*;", lambda match: f"{match.group(1)}listen {HOST}:{self.port};",
                                conf, flags=re.M)
        if listens != 1:
            raise RuntimeError(f"{shipped_conf} should have one `listen PORT;`, it has {listens}")
        with open(os.path.join(directory, "news-api.conf"), "w") as handle:
            handle.write(conf)
        temp = {name: os.path.join(directory, name) for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
        self.error_log = os.path.join(directory, "error.log")
        with open(os.path.join(directory, "nginx.conf"), "w") as handle:
            handle.write(f"""daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {self.error_log} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {directory}/news-api.conf;
}}
""")
        os.chmod(directory, 0o755)
        self.process = subprocess.Popen(["nginx", "-e", self.error_log, "-p", directory, "-c", os.path.join(directory, "nginx.conf")],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not wait_for_port(self.port, 10, self.process):
            raise RuntimeError("nginx did not start: " + (self.process.stderr.read() if self.process.poll() is not None else "")
                               + self.log())

    def log(self):
        try:
            with open(self.error_log, errors="replace") as log:
                return log.read()
        except OSError:
            return ""

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --------------------------------------------------------------------------------------------------
# The URLs


def loadable(port, urls):
    """The URLs the load asks for: those answered 200, so that any failure it counts is a real one, less the
    NDJSON exports. An export streams the whole corpus for as long as that takes, and one cut by a SIGKILL
    cannot be retried by nginx, which has sent its first bytes already (README, "Scaling out")."""
    return [url for url in urls if "format=ndjson" not in url and get(port, url)[0] == 200]


def urls_of(port):
    """Every article, entity and trade measure of the corpus, and lists, searches and timelines."""
    def items(path):
        status, _, body = get(port, path)
        return json.loads(body)["items"] if status == 200 else []

    urls = ["/", "/healthz", "/meta", "/openapi.yaml", "/articles", "/articles?limit=3", "/articles?limit=3&offset=3",
            "/articles?kind=brief&sort=published_at&to=2025-04-30", "/articles?q=tariffs", "/articles?q=trade+war&sort=relevance",
            "/articles?q=%22South+China+Sea%22", "/articles?entity=Vietnam&entity=US", "/articles?format=ndjson",
            "/entities", "/entities?type=country&sort=name", "/entities?q=viet", "/entities/U.S.", "/entities/vietnm",
            "/trade-measures", "/trade-measures?affected=china&measure_type=tariff", "/trade-measures?in_force_on=2025-04-15",
            "/timeline", "/timeline?entity=vietnam", "/timeline?interval=month", "/timeline?interval=day",
            "/articles?limit=0", "/no-such-resource", "/articles?pretty=true&limit=2"]
    for article in items("/articles?limit=100"):
        urls.append(f"/articles/{urllib.parse.quote(article['id'])}")
    for entity in items("/entities?limit=100"):
        urls.append(f"/entities/{urllib.parse.quote(entity['id'])}")
        urls.append(f"/entities/{urllib.parse.quote(entity['id'])}/articles?limit=5")
    for measure in items("/trade-measures?limit=100"):
        urls.append(f"/trade-measures/{urllib.parse.quote(measure['id'])}")
    return urls


COMPARED = ("content-type", "content-encoding", "etag", "last-modified", "cache-control", "vary")


def answer(port, url, gzipped):
    status, headers, body = get(port, url, {"Accept-Encoding": "gzip"} if gzipped else {})
    return (status, body, tuple(headers.get(name) for name in COMPARED))


def same_answers(replicas, nginx, urls, label):
    """Step 1 (and again after the reload): the same answer from every replica and through nginx."""
    differing, compared, etags, gzipped_answers = [], 0, set(), 0
    for url in urls:
        for gzipped in (False, True):
            answers = [answer(replica.port, url, gzipped) for replica in replicas] + [answer(nginx.port, url, gzipped)]
            compared += 1
            if any(other != answers[0] for other in answers[1:]):
                differing.append(f"{url}{' (gzip)' if gzipped else ''}")
            status, body, headers = answers[0]
            if headers[2]:
                etags.add(headers[2])
            if headers[1] == "gzip":
                gzipped_answers += 1
                if gzip.decompress(body) != answer(replicas[0].port, url, False)[1]:
                    differing.append(f"{url} (gzip body does not unzip to the plain body)")
    check(f"{label}: {len(urls)} URLs x plain and gzip = {compared} answers, each identical from {len(replicas)} replicas "
          f"and nginx (status, body, {', '.join(COMPARED)})", not differing,
          f"{len(etags)} distinct ETags, {gzipped_answers} answers gzipped by the replicas and passed through"
          + (f"; differing: {', '.join(differing[:10])}" if differing else ""))
    return etags


def cross_replica_304(replicas, urls):
    """An ETag or a Last-Modified from one replica gets a 304 from every other one."""
    asked, not_modified, wrong = 0, 0, []
    for url in urls:
        status, headers, _ = get(replicas[0].port, url, {"Accept-Encoding": "gzip"})
        if status != 200 or "etag" not in headers:
            continue
        for replica in replicas[1:]:
            for validator in ({"If-None-Match": headers["etag"], "Accept-Encoding": "gzip"},
                              {"If-Modified-Since": headers["last-modified"]}):
                asked += 1
                got = get(replica.port, url, validator)[0]
                if got == 304:
                    not_modified += 1
                else:
                    wrong.append(f"{url} {list(validator)[0]} -> {got}")
    check("an ETag or Last-Modified from replica 1 gets 304 from replicas 2 and 3", asked > 0 and not wrong,
          f"{not_modified} of {asked} conditional requests answered 304" + (f"; not: {', '.join(wrong[:5])}" if wrong else ""))


# --------------------------------------------------------------------------------------------------
# Load


class Load:
    """wrk through nginx over the URLs, for a fixed time; stops by itself."""

    def __init__(self, port, urls, seconds, directory, connections=32):
        script = os.path.join(directory, "urls.lua")
        with open(script, "w") as handle:
            handle.write("local paths = {" + ",".join(json.dumps(url) for url in urls) + "}\n"
                         "local i = 0\n"
                         "request = function()\n"
                         "  i = i + 1\n"
                         "  return wrk.format('GET', paths[(i % #paths) + 1], {['Accept-Encoding'] = 'gzip'})\n"
                         "end\n")
        self.seconds = seconds
        self.process = subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script,
                                         f"http://{HOST}:{port}"],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self):
        try:
            output, _ = self.process.communicate(timeout=self.seconds + 30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        requests = re.search(r"(\d+) requests in ([\d.]+)s", output)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        self.requests = int(requests.group(1)) if requests else 0
        self.rate = self.requests / float(requests.group(2)) if requests else 0.0
        self.non2xx = int(non2xx.group(1)) if non2xx else 0
        self.socket_errors = sum(int(value) for value in errors.groups()) if errors else 0
        self.socket_detail = errors.group(0) if errors else "Socket errors: none"
        self.output = output
        return self

    def summary(self):
        return (f"{self.requests} requests ({self.rate:,.0f}/s), non-2xx/3xx {self.non2xx}, "
                f"{self.socket_detail.lower()}")

    def clean(self):
        return self.requests > 0 and self.non2xx == 0 and self.socket_errors == 0


def nginx_retries(nginx, before):
    """Lines of nginx's error log since `before` about a replica failing a request, by what nginx said."""
    kinds = {}
    for line in nginx.log()[before:].splitlines():
        match = re.search(r"\] \d+#\d+: \*\d+ (.*?) while ", line)
        if match and "upstream" in line:
            kinds[match.group(1)] = kinds.get(match.group(1), 0) + 1
    disabled = kinds.pop("upstream server temporarily disabled", 0)
    return (sum(kinds.values()), ", ".join(f"{count} x {kind}" for kind, count in sorted(kinds.items())), disabled)


def served_per_replica(replicas):
    counts = []
    for replica in replicas:
        try:
            status, _, body = get(replica.port, "/metrics", timeout=2)
            counts.append(sum(float(value) for value in re.findall(r'^http_requests_total\{.*\} (\S+)$', body.decode(), re.M)))
        except OSError:
            counts.append(None)
    return counts


# --------------------------------------------------------------------------------------------------
# The steps


def sigkill_under_load(replicas, nginx, urls, seconds, directory):
    victim = replicas[1]
    log_at = len(nginx.log())
    load = Load(nginx.port, urls, seconds, directory)
    time.sleep(seconds / 2)
    victim.process.send_signal(signal.SIGKILL)
    victim.process.wait()
    load.finish()
    retried, kinds, disabled = nginx_retries(nginx, log_at)
    check(f"wrk through nginx for {seconds} s, replica {victim.number} SIGKILLed halfway: no failed request", load.clean(),
          f"{load.summary()}; nginx logged {retried} failed attempts on the killed replica ({kinds}), each passed to "
          f"another, and took it out {disabled} times")
    started = time.monotonic()
    victim.start()
    check(f"replica {victim.number} started again on port {victim.port}", healthz(victim.port) is not None,
          f"serving after {time.monotonic() - started:.2f} s")


def new_corpus(data, directory):
    """The data plus one brief, in a directory of its own; its files keep their times as copied once."""
    corpus = os.path.join(directory, "corpus-2")
    shutil.copytree(data, corpus)
    with open(os.path.join(corpus, "articles.ndjson")) as handle:
        last = json.loads([line for line in handle if line.strip()][-1])
    brief = {"id": "cluster-test-brief", "kind": "brief",
             "title": "Vietnam and China agree to study a second cross-border railway",
             "source": last["source"], "url": None, "language": "en", "published_at": last["published_at"],
             "body": "Vietnam and China agreed to study a second cross-border railway line, officials in Hanoi said."}
    with open(os.path.join(corpus, "articles.ndjson"), "a") as handle:
        handle.write(json.dumps(brief, ensure_ascii=False) + "\n")
    return corpus


def rolling_reload(replicas, nginx, urls, corpus, seconds, directory):
    before = healthz(replicas[0].port)
    load = Load(nginx.port, urls, seconds, directory)
    time.sleep(1)
    waits = []
    new_version = None
    for replica in replicas:
        for name in os.listdir(corpus):  # copy2 keeps each file's time, so Last-Modified agrees across replicas
            shutil.copy2(os.path.join(corpus, name), os.path.join(replica.data, name))
        started = time.monotonic()
        replica.process.send_signal(signal.SIGHUP)
        while time.monotonic() - started < 30:
            health = healthz(replica.port)
            if health and health["version"] != before["version"]:
                new_version = new_version or health["version"]
                break
            time.sleep(0.02)
        waits.append(time.monotonic() - started)
        time.sleep(max(0.0, (seconds - 2) / len(replicas) - waits[-1]))
    load.finish()
    versions = [healthz(replica.port) for replica in replicas]
    check(f"rolling reload under wrk for {seconds} s, one replica at a time (SIGHUP, then wait for its new version): "
          "no failed request", load.clean(),
          f"{load.summary()}; each replica's new version seen after {', '.join(f'{wait:.2f}' for wait in waits)} s")
    check("every replica ends on the new version", new_version is not None and all(
        health and health["version"] == new_version for health in versions),
          f"{before['version']} ({before['counts']['articles']} articles) -> "
          f"{', '.join(str(health and health['version']) for health in versions)} "
          f"({', '.join(str(health and health['counts']['articles']) for health in versions)} articles)")


def sigterm_drain(replicas, nginx, urls, seconds, directory):
    victim = replicas[0]
    load = Load(nginx.port, urls, seconds, directory)
    time.sleep(seconds / 2)
    started = time.monotonic()
    victim.process.send_signal(signal.SIGTERM)
    try:
        code = victim.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    stopped_in = time.monotonic() - started
    load.finish()
    check(f"replica {victim.number} SIGTERMed under wrk: exits 0 within 5 s", code == 0 and stopped_in < 5,
          f"exit {code} after {stopped_in:.2f} s")
    check(f"wrk through nginx for {seconds} s while replica {victim.number} drains: no failed request", load.clean(),
          load.summary())


def stop_on_sigterm(*_):
    """A SIGTERM to the test (a CI timeout, say) ends it like Ctrl-C: everything it started is stopped."""
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="the news-api binary")
    parser.add_argument("--data", default="data/seed")
    parser.add_argument("--nginx-conf", default="deploy/nginx/news-api.conf")
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.server)
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None:
            print(f"FAIL {tool} is not installed (make test-cluster installs it)")
            print("0 passed, 1 failed")
            sys.exit(1)

    directory = tempfile.mkdtemp(prefix="news-api-cluster-")
    os.chmod(directory, 0o755)  # nginx's workers run as nobody when the test runs as root, and buffer large answers below it
    replicas, nginx = [], None
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    started = time.monotonic()
    try:
        ports = set()
        while len(ports) < 3:
            ports.add(free_port())
        for number, port in enumerate(sorted(ports), start=1):
            data = os.path.join(directory, f"replica-{number}")
            shutil.copytree(arguments.data, data)  # copy2: the files' times are kept
            replicas.append(Replica(binary, number, data, port, directory).start())
        nginx_directory = os.path.join(directory, "nginx")
        os.mkdir(nginx_directory)
        nginx = Nginx(arguments.nginx_conf, [replica.port for replica in replicas], nginx_directory)
        print(f"3 replicas on {', '.join(f'{HOST}:{replica.port}' for replica in replicas)}, "
              f"nginx on {HOST}:{nginx.port} running {arguments.nginx_conf}", flush=True)

        urls = urls_of(replicas[0].port)
        same_answers(replicas, nginx, urls, "same answers")
        cross_replica_304(replicas, urls)
        sigkill_under_load(replicas, nginx, loadable(replicas[0].port, urls), arguments.seconds, directory)
        time.sleep(1)
        corpus = new_corpus(arguments.data, directory)
        rolling_reload(replicas, nginx, loadable(replicas[0].port, urls), corpus, arguments.seconds, directory)
        urls = urls_of(replicas[0].port)
        same_answers(replicas, nginx, urls, "after the reload")
        counts = served_per_replica(replicas)
        print(f"requests served by each replica so far, from its /metrics (replica 2 counts from its restart): "
              f"{', '.join('-' if count is None else f'{count:,.0f}' for count in counts)}", flush=True)
        sigterm_drain(replicas, nginx, loadable(replicas[0].port, urls), arguments.seconds, directory)
    except Exception as error:  # a step that could not run is a failure, and everything is still cleaned up
        check("the cluster test ran to the end", False, f"{type(error).__name__}: {error}")
        for replica in replicas:
            if not replica.running():
                print(f"replica {replica.number}'s log ends:\n{replica.tail()}")
        if nginx is not None:
            print("nginx's error log ends:\n" + "\n".join(nginx.log().splitlines()[-10:]))
    except KeyboardInterrupt:
        check("the cluster test ran to the end", False, "interrupted")
    finally:
        if nginx is not None:
            nginx.stop()
        for replica in replicas:
            replica.stop()
        shutil.rmtree(directory, ignore_errors=True)
    failed = results.count(False)
    print(f"cluster test took {time.monotonic() - started:.1f} s")
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
