"""Schemathesis hooks for `make test-contract` (loaded with SCHEMATHESIS_HOOKS=schemathesis_hooks).

1. `filter_failure`, a narrow one. `positive_data_acceptance` (ST202) sends requests that the schema
   allows and expects them to be accepted. A few of the API's rules cannot be written in a JSON Schema
   for a query parameter, because they depend on the corpus or on another parameter:

   * an `entity` / `implementing` / `affected` key must name an entity of the corpus;
   * a `source` must be a source id of the corpus;
   * `from` must not be after `to` (nor `announced_from` after `announced_to`, and so on);
   * an `article` (on /claims) must be an article id of the corpus;
   * `sort=relevance` needs a `q`;
   * `q` on the article lists must contain at least one word to search for (not only punctuation or
     `-exclusions`);
   * on /timeline, `limit` may exceed 100 only together with `interval` (the spec says so in prose);
   * on /timeline, `interval` may not make more than 50000 periods over the `from`..`to` range.

   The server rightly answers those with 400 and says which rule it applied in `invalid_params`. The
   hook drops an ST202 failure only when the response is a 400 problem document and *every* entry of
   its `invalid_params` is one of those rules; anything else (a 5xx, another status, a 400 for any
   other reason, a 400 without `invalid_params`) is kept and fails the run. No other check is touched.

2. A deserializer for `application/x-ndjson` (the list exports), so that response_schema_conformance
   can check them instead of skipping them with a warning.
"""

from __future__ import annotations

import json
import re

import schemathesis

# (parameter names, reason pattern) for the rules a parameter schema cannot express.
_DATA_DEPENDENT_RULES = [
    ({"entity", "implementing", "affected"}, re.compile(r"^no entity has the id, name or alias ")),
    ({"source"}, re.compile(r"^no source has the id ")),
    ({"from"}, re.compile(r"^must not be after to$")),
    ({"announced_from", "in_force_from", "removed_from"}, re.compile(r"^must not be after (announced|in_force|removed)_to$")),
    ({"article"}, re.compile(r"^no article has the id ")),
    ({"sort"}, re.compile(r"^relevance needs a q to rank by$")),
    ({"q"}, re.compile(r"^the query (has no words to search for|only excludes words; add at least one word to search for)$")),
    ({"interval"}, re.compile(r"^makes more than \d+ periods over this range")),
]
_TIMELINE_LIMIT = re.compile(r"^must be between 1 and 100, got (\d+)$")


def _query_values(case, name):
    value = (case.query or {}).get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_inexpressible(case, param) -> bool:
    name, reason = param.get("name"), param.get("reason")
    if not isinstance(name, str) or not isinstance(reason, str):
        return False
    for names, pattern in _DATA_DEPENDENT_RULES:
        if name in names and pattern.search(reason):
            if name == "q" and case.path == "/entities":
                return False  # /entities?q= is a substring filter: any non-blank text is valid there
            return True
    if name == "limit" and case.path == "/timeline" and not _query_values(case, "interval"):
        match = _TIMELINE_LIMIT.search(reason)
        return bool(match) and 100 < int(match.group(1)) <= 1000
    return False


@schemathesis.hook
def filter_failure(context, failure, case, response) -> bool:
    """Keep every failure except an ST202 caused only by a rule the schema cannot express."""
    if getattr(failure, "code", None) != "ST202" or response is None or response.status_code != 400:
        return True
    try:
        problem = json.loads(response.content)
    except (TypeError, ValueError):
        return True
    params = problem.get("invalid_params") if isinstance(problem, dict) else None
    if not isinstance(params, list) or not params:
        return True
    return not all(isinstance(p, dict) and _is_inexpressible(case, p) for p in params)


@schemathesis.deserializer("application/x-ndjson")
def deserialize_ndjson(ctx, response):
    """An NDJSON export, for response_schema_conformance. If the operation documents it as
    `type: string`, as the text (nothing more to check); otherwise as the list of its lines' JSON
    values, which the schema then describes (`type: array, items: ...`, as OpenAPI 3.2 reads
    sequential media types) - so every exported item is checked against the item schema."""
    text = response.content.decode("utf-8")
    spec = ctx.operation.schema.raw_schema
    responses = ctx.operation.definition.raw.get("responses") or {}
    documented = _deref(spec, responses.get(str(response.status_code)) or responses.get("default") or {})
    media = ((documented.get("content") or {}).get("application/x-ndjson") or {}) if isinstance(documented, dict) else {}
    schema = _deref(spec, media.get("schema") or {})
    if isinstance(schema, dict) and schema.get("type") == "string":
        return text
    return [json.loads(line) for line in text.splitlines()]


def _deref(spec: dict, node):
    """Follows local `$ref`s (`#/components/...`)."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        ref = node["$ref"]
        if ref in seen:
            return {}
        seen.add(ref)
        node = spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
