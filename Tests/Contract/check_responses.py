#!/usr/bin/env python3
"""Contract check: real requests against a live news-api, each response checked against openapi.yaml.

    python3 Tests/Contract/check_responses.py --base-url http://127.0.0.1:PORT [--spec openapi.yaml]
        [--admin-token TOKEN --reload-data-dir COPY_OF_THE_DATA]

The server must serve the seed corpus (data/seed): a few requests name its articles and entities.
For every request below (valid ones and bad ones, covering every path, method, parameter and
documented status of the spec, which is itself checked at the end) it checks that the status is one
the operation documents, that the Content-Type is the documented media type, that the body validates
against the documented schema (OpenAPI 3.1 = JSON Schema 2020-12, `$ref`s into `#/components/...`
resolved; NDJSON exports line by line) and the documented headers against theirs, Link agreeing with
`next` / `prev`. What the spec promises in prose is checked too: `pretty`, pages, ETag /
Last-Modified / Cache-Control on 200s and 304 for If-None-Match / If-Modified-Since, gzip over 1 KB,
nosniff and CORS headers on every response, HEAD like GET, OPTIONS and CORS preflight, 405 with
Allow, bodies refused (400 / 413), problem documents, /admin/reload (401, POST 202 and GET 200 with
the outcome, 400, and a failed reload with the old data still served, when given the token and a
disposable data directory), and that a NUL
byte (%00) does not cut a value short.

Prints one line per check, then the failed checks by kind, then `N passed, M failed` alone on the
last line; exits 1 if any check failed. Standard library plus PyYAML, jsonschema/referencing and
openapi-schema-validator.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.client
import json
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field

import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

try:
    from openapi_schema_validator import OAS31Validator as SchemaValidator
except ImportError:  # pragma: no cover - the Makefile installs it; plain JSON Schema 2020-12 also works
    from jsonschema import Draft202012Validator as SchemaValidator

SPEC_URI = "urn:news-api:openapi"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Known values of the seed corpus (data/seed); the rest of the script only relies on the spec.
ARTICLE_ID = "d679149af95f4c6c"
MEASURE_ID = "us-tariff-145-percent-china"


# --------------------------------------------------------------------------------------------------
# The requests


@dataclass
class Req:
    """One request: `template` is the spec path it exercises (None for a path outside the spec)."""

    method: str
    template: str | None
    path_params: dict[str, str] = field(default_factory=dict)
    query: list[tuple[str, str]] = field(default_factory=list)
    expect: int = 200
    bad: tuple[str, ...] = ()  # parameters a 400 must name in invalid_params
    raw_path: str | None = None  # for paths outside the spec
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None

    @property
    def path(self) -> str:
        if self.raw_path is not None:
            path = self.raw_path
        else:
            path = self.template or "/"
            for name, value in self.path_params.items():
                path = path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
        if self.query:
            path += "?" + urllib.parse.urlencode(self.query, quote_via=urllib.parse.quote)
        return path

    @property
    def label(self) -> str:
        extra = "".join(f" [{name}: {mask(name, value)}]" for name, value in self.headers.items())
        if self.body is not None:
            extra += f" [body: {len(self.body)} bytes]"
        return f"{self.method} {self.path}{extra}"


ADMIN_TOKEN: str | None = None  # --admin-token: masked in the output


def mask(name: str, value: str) -> str:
    return value.replace(ADMIN_TOKEN, "<token>") if ADMIN_TOKEN and name.lower() == "authorization" else value


def q(**params) -> list[tuple[str, str]]:
    """Query pairs from keyword arguments; a list value repeats the parameter."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return pairs


def requests_to_send() -> list[Req]:
    R = Req
    reqs: list[Req] = []

    # Service endpoints.
    for path in ("/", "/healthz", "/meta"):
        reqs += [
            R("GET", path),
            R("GET", path, query=q(pretty="true")),
            R("GET", path, query=q(pretty="false")),
            R("GET", path, query=q(pretty="maybe"), expect=400, bad=("pretty",)),
            R("GET", path, query=q(verbose="1"), expect=400, bad=("verbose",)),
        ]
    reqs += [
        R("GET", "/openapi.yaml"),
        R("GET", "/openapi.yaml", query=q(format="json"), expect=400, bad=("format",)),
        R("GET", "/metrics"),
        R("GET", "/openapi.yaml", query=q(pretty="true")),
        R("GET", "/metrics", query=q(pretty="false")),
        R("GET", "/metrics", query=q(name="http_requests_total"), expect=400, bad=("name",)),
    ]

    # Article lists: /articles and /entities/{key}/articles share every filter.
    for template, key in (("/articles", {}), ("/entities/{key}/articles", {"key": "Vietnam"})):
        A = lambda expect=200, bad=(), **params: R("GET", template, key, q(**params), expect, bad)  # noqa: E731
        reqs += [
            A(),
            A(limit=2),
            A(limit=2, offset=2),
            A(limit=100, offset=0),
            A(limit=1, offset=2147483647),
            A(q="tariff wars", limit=3),
            A(q='"state visit" -steel', sort="relevance"),
            A(q="Vietnam", sort="relevance", limit=2, pretty="true"),
            A(entity="Vietnam"),
            A(entity=["china", "U.S."]),
            A(source="cnews-live"),
            A(source=["cnews-live", "unknown"]),
            A(kind="article"),
            A(kind="brief"),
            A(**{"from": "2025-04-01", "to": "2025-04-30"}),
            A(**{"from": "2025-04-14T09:30:00Z", "to": "2025-04-15T23:00:00+07:00"}),
            A(sort="published_at"),
            A(sort="-published_at", limit=3, offset=1),
            A(pretty="true", limit=1),
            A(pretty="false", limit=1),
            A(facets="entity,source"),
            A(facets="kind,entity_type,month", facet_limit=1),
            A(q="tariffs", facets="entity", facet_limit=100, limit=1),
            A(400, ("facets",), facets="colour"),
            A(400, ("facets",), facets="entity, source"),
            A(400, ("facet_limit",), facets="kind", facet_limit=0),
            A(400, ("facet_limit",), facet_limit=101),
            A(q="Vietnam", entity="china", source="cnews-live", kind="article",
              **{"from": "2025-04-01", "to": "2025-04-30"}, sort="published_at", limit=5, offset=0, pretty="false"),
            # bad ones
            A(400, ("colour",), colour="red"),
            A(400, ("limit",), limit=0),
            A(400, ("limit",), limit=101),
            A(400, ("limit",), limit="ten"),
            A(400, ("limit",), limit=[1, 2]),
            A(400, ("offset",), offset=-1),
            A(400, ("from",), **{"from": "2025-04-30", "to": "2025-04-01"}),
            A(400, ("from",), **{"from": "2025-02-30"}),
            A(400, ("to",), to="yesterday"),
            A(400, ("from",), **{"from": "2025-04-14T25:00:00Z"}),
            A(400, ("kind",), kind="column"),
            A(400, ("sort",), sort="title"),
            A(400, ("sort",), sort="relevance"),
            A(400, ("q",), q=""),
            A(400, ("q",), q="-tariff"),
            A(400, ("entity",), entity="Atlantis"),
            A(400, ("entity",), entity=""),
            A(400, ("source",), source="nowhere-news"),
            A(400, ("pretty",), pretty="maybe"),
            A(400, ("kind", "limit", "colour"), kind="column", limit=0, colour="red"),
        ]
    reqs.append(R("GET", "/entities/{key}/articles", {"key": "Atlantis"}, expect=404))

    # One article.
    reqs += [
        R("GET", "/articles/{id}", {"id": ARTICLE_ID}),
        R("GET", "/articles/{id}", {"id": ARTICLE_ID}, q(pretty="true")),
        R("GET", "/articles/{id}", {"id": "0000000000000000"}, expect=404),
        R("GET", "/articles/{id}", {"id": ARTICLE_ID}, q(fields="title"), expect=400, bad=("fields",)),
        R("GET", "/articles/{id}", {"id": ARTICLE_ID}, q(pretty="maybe"), expect=400, bad=("pretty",)),
    ]

    # Entities.
    E = lambda expect=200, bad=(), **params: R("GET", "/entities", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        E(),
        E(limit=5),
        E(limit=5, offset=5),
        E(limit=100),
        E(type="country"),
        E(type=["person", "company"]),
        E(q="viet"),
        E(q="U.S."),
        E(sort="name", limit=3),
        E(sort="-article_count"),
        E(pretty="true", limit=2),
        E(type="place", q="a", sort="name", limit=2, offset=0, pretty="false"),
        E(400, ("type",), type="planet"),
        E(400, ("sort",), sort="-name"),
        E(400, ("q",), q=""),
        E(400, ("limit",), limit=0),
        E(400, ("limit",), limit=101),
        E(400, ("offset",), offset="x"),
        E(400, ("kind",), kind="country"),
    ]
    for key in ("vietnam", "Vietnam", "VIETNAM", "Viet Nam", "U.S.", "US", "United States", "united-states", "Xi Jinping"):
        reqs.append(R("GET", "/entities/{key}", {"key": key}))
    reqs += [
        R("GET", "/entities/{key}", {"key": "vietnam"}, q(pretty="true")),
        R("GET", "/entities/{key}", {"key": "Vietnan"}, expect=404),
        R("GET", "/entities/{key}", {"key": "Atlantis"}, expect=404),
        R("GET", "/entities/{key}", {"key": "vietnam"}, q(expand="all"), expect=400, bad=("expand",)),
    ]

    # Trade measures.
    T = lambda expect=200, bad=(), **params: R("GET", "/trade-measures", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        T(),
        T(limit=3),
        T(limit=3, offset=3),
        T(implementing="United States"),
        T(implementing=["US", "united-states"]),
        T(affected="china"),
        T(implementing="US", affected="China"),
        T(measure_type="tariff"),
        T(measure_type=["tariff", "export_control"]),
        T(status="in_force"),
        T(status=["announced", "proposed"]),
        T(in_force_on="2025-04-14"),
        T(**{"from": "2025-04-01", "to": "2025-04-30"}),
        T(**{"from": "2025-04-10T00:00:00Z"}),
        T(sort="date_announced"),
        T(sort="-date_announced", limit=2),
        T(pretty="true", limit=1),
        T(implementing="US", affected="china", measure_type="tariff", status="in_force", in_force_on="2025-04-30",
          **{"from": "2025-01-01", "to": "2025-12-31"}, sort="date_announced", limit=10, offset=0, pretty="false"),
        T(measure_type=["technical_barrier_to_trade", "quota"]),
        T(affected=["malaysia", "vietnam"], match="any"),
        T(affected=["malaysia", "vietnam"], affected_match="any"),
        T(implementing=["china", "vietnam"], implementing_match="all", match="any"),
        T(evaluation="liberalising"),
        T(evaluation=["restrictive", "mixed"]),
        T(q="steel"),
        T(q="H20 chips"),
        T(announced_from="2025-04-10", announced_to="2025-04-14"),
        T(in_force_from="2025-04-09", in_force_to="2025-04-10"),
        T(removed_from="2025-01-01", removed_to="2025-12-31"),
        T(facets="measure_type,status,evaluation,implementing,affected", facet_limit=3),
        T(facets="affected"),
        T(400, ("measure_type",), measure_type="quotas"),
        T(400, ("evaluation",), evaluation="neutral"),
        T(400, ("match",), match="some"),
        T(400, ("implementing_match",), implementing_match="every"),
        T(400, ("affected_match",), affected_match=""),
        T(400, ("q",), q="!!"),
        T(400, ("announced_from",), announced_from="2025-05-01", announced_to="2025-04-01"),
        T(400, ("in_force_to",), in_force_to="soon"),
        T(400, ("removed_from",), removed_from="2025-02-30"),
        T(400, ("facets",), facets="kind"),
        T(400, ("facet_limit",), facet_limit=0),
        T(400, ("status",), status="repealed"),
        T(400, ("in_force_on",), in_force_on="2025-13-01"),
        T(400, ("implementing",), implementing="Atlantis"),
        T(400, ("affected",), affected=""),
        T(400, ("from",), **{"from": "2025-05-01", "to": "2025-04-01"}),
        T(400, ("to",), to="2025/04/30"),
        T(400, ("sort",), sort="title"),
        T(400, ("limit",), limit=101),
        T(400, ("entity",), entity="china"),
    ]
    F = lambda expect=200, bad=(), **params: R("GET", "/trade-measures/flows", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        F(),
        F(limit=2, offset=1),
        F(implementing="United States", evaluation="restrictive"),
        F(affected=["malaysia", "cambodia"], match="any"),
        F(implementing=["china", "vietnam"], implementing_match="any", affected="china", affected_match="all"),
        F(measure_type="tariff", status=["in_force", "announced"], q="tariff"),
        F(in_force_on="2025-04-30", **{"from": "2025-04-01", "to": "2025-04-30"}),
        F(announced_from="2025-04-01", announced_to="2025-04-30", in_force_from="2025-04-01", in_force_to="2025-04-30"),
        F(removed_from="2025-01-01", removed_to="2025-12-31"),
        F(pretty="true"),
        F(format="ndjson"),
        F(400, ("evaluation",), evaluation="good"),
        F(400, ("sort",), sort="measures"),
        F(400, ("limit",), limit=0),
    ]
    reqs += [
        R("GET", "/trade-measures/{id}", {"id": MEASURE_ID}),
        R("GET", "/trade-measures/{id}", {"id": MEASURE_ID}, q(pretty="true")),
        R("GET", "/trade-measures/{id}", {"id": "no-such-measure"}, expect=404),
        R("GET", "/trade-measures/{id}", {"id": MEASURE_ID}, q(sources="0"), expect=400, bad=("sources",)),
    ]

    # Timeline.
    L = lambda expect=200, bad=(), **params: R("GET", "/timeline", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        L(),
        L(limit=3),
        L(limit=3, offset=3),
        L(limit=100),
        L(entity="vietnam"),
        L(entity=["china", "United States"]),
        L(measure_type="tariff"),
        L(measure_type=["tariff", "export_control"]),
        L(event="article_published"),
        L(event=["measure_announced", "measure_in_force", "measure_removed"]),
        L(**{"from": "2025-04-10", "to": "2025-04-20"}),
        L(interval="day"),
        L(interval="week", limit=2),
        L(interval="month"),
        L(interval="day", limit=1000),
        L(interval="day", **{"from": "2025-04-01", "to": "2025-04-30"}, limit=10, offset=10),
        L(sort="-date"),
        L(sort="date", limit=2, offset=1),
        L(pretty="true", limit=1),
        L(entity="china", measure_type="tariff", event=["article_published", "measure_announced"],
          **{"from": "2025-04-01", "to": "2025-04-30"}, interval="week", sort="-date", limit=50, offset=0,
          pretty="false"),
        L(400, ("interval",), interval="year"),
        L(400, ("event",), event="article_updated"),
        L(q="steel", interval="month"),
        L(q="tariffs", entity="vietnam", source="unknown", kind="article"),
        L(implementing="United States", affected=["china", "vietnam"], match="any", interval="month"),
        L(implementing=["china", "vietnam"], implementing_match="all", affected="china", affected_match="any"),
        L(status=["in_force", "suspended"], evaluation="restrictive", interval="week"),
        L(in_force_on="2025-04-30", interval="month"),
        L(announced_from="2025-04-01", announced_to="2025-04-30", in_force_from="2025-04-01", in_force_to="2025-04-30",
          removed_from="2025-01-01", removed_to="2025-12-31"),
        L(event=["measure_suspended", "claim_disputed"]),
        L(400, ("measure_type",), measure_type="quotas"),
        L(400, ("q",), q="-tariff"),
        L(400, ("source",), source="nowhere-news"),
        L(400, ("kind",), kind="column"),
        L(400, ("evaluation",), evaluation="neutral"),
        L(400, ("match",), match="most"),
        L(400, ("entity",), entity="Atlantis"),
        L(400, ("limit",), limit=101),
        L(400, ("limit",), interval="day", limit=1001),
        L(400, ("limit",), limit=0),
        L(400, ("sort",), sort="date_announced"),
        L(400, ("from",), **{"from": "2025-04-30", "to": "2025-04-01"}),
        L(400, ("to",), to="April"),
        L(400, ("facets",), facets="kind"),
    ]

    # The co-mention graph.
    G = lambda expect=200, bad=(), **params: R("GET", "/graph", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        G(),
        G(entity_type="country"),
        G(entity_type=["person", "organization"], limit=5),
        G(entity="vietnam", limit=100),
        G(q="tariffs", source="unknown", kind="article", **{"from": "2025-04-01", "to": "2025-04-30"}),
        G(pretty="true", limit=1),
        G(400, ("entity_type",), entity_type="planet"),
        G(400, ("limit",), limit=0),
        G(400, ("limit",), limit=101),
        G(400, ("entity",), entity="Atlantis"),
        G(400, ("offset",), offset=1),
    ]

    # Claims and sources.
    C = lambda expect=200, bad=(), **params: R("GET", "/claims", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        C(),
        C(entity="vietnam"),
        C(entity=["china", "Xi Jinping"]),
        C(article=ARTICLE_ID),
        C(article=[ARTICLE_ID, "f82d3cef4f15fde1"]),
        C(q="railway loans"),
        C(limit=1, offset=1),
        C(pretty="true"),
        C(format="ndjson"),
        C(400, ("entity",), entity="Atlantis"),
        C(400, ("article",), article="0000000000000000"),
        C(400, ("q",), q="..."),
        C(400, ("limit",), limit=0),
        C(400, ("topic",), topic="x"),
        R("GET", "/claims/{id}", {"id": "railway-loans"}),
        R("GET", "/claims/{id}", {"id": "agreements-signed-during-visit"}, q(pretty="true")),
        R("GET", "/claims/{id}", {"id": "no-such-claim"}, expect=404),
        R("GET", "/claims/{id}", {"id": "railway-loans"}, q(versions="1"), expect=400, bad=("versions",)),
    ]
    S = lambda expect=200, bad=(), **params: R("GET", "/sources", {}, q(**params), expect, bad)  # noqa: E731
    reqs += [
        S(),
        S(limit=1, offset=1),
        S(pretty="true"),
        S(format="ndjson"),
        S(400, ("limit",), limit=101),
        S(400, ("q",), q="cnews"),
        R("GET", "/sources/{id}", {"id": "cnews-live"}),
        R("GET", "/sources/{id}", {"id": "unknown"}, q(pretty="true")),
        R("GET", "/sources/{id}", {"id": "no-such-source"}, expect=404),
        R("GET", "/sources/{id}", {"id": "cnews-live"}, q(expand="articles"), expect=400, bad=("expand",)),
    ]

    # A NUL byte (%00) is part of the value: it must not cut it short.
    reqs += [
        R("GET", "/entities/{key}", {"key": "china\x00garbage"}, expect=404),
        R("GET", "/articles/{id}", {"id": ARTICLE_ID + "\x00x"}, expect=404),
        R("GET", "/trade-measures/{id}", {"id": MEASURE_ID + "\x00x"}, expect=404),
        R("GET", "/articles", query=q(entity="china\x00garbage"), expect=400, bad=("entity",)),
        R("GET", "/articles", query=q(limit="5\x00"), expect=400, bad=("limit",)),
    ]

    # NDJSON exports of every list (format=ndjson, or Accept: application/x-ndjson).
    nd = {"Accept": "application/x-ndjson"}
    reqs += [
        R("GET", "/articles", query=q(format="ndjson")),
        R("GET", "/articles", query=q(format="ndjson", kind="brief", sort="published_at")),
        R("GET", "/articles", query=q(format="ndjson", limit=2, offset=1)),  # limit and offset do not apply
        R("GET", "/articles", query=q(format="json", limit=2)),
        R("GET", "/articles", query=q(q="tariff"), headers=nd),
        R("GET", "/articles", query=q(format="csv"), expect=400, bad=("format",)),
        R("GET", "/entities/{key}/articles", {"key": "china"}, q(format="ndjson")),
        R("GET", "/entities/{key}/articles", {"key": "china"}, q(format="json")),
        R("GET", "/entities/{key}/articles", {"key": "china"}, q(format="xml"), expect=400, bad=("format",)),
        R("GET", "/entities", query=q(format="ndjson")),
        R("GET", "/entities", query=q(format="ndjson", type="country")),
        R("GET", "/entities", query=q(format="json")),
        R("GET", "/entities", headers=nd),
        R("GET", "/entities", query=q(format="NDJSON"), expect=400, bad=("format",)),
        R("GET", "/trade-measures", query=q(format="ndjson")),
        R("GET", "/trade-measures", query=q(format="ndjson", affected="china")),
        R("GET", "/trade-measures", query=q(format="json")),
        R("GET", "/trade-measures", query=q(format=""), expect=400, bad=("format",)),
        R("GET", "/timeline", query=q(format="ndjson")),
        R("GET", "/timeline", query=q(format="ndjson", interval="week")),
        R("GET", "/timeline", query=q(format="json", interval="month")),
        R("GET", "/timeline", query=q(event="measure_announced"), headers=nd),
        R("GET", "/timeline", query=q(format="csv"), expect=400, bad=("format",)),
    ]

    # HTTP behaviour the spec gives in prose (info.description): gzip, HEAD, OPTIONS and CORS
    # preflight, 405 for other methods, bodies refused. Conditional requests (304) are made from the
    # ETags of the 200s above, see Checker.check_conditional.
    for template, params in PATHS:
        reqs.append(R("HEAD", template, params, q(limit=1) if template in LISTS else []))
        reqs.append(R("OPTIONS", template, params, expect=204))
        reqs.append(R("OPTIONS", template, params, expect=204,
                      headers={"Origin": "http://example.com", "Access-Control-Request-Method": "GET"}))
        reqs.append(R("POST", template, params, expect=405))
    for method in ("PUT", "DELETE", "PATCH"):
        reqs.append(R(method, "/articles/{id}", {"id": ARTICLE_ID}, expect=405))
    gz = {"Accept-Encoding": "gzip"}
    reqs += [
        R("GET", "/articles", query=q(limit=5), headers=gz),
        R("GET", "/entities/{key}", {"key": "vietnam"}, headers=gz),
        R("GET", "/timeline", query=q(interval="day"), headers={"Accept-Encoding": "br;q=1.0, gzip;q=0.5"}),
        R("GET", "/openapi.yaml", headers=gz),
        R("GET", "/healthz", headers=gz),  # under 1 KB: sent as is
        R("GET", "/articles", query=q(limit=5), headers={"Accept-Encoding": "gzip;q=0"}),
        R("GET", "/articles", query=q(limit=5), headers={"Accept-Encoding": "identity"}),
        R("GET", "/articles", query=q(limit=1), body=b"{}", expect=400),
        R("HEAD", "/articles", query=q(limit=1), body=b"{}", expect=400),
        R("POST", "/articles", body=b'{"title": "x"}', expect=413),
        R("GET", None, raw_path="/no-such-resource", expect=404),
    ]
    return reqs


ADMIN_PATH = "/admin/reload"

PATHS = (("/", {}), ("/healthz", {}), ("/openapi.yaml", {}), ("/metrics", {}), ("/meta", {}), ("/articles", {}),
         ("/articles/{id}", {"id": ARTICLE_ID}), ("/entities", {}), ("/entities/{key}", {"key": "vietnam"}),
         ("/entities/{key}/articles", {"key": "vietnam"}), ("/trade-measures", {}),
         ("/trade-measures/{id}", {"id": MEASURE_ID}), ("/timeline", {}))


LISTS = {"/articles", "/entities", "/entities/{key}/articles", "/trade-measures", "/timeline"}


# --------------------------------------------------------------------------------------------------
# The spec


class Spec:
    def __init__(self, path: str):
        with open(path, encoding="utf-8") as handle:
            self.doc = yaml.safe_load(handle)
        resource = Resource.from_contents(self.doc, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(SPEC_URI, resource)
        self._validators: dict[str, object] = {}

    def resolve(self, node, pointer: str):
        """Follows local `$ref`s; returns the node and its JSON pointer."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            pointer = node["$ref"][1:]
            if pointer in seen:
                raise ValueError(f"$ref loop at {pointer}")
            seen.add(pointer)
            node = self.doc
            for part in pointer.lstrip("/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def operation(self, template: str | None, method: str):
        if template is None:
            return None, None
        item = self.doc.get("paths", {}).get(template)
        if not isinstance(item, dict) or method.lower() not in item:
            return None, None
        return item[method.lower()], f"/paths/{escape(template)}/{method.lower()}"

    def parameters(self, template: str, method: str) -> dict[tuple[str, str], dict]:
        op, pointer = self.operation(template, method)
        result = {}
        item = self.doc["paths"][template]
        for raw in list(item.get("parameters", [])) + list(op.get("parameters", [])):
            param, _ = self.resolve(raw, pointer)
            result[(param["in"], param["name"])] = param
        return result

    def responses(self, template: str | None, method: str) -> dict[str, tuple[dict, str]]:
        op, pointer = self.operation(template, method)
        if op is None:
            return {}
        out = {}
        for status, raw in op.get("responses", {}).items():
            out[str(status)] = self.resolve(raw, f"{pointer}/responses/{escape(str(status))}")
        return out

    def validator(self, pointer: str):
        if pointer not in self._validators:
            self._validators[pointer] = SchemaValidator(
                {"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry,
                format_checker=SchemaValidator.FORMAT_CHECKER)
        return self._validators[pointer]

    def is_string(self, pointer: str) -> bool:
        """Whether the schema at pointer (after $refs) is `type: string`."""
        node = self.doc
        for part in pointer.lstrip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        node, _ = self.resolve(node, pointer)
        return isinstance(node, dict) and node.get("type") == "string"

    def validator_for(self, name: str):
        return self.validator(f"/components/schemas/{name}")


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


# --------------------------------------------------------------------------------------------------
# Sending and checking


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failed_by_check: dict[str, int] = {}

    def check(self, ok: bool, label: str, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"ok    {label}  {what}")
        else:
            self.failed += 1
            self.failed_by_check[what] = self.failed_by_check.get(what, 0) + 1
            print(f"FAIL  {label}  {what}: {detail}")
        return ok

    def tally(self) -> None:
        """The failed checks grouped by what they check, most frequent first."""
        if self.failed:
            print("failed checks by kind:")
            for what, count in sorted(self.failed_by_check.items(), key=lambda item: (-item[1], item[0])):
                print(f"  {count:4d}  {what}")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes  # as received
    body: bytes  # decoded from Content-Encoding: gzip
    decode_error: str | None = None

    def header(self, name: str) -> str | None:
        values = self.headers.get_all(name)
        return ", ".join(values) if values else None

    @property
    def media_type(self) -> str | None:
        value = self.header("Content-Type")
        return value.split(";")[0].strip().lower() if value else None


def send(base: urllib.parse.SplitResult, req: Req, timeout: float, extra: dict[str, str] | None = None) -> Response:
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)
    try:
        headers = {"Accept": "application/json, application/problem+json, */*", **req.headers, **(extra or {})}
        conn.request(req.method, req.path, body=req.body, headers=headers)
        answer = conn.getresponse()
        raw = answer.read()
    finally:
        conn.close()
    body, error = raw, None
    if (answer.headers.get("Content-Encoding") or "").strip().lower() == "gzip" and raw:
        try:
            body = gzip.decompress(raw)
        except (OSError, EOFError) as problem:
            error = f"not valid gzip: {problem}"
    return Response(answer.status, answer.headers, raw, body, error)


def short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_errors(validator, instance) -> list[str]:
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    out = []
    for error in errors[:3]:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        out.append(f"at {where}: {short(error.message, 200)}")
    if len(errors) > 3:
        out.append(f"... {len(errors) - 3} more")
    return out


def parse_link(value: str | None) -> dict[str, str]:
    links = {}
    for match in re.finditer(r'<([^>]*)>\s*((?:;\s*[^;,]+)*)', value or ""):
        target, params = match.group(1), match.group(2)
        rel = re.search(r'rel\s*=\s*"?([^";,]+)"?', params)
        if rel:
            for name in rel.group(1).split():
                links[name] = target
    return links


def methods(value: str | None) -> list[str]:
    return [m.strip().upper() for m in (value or "").split(",") if m.strip()]


STRONG_ETAG = re.compile(r'^"[\x21\x23-\x7e\x80-\xff]*"$')
CACHE_CONTROL = re.compile(r"^public, max-age=\d+$")


class Checker:
    def __init__(self, spec: Spec, base: str, timeout: float, admin_token: str | None = None,
                 reload_data_dir: str | None = None):
        self.spec = spec
        self.admin_token = admin_token
        self.reload_data_dir = reload_data_dir
        self.base = urllib.parse.urlsplit(base)
        self.timeout = timeout
        self.report = Report()
        self.gets: dict[str, Response] = {}  # plain GETs (no extra headers) by path
        self.first_ok: dict[str, Req] = {}  # per template, the first plain GET answered 200
        self.extra: list[Req] = []  # requests made by the checks themselves (for coverage)

    def fetch(self, req: Req, extra: dict[str, str] | None = None) -> Response | None:
        try:
            return send(self.base, req, self.timeout, extra)
        except (OSError, http.client.HTTPException) as error:
            self.report.check(False, req.label, "request", f"{type(error).__name__}: {error}")
            return None

    def plain_get(self, req: Req) -> Response | None:
        """The GET answer for req's path, without extra headers (cached)."""
        if req.path not in self.gets:
            resp = self.fetch(Req("GET", req.template, req.path_params, req.query, raw_path=req.raw_path))
            if resp is None:
                return None
            self.gets[req.path] = resp
        return self.gets[req.path]

    def run(self, reqs: list[Req]) -> None:
        for req in reqs:
            if req.method == "GET" and req.body is None:
                self.guarded(req, self.check_get)
        self.guarded(Req("GET", None, raw_path="(conditional requests)"), lambda _: self.check_conditional())
        for req in reqs:
            if req.body is not None:
                self.guarded(req, self.check_with_body)
            elif req.method == "HEAD":
                self.guarded(req, self.check_head)
            elif req.method == "OPTIONS":
                self.guarded(req, self.check_options)
            elif req.method != "GET":
                self.guarded(req, self.check_wrong_method)
        if ADMIN_PATH in self.spec.doc.get("paths", {}):
            self.guarded(Req("POST", ADMIN_PATH), lambda _: self.check_admin())
        self.check_coverage(reqs + self.extra)

    def guarded(self, req: Req, checks) -> None:
        """Runs one request's checks; a bug in them (or a response they cannot take) is one failed check."""
        try:
            checks(req)
        except Exception as error:  # noqa: BLE001
            self.report.check(False, req.label, "checks ran", f"{type(error).__name__}: {error}")

    # -- headers every response carries (info.description) ------------------------------------------

    def check_common_headers(self, req: Req, resp: Response) -> None:
        check, label = self.report.check, req.label
        check(resp.header("X-Content-Type-Options") == "nosniff", label, "X-Content-Type-Options: nosniff",
              f"got {resp.header('X-Content-Type-Options')!r}")
        check(resp.header("Access-Control-Allow-Origin") == "*", label, "Access-Control-Allow-Origin: *",
              f"got {resp.header('Access-Control-Allow-Origin')!r}")

    def check_validators(self, req: Req, resp: Response) -> None:
        """Every 200 carries a strong ETag, Last-Modified and Cache-Control."""
        check, label = self.report.check, req.label
        etag = resp.header("ETag")
        check(etag is not None and STRONG_ETAG.match(etag) is not None, label, "strong ETag", f"got {etag!r}")
        modified = resp.header("Last-Modified")
        valid_date = False
        if modified:
            try:
                valid_date = email.utils.parsedate_to_datetime(modified) is not None and modified.endswith(" GMT")
            except (TypeError, ValueError):
                valid_date = False
        check(valid_date, label, "Last-Modified (an HTTP date)", f"got {modified!r}")
        check(CACHE_CONTROL.match(resp.header("Cache-Control") or "") is not None, label,
              "Cache-Control: public, max-age=N", f"got {resp.header('Cache-Control')!r}")
        gzipped = (resp.header("Content-Encoding") or "").lower() == "gzip"
        if len(resp.body) > 1024 or gzipped:
            check("accept-encoding" in (resp.header("Vary") or "").lower(), label,
                  "Vary: Accept-Encoding (body over 1 KB)", f"Vary: {resp.header('Vary')!r}")
        accepts = accepts_gzip(req.headers.get("Accept-Encoding"))
        if resp.status == 200:
            want = accepts and len(resp.body) > 1024
            check(gzipped == want, label, "gzipped" if want else "not gzipped",
                  f"Content-Encoding: {resp.header('Content-Encoding')!r}, body {len(resp.body)} bytes, "
                  f"Accept-Encoding: {req.headers.get('Accept-Encoding')!r}")
            if gzipped:
                check(resp.decode_error is None, label, "gzip body decodes", resp.decode_error or "")
                plain = self.plain_get(req)
                if plain is not None and plain.status == 200:
                    check(plain.body == resp.body, label, "gzip body = the identity body", "they differ")
                    check(plain.header("ETag") != etag, label, "gzip body has its own ETag",
                          f"both {etag!r}")

    # -- GET: everything the spec documents -----------------------------------------------------------

    def check_get(self, req: Req) -> None:
        check, label = self.report.check, req.label
        resp = self.fetch(req)
        if resp is None:
            return
        if not req.headers:
            self.gets.setdefault(req.path, resp)
        self.check_common_headers(req, resp)
        op, _ = self.spec.operation(req.template, "GET")
        if op is None:  # a path outside the spec: the API promises a problem document
            check(resp.status == req.expect, label, f"status {req.expect}", f"got {resp.status}")
            self.check_problem(req, resp)
            return
        if resp.status == 200 and not req.headers and req.template not in self.first_ok:
            self.first_ok[req.template] = req
        self.check_documented(req, resp, "GET")

    def check_documented(self, req: Req, resp: Response, method: str) -> None:
        """Status documented, media type, schema, documented headers."""
        check, label = self.report.check, req.label
        documented = self.spec.responses(req.template, method)
        status = str(resp.status)
        if not check(resp.status == req.expect, label, f"status {req.expect}",
                     f"got {resp.status}: {short(resp.body.decode('utf-8', 'replace'))}"):
            if status not in documented:
                check(False, label, "status documented", f"{resp.status} is not among {sorted(documented)}")
                return
        else:
            if not check(status in documented, label, f"status {status} documented",
                         f"the operation documents only {sorted(documented)}"):
                return
        response, pointer = documented[status]
        if resp.status == 200:
            # NDJSON exports are streamed with no validators (info.description says so).
            export = (resp.header("Content-Type") or "").startswith("application/x-ndjson")
            if "ETag" in (response.get("headers") or {}) and not export:
                self.check_validators(req, resp)
            if "no-store" in (self.spec.operation(req.template, method)[0].get("description") or ""):
                check(resp.header("Cache-Control") == "no-store", label, "Cache-Control: no-store",
                      f"got {resp.header('Cache-Control')!r}")
        content = response.get("content") or {}
        if not content:
            check(resp.raw == b"", label, "no body", f"{len(resp.raw)} bytes")
            self.check_headers(req, resp, response, pointer, None)
            return
        media = resp.media_type
        if not check(media in content, label, f"Content-Type {media}",
                     f"documented: {sorted(content)}; got {resp.header('Content-Type')!r}"):
            return
        if resp.decode_error:
            check(False, label, "body decodes", resp.decode_error)
            return
        schema_pointer = f"{pointer}/content/{escape(media)}/schema"
        if media == "application/x-ndjson":
            self.check_ndjson(req, resp, response, pointer, content)
        elif media.endswith("json"):
            charset = re.search(r"charset=([^;\s]+)", resp.header("Content-Type") or "", re.I)
            check(charset is None or charset.group(1).lower() == "utf-8", label, "charset utf-8",
                  f"got {charset.group(1) if charset else None}")
            try:
                body = json.loads(resp.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                check(False, label, "JSON body", str(error))
                return
            if "schema" in content[media]:
                errors = schema_errors(self.spec.validator(schema_pointer), body)
                check(not errors, label, f"body matches {schema_name(content[media]['schema'])}", "; ".join(errors))
            self.check_headers(req, resp, response, pointer, body)
            if media == "application/problem+json":
                self.check_problem_fields(req, resp, body)
            elif isinstance(body, dict) and not req.headers and resp.status == req.expect:
                self.check_semantics(req, resp, body)
        else:
            # /openapi.yaml, /metrics: a string schema describes the text; any other, the parsed YAML.
            text = resp.body.decode("utf-8", "replace")
            if "schema" in content[media]:
                instance = text
                if media == "application/yaml" and not self.spec.is_string(schema_pointer):
                    try:
                        instance = yaml.safe_load(text)
                    except yaml.YAMLError as error:
                        instance = f"(not YAML: {error})"
                errors = schema_errors(self.spec.validator(schema_pointer), instance)
                check(not errors, label, "body matches its schema", "; ".join(errors))
            self.check_headers(req, resp, response, pointer, None)
            if media == "text/plain":
                version = re.search(r'^news_api_dataset_info\{version="([^"]+)"\} 1(\.0)?$', text, re.M)
                check(version is not None, label, "Prometheus text with news_api_dataset_info",
                      short(text, 200))
                return
            if media != "application/yaml":
                return
            try:
                served = yaml.safe_load(text)
            except yaml.YAMLError as error:
                check(False, label, "body is YAML", short(str(error)))
                return
            check(served == self.spec.doc, label, "body is this openapi.yaml", "the served document differs")

    def check_ndjson(self, req: Req, resp: Response, response: dict, pointer: str, content: dict) -> None:
        """An export: one item per line, each valid as an item of the JSON list; X-Total-Count lines."""
        check, label = self.report.check, req.label
        text = resp.body.decode("utf-8", "replace")
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            try:
                items.append(json.loads(line))
            except ValueError as error:
                check(False, label, "every line is JSON", f"line {number}: {error}")
                return
        if "schema" in content["application/x-ndjson"]:
            # A string schema describes the text; any other, the parsed lines (as OpenAPI 3.2 has it).
            schema_pointer = f"{pointer}/content/application~1x-ndjson/schema"
            instance = text if self.spec.is_string(schema_pointer) else items
            errors = schema_errors(self.spec.validator(schema_pointer), instance)
            check(not errors, label, "body matches its schema", "; ".join(errors))
        check(all(isinstance(item, dict) for item in items), label, "every line is a JSON object", "not all")
        if "application/json" in content:
            # Each line must be what the JSON list has in `items`: validate them as such a list.
            envelope = {"items": items, "total": len(items), "limit": max(1, len(items)), "offset": 0, "query": {},
                        "next": None, "prev": None}
            errors = schema_errors(self.spec.validator(f"{pointer}/content/application~1json/schema"), envelope)
            check(not errors, label, "every line matches an item of the JSON list",
                  "; ".join(e.replace("at /items/", "at line index ") for e in errors))
        count = resp.header("X-Total-Count")
        check(count == str(len(items)), label, "X-Total-Count = lines", f"X-Total-Count {count!r}, {len(items)} lines")
        # The same filters as JSON (limit and offset do not apply to an export): the same total.
        query = [(k, v) for k, v in req.query if k not in ("format", "limit", "offset", "pretty")]
        listed = self.fetch(Req("GET", req.template, req.path_params, query + [("limit", "100")]))
        if listed is not None and listed.status == 200:
            try:
                total = json.loads(listed.body).get("total")
            except ValueError:
                total = None
            check(total == len(items), label, "as many lines as the JSON list's total",
                  f"{len(items)} lines, total {total}")
        self.check_headers(req, resp, response, pointer, None)

    def check_headers(self, req: Req, resp: Response, response: dict, pointer: str, body) -> None:
        check, label = self.report.check, req.label
        for name, raw in (response.get("headers") or {}).items():
            header, header_pointer = self.spec.resolve(raw, f"{pointer}/headers/{escape(name)}")
            value = resp.header(name)
            if header.get("required") and value is None:
                check(False, label, f"{name} header", "required but missing")
                continue
            if value is not None and "schema" in header:
                # Header values are text; an integer-typed header is checked as the number it spells.
                if header["schema"].get("type") == "integer" and value.isdigit():
                    value = int(value)
                errors = schema_errors(self.spec.validator(f"{header_pointer}/schema"), value)
                check(not errors, label, f"{name} header matches its schema", "; ".join(errors))
            if name.lower() == "link" and isinstance(body, dict) and ("next" in body or "prev" in body):
                links = parse_link(value)
                expected = {rel: body[rel] for rel in ("next", "prev") if body.get(rel)}
                got = {rel: links.get(rel) for rel in ("next", "prev") if rel in links}
                check(got == expected, label, f"Link header {describe_links(expected)}",
                      f"body has {expected}, Link: {value!r}")

    def check_semantics(self, req: Req, resp: Response, body: dict) -> None:
        """What the spec says in prose about 200s: pretty indents; list pages are consistent."""
        check, label = self.report.check, req.label
        pretty = dict(req.query).get("pretty")
        if pretty is not None:
            indented = b"\n  " in resp.body
            want = pretty == "true"
            check(indented == want, label, f"pretty={pretty} {'indents' if want else 'does not indent'} the JSON",
                  f"body is {'indented' if indented else 'on one line'}")
        if req.template == "/meta":
            # Replicas of the same data must send the same bytes and ETag, so /meta holds only what the
            # schema names and nothing per-process (the load time is news_api_corpus_load_seconds in /metrics).
            documented = set(self.spec.doc["components"]["schemas"]["Meta"]["properties"])
            check(set(body) == documented, label, "/meta has exactly the fields the Meta schema names",
                  f"undocumented {sorted(set(body) - documented)}, missing {sorted(documented - set(body))}")
        if req.template == "/entities/{key}" and req.path_params.get("key") == "vietnam":
            codes = body.get("codes")
            check(codes == {"alpha2": "VN", "alpha3": "VNM", "numeric": "704"}, label,
                  "Vietnam carries its ISO 3166-1 codes", f"codes is {codes!r}")
        if req.template == "/articles/{id}":
            for entity in body.get("entities", []):
                names = None
                for offset in entity.get("offsets", []):
                    if names is None:
                        detail = self.fetch(Req("GET", "/entities/{key}", {"key": entity["id"]}))
                        page = json.loads(detail.body) if detail is not None and detail.status == 200 else {}
                        names = [page.get("name")] + page.get("aliases", [])
                    check(offset.get("alias") in names, label, f"{entity['id']}: the matched alias is one of its names",
                          f"alias {offset.get('alias')!r} not in {names!r}")
        if req.template in LISTS and "items" in body:
            limit, offset, total = body.get("limit"), body.get("offset"), body.get("total")
            asked = dict(req.query)
            if "limit" in asked:
                check(limit == int(asked["limit"]), label, "envelope limit as asked", f"limit is {limit}")
            if "offset" in asked:
                check(offset == int(asked["offset"]), label, "envelope offset as asked", f"offset is {offset}")
            if all(isinstance(v, int) for v in (limit, offset, total)):
                expected_len = max(0, min(limit, total - offset))
                check(len(body["items"]) == expected_len, label, f"page holds {expected_len} items",
                      f"{len(body['items'])} items for total={total} limit={limit} offset={offset}")
                check((body.get("next") is not None) == (offset + limit < total), label, "next iff more items",
                      f"next={body.get('next')!r} total={total} limit={limit} offset={offset}")
                check((body.get("prev") is not None) == (offset > 0), label, "prev iff offset > 0",
                      f"prev={body.get('prev')!r} offset={offset}")
            for rel in ("next", "prev"):
                target = body.get(rel)
                if isinstance(target, str) and target not in self.gets:
                    follow = self.fetch(Req("GET", req.template, raw_path=target))
                    if follow is None:
                        continue
                    self.gets[target] = follow
                    ok = follow.status == 200
                    detail = f"got {follow.status}: {short(follow.body.decode('utf-8', 'replace'))}"
                    if ok:
                        try:
                            page = json.loads(follow.body)
                            ok = page.get("limit") == limit and isinstance(page.get("items"), list)
                            detail = f"page has limit={page.get('limit')}"
                        except ValueError as error:
                            ok, detail = False, str(error)
                    check(ok, label, f"{rel} link {target} gives 200 with the same limit", detail)

    # -- 304: If-None-Match / If-Modified-Since ---------------------------------------------------------

    def check_conditional(self) -> None:
        """For each operation, its first 200 asked again with its validators gives 304 (and a stale one 200)."""
        for template, req in self.first_ok.items():
            if "304" not in self.spec.responses(template, "GET"):
                continue
            first = self.gets[req.path]
            etag, modified = first.header("ETag"), first.header("Last-Modified")
            cases = []
            if etag:
                cases.append(({"If-None-Match": etag}, 304))
                cases.append(({"If-None-Match": f'"stale", {etag}'}, 304))
                cases.append(({"If-None-Match": '"stale"'}, 200))
            if modified:
                cases.append(({"If-Modified-Since": modified}, 304))
                cases.append(({"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}, 200))
            else:
                self.report.check(False, req.label, "conditional request with If-Modified-Since",
                                  "cannot be made: the 200 has no Last-Modified")
            for headers, expect in cases:
                conditional = Req("GET", template, req.path_params, req.query, expect=expect, headers=headers)
                self.extra.append(conditional)
                resp = self.fetch(conditional)
                if resp is None:
                    continue
                self.check_common_headers(conditional, resp)
                self.check_documented(conditional, resp, "GET")
                if resp.status == 304 and etag:
                    self.report.check(resp.header("ETag") == etag, conditional.label, "304 repeats the ETag",
                                      f"got {resp.header('ETag')!r}, the 200 had {etag!r}")

    # -- problem documents -----------------------------------------------------------------------------

    def check_problem(self, req: Req, resp: Response) -> dict | None:
        check, label = self.report.check, req.label
        if not check(resp.media_type == "application/problem+json", label, "Content-Type application/problem+json",
                     f"got {resp.header('Content-Type')!r}"):
            return None
        try:
            body = json.loads(resp.body)
        except ValueError as error:
            check(False, label, "JSON body", str(error))
            return None
        errors = schema_errors(self.spec.validator_for("Problem"), body)
        check(not errors, label, "body matches Problem", "; ".join(errors))
        self.check_problem_fields(req, resp, body)
        return body

    def check_problem_fields(self, req: Req, resp: Response, body) -> None:
        check, label = self.report.check, req.label
        if not isinstance(body, dict):
            return
        check(body.get("status") == resp.status, label, "problem status = HTTP status",
              f"status field {body.get('status')!r}")
        if resp.status == 400 and req.bad:
            named = {p.get("name") for p in body.get("invalid_params") or [] if isinstance(p, dict)}
            missing = [name for name in req.bad if name not in named]
            check(not missing, label, f"invalid_params names {', '.join(req.bad)}",
                  f"missing {missing}; invalid_params: {short(json.dumps(body.get('invalid_params')), 200)}")
        if resp.status == 401:
            check((resp.header("WWW-Authenticate") or "").lower().startswith("bearer"), label,
                  "401 has WWW-Authenticate: Bearer", f"got {resp.header('WWW-Authenticate')!r}")
        if resp.status == 404 and req.template in ("/entities/{key}", "/entities/{key}/articles"):
            check(isinstance(body.get("suggestions"), list), label, "404 has suggestions",
                  f"suggestions: {body.get('suggestions')!r}")

    # -- HEAD, OPTIONS, other methods, bodies (info.description) ---------------------------------------

    def spec_methods(self, template: str) -> set[str]:
        item = self.spec.doc["paths"].get(template, {})
        return {m.upper() for m in item if m in METHODS}

    def allowed(self, template: str) -> list[str]:
        """What Allow must list: the spec's methods, and HEAD wherever GET is."""
        spec = self.spec_methods(template)
        return sorted(spec | ({"HEAD"} if "GET" in spec else set()))

    def check_head(self, req: Req) -> None:
        check, label = self.report.check, req.label
        resp = self.fetch(req)
        if resp is None:
            return
        check(resp.status == 200, label, "status 200", f"got {resp.status}")
        check(resp.raw == b"", label, "no body", f"{len(resp.raw)} bytes")
        self.check_common_headers(req, resp)
        get = self.plain_get(req)
        if get is None:
            return
        names = ["Content-Type", "Content-Length", "Link", "ETag", "Last-Modified", "Cache-Control", "Vary"]
        if get.header("Cache-Control") == "no-store":  # e.g. /metrics: a new body every time
            names.remove("Content-Length")
        for name in names:
            check(resp.header(name) == get.header(name), label, f"{name} as for GET",
                  f"HEAD {resp.header(name)!r}, GET {get.header(name)!r}")

    def check_options(self, req: Req) -> None:
        check, label = self.report.check, req.label
        resp = self.fetch(req)
        if resp is None:
            return
        check(resp.status == 204, label, "status 204", f"got {resp.status}")
        check(resp.raw == b"", label, "no body", f"{len(resp.raw)} bytes")
        expected = self.allowed(req.template)
        check(sorted(methods(resp.header("Allow"))) == expected, label, f"Allow: {', '.join(expected)}",
              f"Allow: {resp.header('Allow')!r}")
        self.check_common_headers(req, resp)
        if "Origin" in req.headers:
            check(sorted(methods(resp.header("Access-Control-Allow-Methods"))) == expected, label,
                  "preflight: Access-Control-Allow-Methods", f"got {resp.header('Access-Control-Allow-Methods')!r}")
            check(bool(resp.header("Access-Control-Allow-Headers")), label, "preflight: Access-Control-Allow-Headers",
                  "missing")
            check((resp.header("Access-Control-Max-Age") or "").isdigit(), label, "preflight: Access-Control-Max-Age",
                  f"got {resp.header('Access-Control-Max-Age')!r}")

    def check_wrong_method(self, req: Req) -> None:
        check, label = self.report.check, req.label
        resp = self.fetch(req)
        if resp is None:
            return
        check(resp.status == 405, label, "status 405", f"got {resp.status}")
        expected = self.allowed(req.template) if req.template else ["GET", "HEAD"]
        check(sorted(methods(resp.header("Allow"))) == expected, label, f"Allow: {', '.join(expected)}",
              f"Allow: {resp.header('Allow')!r}")
        self.check_common_headers(req, resp)
        self.check_problem(req, resp)

    def check_with_body(self, req: Req) -> None:
        check, label = self.report.check, req.label
        resp = self.fetch(req, {"Content-Type": "application/json"})
        if resp is None:
            return
        check(resp.status == req.expect, label, f"status {req.expect}", f"got {resp.status}")
        self.check_common_headers(req, resp)
        if req.method == "HEAD":
            check(resp.raw == b"", label, "no body", f"{len(resp.raw)} bytes")
            check(resp.media_type == "application/problem+json", label, "Content-Type application/problem+json",
                  f"got {resp.header('Content-Type')!r}")
        else:
            self.check_problem(req, resp)

    # -- /admin/reload (needs --admin-token; the failed reload needs --reload-data-dir) ------------------

    def admin(self, expect: int, token: str | None = None, scheme: str = "Bearer", query=(), extra=None,
              method: str = "POST") -> Response | None:
        headers = {"Authorization": f"{scheme} {token}"} if token is not None else {}
        req = Req(method, ADMIN_PATH, query=list(query), expect=expect, headers=headers)
        self.extra.append(req)
        resp = self.fetch(req)
        if resp is not None:
            self.check_common_headers(req, resp)
            self.check_documented(req, resp, method)
            if extra:
                extra(req, resp)
        return resp

    def serving_version(self) -> str | None:
        resp = self.fetch(Req("GET", "/healthz"))
        try:
            return json.loads(resp.body).get("version") if resp is not None and resp.status == 200 else None
        except ValueError:
            return None

    def reload_and_wait(self, token: str) -> dict | None:
        """POST a reload (202), then GET the state until it is no longer running; the final state."""
        check = self.report.check
        started = self.admin(202, token)
        if started is None:
            return None
        check(started.header("Location") == ADMIN_PATH, f"POST {ADMIN_PATH}", "202 says where the outcome will be",
              f"Location {started.header('Location')!r}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            resp = self.admin(200, token, method="GET")
            if resp is None:
                return None
            state = json.loads(resp.body)
            if state.get("status") != "running":
                return state
            time.sleep(0.05)
        check(False, f"GET {ADMIN_PATH}", "the reload finishes within 30 s", "still running")
        return None

    def check_admin(self) -> None:
        check = self.report.check
        if not check(bool(self.admin_token), f"POST {ADMIN_PATH}", "admin token given (--admin-token)",
                     "not given: the endpoint cannot be checked"):
            return
        token = self.admin_token
        self.admin(401)
        self.admin(401, "not-" + token)
        self.admin(401, token, scheme="Basic")
        self.admin(401, method="GET")
        before = self.serving_version()

        state = self.reload_and_wait(token)
        check(state is not None and state.get("status") == "unchanged" and state.get("version") == before
              and (state.get("last") or {}).get("previous_version") == before,
              f"GET {ADMIN_PATH}", "same data: status unchanged, same version", f"state {state!r}, serving {before!r}")
        self.admin(400, token, query=[("force", "true")])
        self.admin(400, token, query=[("force", "true")], method="GET")
        for method in ("PUT", "DELETE"):
            self.extra_wrong_method(Req(method, ADMIN_PATH, expect=405))
        options = Req("OPTIONS", ADMIN_PATH, expect=204)
        self.check_options(options)

        # Bad data: the reload fails with every error, and the old snapshot keeps serving.
        if not check(bool(self.reload_data_dir), f"POST {ADMIN_PATH}", "data directory to break given (--reload-data-dir)",
                     "not given: the failed reload cannot be checked"):
            return
        target = os.path.join(self.reload_data_dir, "entities.json")
        with open(target, "rb") as handle:
            saved = handle.read()
        try:
            with open(target, "wb") as handle:
                handle.write(b'[{"id": "broken", "name": ')
            state = self.reload_and_wait(token)
            errors = ((state or {}).get("last") or {}).get("errors")
            check(state is not None and state.get("status") == "failed" and isinstance(errors, list) and len(errors) > 0
                  and all(isinstance(e, str) for e in errors),
                  f"GET {ADMIN_PATH}", "a failed reload lists the errors", f"state {state!r}")
            check(self.serving_version() == before, f"GET {ADMIN_PATH}", "the old snapshot keeps serving",
                  f"/healthz version is no longer {before!r}")
        finally:
            with open(target, "wb") as handle:
                handle.write(saved)
        state = self.reload_and_wait(token)
        check(state is not None and state.get("status") == "unchanged", f"GET {ADMIN_PATH}",
              "good data again: unchanged", f"state {state!r}")

    def extra_wrong_method(self, req: Req) -> None:
        self.extra.append(req)
        self.check_wrong_method(req)

    # -- coverage of the spec by the requests ----------------------------------------------------------

    def check_coverage(self, reqs: list[Req]) -> None:
        check = self.report.check
        for template, item in self.spec.doc.get("paths", {}).items():
            for method in (m for m in item if m in METHODS):
                mine = [r for r in reqs if r.template == template and r.method == method.upper()]
                if not check(bool(mine), f"{method.upper()} {template}", "covered by a request", "no request"):
                    continue
                for (where, name) in self.spec.parameters(template, method):
                    used = any((name in r.path_params) if where == "path" else name in dict(r.query) for r in mine)
                    check(used, f"{method.upper()} {template}", f"parameter {name} ({where}) exercised",
                          "no request uses it")
                statuses = {str(r.expect) for r in mine}
                for status in self.spec.responses(template, method):
                    check(status in statuses, f"{method.upper()} {template}", f"response {status} exercised",
                          "no request expects it")


def accepts_gzip(value: str | None) -> bool:
    for part in (value or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0].lower() in ("gzip", "*"):
            q = next((f[2:] for f in fields[1:] if f.lower().startswith("q=")), "1")
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


def schema_name(schema: dict) -> str:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.rsplit("/", 1)[-1] if ref else "its schema"


def describe_links(expected: dict) -> str:
    return "with " + " and ".join(f'rel="{rel}"' for rel in expected) if expected else "absent (no next/prev)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the live server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--spec", default="openapi.yaml")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--admin-token", help="the server's --admin-token, to check POST /admin/reload")
    parser.add_argument("--reload-data-dir",
                        help="a disposable copy of the data the server serves: entities.json is broken in it for a "
                             "moment (then restored) to check that a reload of bad data gives 422")
    args = parser.parse_args(argv)

    global ADMIN_TOKEN
    ADMIN_TOKEN = args.admin_token
    checker = Checker(Spec(args.spec), args.base_url, args.timeout, args.admin_token, args.reload_data_dir)
    checker.run(requests_to_send())
    checker.report.tally()
    print(f"{checker.report.passed} passed, {checker.report.failed} failed")
    return 1 if checker.report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
