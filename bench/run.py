#!/usr/bin/env python3
"""make bench: load, first-time traffic and repeated URLs, news-api against a bare libmicrohttpd server and nginx.

For each corpus size it generates (or reuses) a synthetic corpus with corpus-gen, reads it once (so the load is
timed from the page cache, not the disk), boots the release server on it and records boot time, MB/s loaded,
resident memory and resident bytes per article (with how many articles a 24, 64 and 256 GiB machine would hold
at that figure). Each server runs with the response cache on (the default, 64 MB) and off (--response-cache-mb
0: every request is routed, computed and encoded), and is driven with wrk (-t1, keep-alive) at each connection
count in one or both of two modes:

- first-time: the traffic of a dashboard, where nearly every URL is asked for the first time. URL lists are
  drawn from the corpus directory itself with a fixed random seed, so every run asks for the same URLs:
  articles.ndjson is streamed and every k-th line kept (never loaded whole; 2.5 GB at 1M), entities.json and
  trade-measures.json are read. Each kind of URL gets up to 800 distinct paths (fewer when the corpus has
  fewer: one per affected jurisdiction of a measure, one per entity named in the sampled titles and ledes):
  `/articles/{id}`; `/articles?entity=X&limit=20&offset=0..40` (offset 0, 20 or 40); `/articles?q=two+words
  &limit=20` (two lowercase words of 4 letters or more from one article's title, so the AND has hits);
  `/entities/{key}` (ids, and some names and aliases, percent-encoded); `/timeline?interval=month&entity=X`;
  the analytics kinds of issue #14 (`/articles?entity=X&facets=entity,source`, `/timeline?interval=month&q=
  two+words`, `/timeline?interval=month&event=E&from=D[&entity=X]` (one kind of event from a sampled article's
  day, every other one also for an entity), `/graph?entity=X`, `/trade-measures?affected=X`,
  `/timeline?interval=month&measure_type=T&affected=X|status=S[&entity=E]` (the measure filters: one
  or two measure types and an affected jurisdiction or a status, every other one also for an entity)); and
  `mixed`, the first five kinds (those of
  issue #16's table) interleaved. The lists are written to bench/out/paths/{size}-{seed}/, and
  bench/first-time.lua has wrk cycle through one in order, wrapping around. Before measuring, the first few
  paths of each kind are fetched once and must answer 200 (and a search or an entity's list must find
  articles), so a bad list fails loudly. With the cache off, every request is computed: those rows are the
  first-time cost. With the cache on, the cycle is a working set: the first pass misses and later passes can
  hit, so those rows show a cache holding a dashboard's recent URLs. The kinds run one after another on one
  server, so a later kind (and the second connection count) finds the cache holding what earlier ones left:
  once its 64 MB are full, a new working set gets in as its URLs come to be asked for more often lately than
  the entries they would push out (the cache's admission test; the old counts halve within a few passes), so
  a kind's first passes miss and its later ones mostly hit. The mix's 4,000 URLs are more than 64 MB of
  answers: the cache keeps the part that fits and the rest misses. Compare a cache-on row with its cache-off
  one before reading it as hits.
- repeat: wrk asks for one URL per endpoint again and again (with the cache on, every answer after the first
  is a kept one). In the same run, alternating with our server, it drives references serving the exact bytes
  of one /articles/{id} response: bench/bare.c (the least a libmicrohttpd program can do), the same program
  started with news-api's default daemon limits (idle timeout, connection caps, request memory), and nginx
  (one worker, its own config in a temp dir).

Every row gives the server's CPU time per request (user + system time of the news-api process over the wrk
run, from /proc, divided by the requests wrk completed): with the cache off, that is what the dashboard cases
of issue #14 and the first-time targets of issue #16 are measured by. Everything listens on 127.0.0.1 and is
stopped at the end, also on failure. The tables go to bench/out/results.md; each row is also appended to
bench/out/rows.jsonl as it is measured, with its `mode` ("load", "first-time" or "repeat").

Environment: BENCH_SIZES (articles per corpus, "10000 100000 1000000"), BENCH_SEEDS (corpus-gen seed per
size as size:seed, "1000000:11"; other sizes use 7; a corpus lives in bench/corpora/{size}-{seed}),
BENCH_MODES ("first-time repeat"), BENCH_CACHE ("on off"), BENCH_CONNECTIONS ("64 256"), BENCH_DURATION
(per wrk run, "5s").
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "bench", "corpora")
OUT = os.path.join(ROOT, "bench", "out")
LUA = os.path.join(ROOT, "bench", "first-time.lua")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000 100000 1000000").split()]
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "64 256").split()]
CACHE_MODES = os.environ.get("BENCH_CACHE", "on off").split()
MODES = os.environ.get("BENCH_MODES", "first-time repeat").split()
DEFAULT_SEED = 7
# Issue #16 measures 1M articles generated with seed 11.
SEEDS = {int(size): int(seed) for size, seed in
         (pair.split(":") for pair in os.environ.get("BENCH_SEEDS", "1000000:11").split())}
# First-time URL lists: paths per kind, the article lines kept from articles.ndjson, the random seed.
PATHS_PER_KIND = 800
SAMPLED_ARTICLES = 10_000
URL_SEED = 16
CHECKED_PER_KIND = 5
GIB = 1 << 30

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


def seed(size):
    return SEEDS.get(size, DEFAULT_SEED)


def corpus(size):
    directory = os.path.join(CORPORA, f"{size}-{seed(size)}")
    # corpus-gen writes dataset.json last, so a corpus without it was not finished.
    if not os.path.exists(os.path.join(directory, "dataset.json")):
        log(f"generating {size} articles (seed {seed(size)}) into {directory}")
        os.makedirs(directory, exist_ok=True)
        subprocess.run([os.path.join(ROOT, ".build/release/corpus-gen"), "--articles", str(size),
                        "--seed", str(seed(size)), "--out", directory], check=True, stdout=subprocess.DEVNULL)
    return directory


def corpus_bytes(directory):
    return sum(os.path.getsize(os.path.join(directory, name)) for name in os.listdir(directory))


def read_through(directory):
    """Reads every file of the corpus once, so the boot that follows finds it in the page cache and its
    load time measures parsing and indexing, not the disk."""
    for name in os.listdir(directory):
        with open(os.path.join(directory, name), "rb") as file:
            while file.read(1 << 24):
                pass


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


def wrk(port, path, connections, pid=None, paths_file=None):
    """One wrk run against `path`, or cycling through the paths of `paths_file` (bench/first-time.lua)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{DURATION}", "--latency"]
    if paths_file:
        command += ["-s", LUA, f"http://127.0.0.1:{port}", "--", paths_file]
    else:
        command.append(f"http://127.0.0.1:{port}{path}")
    before = cpu_seconds(pid) if pid else None
    result = subprocess.run(command, capture_output=True, text=True, check=True)
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
    return {"rps": rate, "p50": latency(50), "p99": latency(99), "cpu_us": cpu_us, "requests": requests,
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


def record(row):
    """Appends one row to rows.jsonl as it is measured, so a run stopped part way keeps its figures."""
    with open(os.path.join(OUT, "rows.jsonl"), "a") as out:
        out.write(json.dumps(row) + "\n")


# First-time URL lists.

def sampled_articles(directory, size):
    """Every k-th line of articles.ndjson (about SAMPLED_ARTICLES of them), read as a stream."""
    step = max(1, size // SAMPLED_ARTICLES)
    kept = []
    with open(os.path.join(directory, "articles.ndjson"), "rb") as lines:
        for number, line in enumerate(lines):
            if number % step == 0 and line.strip():
                article = json.loads(line)
                kept.append({"id": article["id"], "title": article.get("title") or "",
                             "lede": article.get("lede") or "",
                             "day": str((article.get("published_at") or {}).get("value") or "")[:10]})
    return kept


def named_entities(entities, articles):
    """The ids of the entities whose name or alias the sampled titles and ledes spell out, so each has
    articles: names are matched as whole words, longest first, case-insensitively except the aliases the
    corpus marks case-sensitive (`LG`)."""
    names = {}
    lengths = {}
    for entity in entities:
        sensitive = set(entity.get("case_sensitive_aliases") or [])
        for name in [entity["name"]] + list(entity.get("aliases") or []):
            words = re.findall(r"\w+", name)
            if not words:
                continue
            key = tuple(words) if name in sensitive else tuple(w.lower() for w in words)
            names.setdefault(key, entity["id"])
            lengths.setdefault(words[0].lower(), set()).add(len(words))
    lengths = {first: sorted(counts, reverse=True) for first, counts in lengths.items()}
    named = set()
    for article in articles:
        words = re.findall(r"\w+", article["title"] + "\n" + article["lede"])
        lowered = [w.lower() for w in words]
        position = 0
        while position < len(words):
            for length in lengths.get(lowered[position], ()):
                end = position + length
                found = names.get(tuple(words[position:end])) or names.get(tuple(lowered[position:end]))
                if end <= len(words) and found:
                    named.add(found)
                    position = end
                    break
            else:
                position += 1
    return sorted(named)


def word_pairs(articles, rng):
    """Two distinct words (lowercase letters only, 4 or more) of one article's title, one pair per article."""
    pairs, seen = [], set()
    for article in rng.sample(articles, len(articles)):
        words = sorted({w for w in article["title"].lower().split() if re.fullmatch(r"[a-z]{4,}", w)})
        if len(words) < 2:
            continue
        pair = tuple(rng.sample(words, 2))
        if frozenset(pair) not in seen:
            seen.add(frozenset(pair))
            pairs.append(pair)
    return pairs


def entity_keys(entities, rng):
    """An entity's id, or (a third of the time) its name or an alias, percent-encoded."""
    keys = []
    for entity in rng.sample(entities, len(entities)):
        spellings = [entity["name"]] + list(entity.get("aliases") or [])
        key = rng.choice(spellings) if rng.random() < 1 / 3 else entity["id"]
        keys.append(urllib.parse.quote(key, safe=""))
    return keys


TIMELINE_EVENTS = ["article_published", "measure_announced", "measure_in_force", "measure_removed",
                   "measure_suspended", "claim_disputed"]


def filtered_timelines(named, articles, rng):
    """Monthly timelines narrowed to one kind of event from a day on (a sampled article's publication day),
    every other one also to an entity: the whole corpus's milestones and one entity's are filtered apart."""
    days = sorted({article["day"] for article in articles if len(article["day"]) == 10})
    paths = []
    for number, entity in enumerate(rng.sample(named, min(PATHS_PER_KIND, len(named)))):
        path = f"/timeline?interval=month&event={rng.choice(TIMELINE_EVENTS)}&from={rng.choice(days)}"
        paths.append(path + (f"&entity={entity}" if number % 2 else ""))
    return paths


MEASURE_STATUSES = ["proposed", "announced", "in_force", "suspended", "removed"]


def measure_timelines(named, measures, rng):
    """Monthly timelines narrowed by the trade-measure filters: one or (a third of the time) two measure
    types, with an affected jurisdiction or (every third one) a status; every other one also to an entity,
    so the whole corpus's milestones and one entity's are both filtered."""
    types = sorted({measure["measure_type"] for measure in measures})
    affected = sorted({jurisdiction for measure in measures for jurisdiction in measure.get("affected") or []})
    paths = []
    for number, entity in enumerate(rng.sample(named, min(PATHS_PER_KIND, len(named)))):
        chosen = rng.sample(types, 2 if number % 3 == 1 else 1)
        path = "/timeline?interval=month" + "".join(f"&measure_type={kind}" for kind in chosen)
        path += f"&status={rng.choice(MEASURE_STATUSES)}" if number % 3 == 2 else f"&affected={rng.choice(affected)}"
        paths.append(path + (f"&entity={entity}" if number % 2 else ""))
    return paths


def interleaved(lists):
    """The items of `lists` taken in turn, one from each until every list is used up."""
    out = []
    for position in range(max(len(items) for items in lists)):
        out += [items[position] for items in lists if position < len(items)]
    return out


def first_time_paths(directory, size):
    """Each kind of URL with up to PATHS_PER_KIND distinct paths, drawn from the corpus with a fixed seed."""
    articles = sampled_articles(directory, size)
    with open(os.path.join(directory, "entities.json")) as file:
        entities = json.load(file)
    with open(os.path.join(directory, "trade-measures.json")) as file:
        measures = json.load(file)
    named = named_entities(entities, articles)
    affected = sorted({jurisdiction for measure in measures for jurisdiction in measure.get("affected") or []})

    def draw(kind, items):
        rng = random.Random(f"{URL_SEED}:{kind}")
        return rng.sample(items, min(PATHS_PER_KIND, len(items)))

    def q(words):
        return "+".join(words)

    lists = {
        "/articles/{id}": [f"/articles/{a['id']}" for a in draw("id", articles)],
        "/articles?entity=X&limit=20&offset=0..40": [
            f"/articles?entity={e}&limit=20&offset={o}"
            for e, o in draw("page", [(e, o) for e in named for o in (0, 20, 40)])],
        "/articles?q=two+words&limit=20": [
            f"/articles?q={q(p)}&limit=20" for p in word_pairs(articles, random.Random(f"{URL_SEED}:q"))[:PATHS_PER_KIND]],
        "/entities/{key}": [f"/entities/{k}" for k in
                            entity_keys(entities, random.Random(f"{URL_SEED}:key"))[:PATHS_PER_KIND]],
        "/timeline?interval=month&entity=X": [f"/timeline?interval=month&entity={e}" for e in draw("timeline", named)],
        "/articles?entity=X&facets=entity,source": [
            f"/articles?entity={e}&facets=entity,source" for e in draw("facets", named)],
        "/timeline?interval=month&q=two+words": [
            f"/timeline?interval=month&q={q(p)}"
            for p in word_pairs(articles, random.Random(f"{URL_SEED}:timeline-q"))[:PATHS_PER_KIND]],
        "/timeline?interval=month&event=E&from=D[&entity=X]": filtered_timelines(
            named, articles, random.Random(f"{URL_SEED}:timeline-filtered")),
        "/graph?entity=X": [f"/graph?entity={e}" for e in draw("graph", named)],
        "/trade-measures?affected=X": [f"/trade-measures?affected={e}" for e in draw("affected", affected)],
        "/timeline?interval=month&measure_type=T&affected=X|status=S[&entity=E]": measure_timelines(
            named, measures, random.Random(f"{URL_SEED}:timeline-measures")),
    }
    # The mix of issue #16's table: its five kinds, in turn.
    lists["mixed"] = interleaved(list(lists.values())[:5])
    return lists


def write_paths(size, lists):
    """Writes each list to bench/out/paths/{size}-{seed}/, one path a line, in place of any lists an earlier
    run left there; returns kind -> file."""
    directory = os.path.join(OUT, "paths", f"{size}-{seed(size)}")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    files = {}
    for number, (kind, paths) in enumerate(lists.items()):
        slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
        files[kind] = os.path.join(directory, f"{number:02d}-{slug}.txt")
        with open(files[kind], "w") as out:
            out.write("\n".join(paths) + "\n")
    return files


def check_paths(port, lists):
    """Fetches the first few paths of each kind once: each must answer 200, and a search or an entity's
    first page must find articles."""
    for kind, paths in lists.items():
        if not paths:
            raise RuntimeError(f"no paths for {kind}")
        for path in paths[:CHECKED_PER_KIND]:
            try:
                body = json.loads(get(port, path))
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"{kind}: {path} answered {error.code}") from error
            if path.startswith("/articles?") and "offset=20" not in path and "offset=40" not in path:
                if not body["items"]:
                    raise RuntimeError(f"{kind}: {path} found no articles")


def main():
    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    os.makedirs(OUT, exist_ok=True)
    if os.path.exists(os.path.join(OUT, "rows.jsonl")):
        os.remove(os.path.join(OUT, "rows.jsonl"))
    load_rows, first_rows, rows = [], [], []
    for size in SIZES:
        directory = corpus(size)
        size_bytes = corpus_bytes(directory)
        lists = files = None
        if "first-time" in MODES:
            started = time.monotonic()
            lists = first_time_paths(directory, size)
            files = write_paths(size, lists)
            log(f"{size}: first-time URL lists drawn in {time.monotonic() - started:.1f} s: " +
                ", ".join(f"{kind} {len(paths)}" for kind, paths in lists.items()))
        bare = limited = web = None
        read_through(directory)
        for cache in CACHE_MODES:
            server, port, boot_seconds, load_seconds = boot(directory, 64 if cache == "on" else 0)
            if cache == CACHE_MODES[0]:
                rss, peak = rss_mb(server.pid)
                load = {"mode": "load", "articles": size, "seed": seed(size), "corpus_mb": size_bytes / 1e6,
                        "boot_s": boot_seconds, "load_s": load_seconds, "mb_per_s": size_bytes / 1e6 / load_seconds,
                        "rss_mb": rss, "peak_rss_mb": peak, "rss_per_corpus": rss * 2**20 / size_bytes,
                        "rss_bytes_per_article": rss * 2**20 / size, "peak_bytes_per_article": peak * 2**20 / size}
                load_rows.append(load)
                record(load)
                log(f"{size}: {size_bytes / 1e6:.0f} MB loaded in {load_seconds:.2f} s, RSS {rss:.0f} MB "
                    f"({load['rss_bytes_per_article']:,.0f} bytes per article)")
                if lists:
                    check_paths(port, lists)
            else:
                log(f"{size}: loaded again, cache {cache}, in {load_seconds:.2f} s "
                    f"({size_bytes / 1e6 / load_seconds:.0f} MB/s)")

            for mode in MODES:
                if mode == "first-time":
                    for connections in CONNECTIONS:
                        for kind, paths in lists.items():
                            ours = wrk(port, None, connections, server.pid, paths_file=files[kind])
                            first_rows.append((size, cache, connections, kind, len(paths), ours))
                            record({"mode": "first-time", "articles": size, "cache": cache, "connections": connections,
                                    "endpoint": kind, "paths": len(paths), "ours": ours})
                            log(f"{size} first-time cache {cache} c{connections} {kind} ({len(paths)} paths): "
                                f"{ours['rps']:.0f} req/s, {ours['cpu_us']:.0f} us CPU/req, "
                                f"p50 {ours['p50']:.2f} ms p99 {ours['p99']:.2f} ms, {ours['non2xx']} non-2xx")
                    continue

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
                        record({"mode": "repeat", "articles": size, "cache": cache, "connections": connections,
                                "endpoint": label, "ours": ours, "bare": reference,
                                "bare_with_limits": same_limits, "nginx": static})
                        log(f"{size} repeat cache {cache} c{connections} {label}: {ours['rps']:.0f} req/s, "
                            f"{ours['cpu_us']:.0f} us CPU/req, p50 {ours['p50']:.2f} ms p99 {ours['p99']:.2f} ms "
                            f"(bare {reference['rps']:.0f}, bare with limits {same_limits['rps']:.0f}, "
                            f"nginx {static['rps']:.0f})")
            stop(server)
        for reference in (bare, limited, web):
            if reference:
                stop(reference)

    # MB of corpus are 10^6 bytes (as MB/s); RSS is in MiB, as /proc gives it; the ratio is bytes over bytes.
    lines = ["| articles | corpus MB | boot s | load s | MB/s | RSS MiB | peak RSS MiB | RSS / corpus (bytes) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for load in load_rows:
        lines.append(f"| {load['articles']:,} | {load['corpus_mb']:.0f} | {load['boot_s']:.2f} | {load['load_s']:.2f} | "
                     f"{load['mb_per_s']:.0f} | {load['rss_mb']:.0f} | {load['peak_rss_mb']:.0f} | "
                     f"{load['rss_per_corpus']:.2f} |")
    lines += ["", "Scale on paper: resident bytes per article after boot (RSS / articles, so the fixed part counts "
                  "too) and how many articles a machine holds at that figure (the peak while loading is "
                  "higher).", "",
              "| articles | resident bytes/article | peak bytes/article | in 24 GiB | in 64 GiB | in 256 GiB |",
              "|---:|---:|---:|---:|---:|---:|"]
    for load in load_rows:
        per_article = load["rss_bytes_per_article"]
        fits = " | ".join(f"{memory * GIB / per_article / 1e6:,.1f} M" for memory in (24, 64, 256))
        lines.append(f"| {load['articles']:,} | {per_article:,.0f} | {load['peak_bytes_per_article']:,.0f} | {fits} |")
    if first_rows:
        lines += ["", "First-time traffic: wrk cycling through the distinct paths of each kind. Cache off: every "
                      "answer computed. Cache on: the paths are a working set, missed on the first pass and kept "
                      "if the cache admits them; read such a row beside its cache-off one.", "",
                  "| articles | cache | conns | kind | paths | req/s | server CPU us/req | p50 ms | p99 ms | errors |",
                  "|---:|---|---:|---|---:|---:|---:|---:|---:|---|"]
        for size, cache, connections, kind, paths, ours in first_rows:
            errors = ours["socket_errors"] or (f"{ours['non2xx']} non-2xx" if ours["non2xx"] else "")
            label = kind if kind == "mixed" else f"`{kind}`"
            lines.append(f"| {size:,} | {cache} | {connections} | {label} | {paths} | {ours['rps']:,.0f} | "
                         f"{ours['cpu_us']:.0f} | {ours['p50']:.2f} | {ours['p99']:.2f} | {errors} |")
    if rows:
        lines += ["", "Repeated URLs: wrk asking for one URL per endpoint, beside references serving one "
                      "/articles/{id} answer's bytes.", "",
                  "| articles | cache | conns | endpoint | req/s | server CPU us/req | p50 ms | p99 ms | x bare C "
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
