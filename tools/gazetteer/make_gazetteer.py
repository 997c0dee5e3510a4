#!/usr/bin/env python3
"""Writes data/gazetteer/countries.json, the world gazetteer, from Debian's iso-codes and
tools/gazetteer/curated.txt (names, demonyms, capitals, ambiguous aliases and names of other
things, curated by hand).

Every ISO 3166-1 entry becomes a `country` entity with its codes, its short, common and official
names, and the curated aliases and demonyms; each curated capital becomes a `place` entity
`part_of` its country. The output is deterministic (sorted, fixed formatting), so a change to
either input shows as a plain diff.

    python3 tools/gazetteer/make_gazetteer.py [--iso /usr/share/iso-codes/json/iso_3166-1.json]
                                              [--out data/gazetteer/countries.json] [--check]

--check exits 1 if the file on disk differs from what would be written.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CURATED = os.path.join(ROOT, "tools", "gazetteer", "curated.txt")


def fold_key(text):
    """The key the loader compares names by: folded tokens joined by spaces (TextFolding.normalizedKey)."""
    special = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}
    text = "".join(special.get(c, c) for c in text.lower())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(t for t in re.split(r"[^\w]+|_", text) if t)


def slug(text):
    return "-".join(fold_key(text).split())


def read_curated(path):
    countries, not_entities, section = {}, [], None
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            if section == "countries":
                fields = [f.strip() for f in line.split("|")]
                fields += [""] * (6 - len(fields))
                code, name, aliases, demonyms, capital, ambiguous = fields[:6]
                split = lambda value: [v.strip() for v in value.split(";") if v.strip()]
                if code in countries:
                    sys.exit(f"{path}:{number}: {code} twice")
                countries[code] = {"name": name, "aliases": split(aliases), "demonyms": split(demonyms),
                                   "capital": split(capital), "ambiguous": split(ambiguous)}
            elif section == "not_entities":
                not_entities += [v.strip() for v in line.split(";") if v.strip()]
    return countries, not_entities


def build(iso_path):
    with open(iso_path, encoding="utf-8") as file:
        iso = json.load(file)["3166-1"]
    curated, not_entities = read_curated(CURATED)
    unknown = set(curated) - {entry["alpha_2"] for entry in iso}
    if unknown:
        sys.exit(f"curated codes not in ISO 3166-1: {sorted(unknown)}")
    entities, owners = [], {}

    def claim(key, entity_id):
        owner = owners.setdefault(key, entity_id)
        return owner == entity_id

    countries = []
    for entry in sorted(iso, key=lambda e: e["alpha_2"]):
        extra = curated.get(entry["alpha_2"], {"name": "", "aliases": [], "demonyms": [], "capital": [], "ambiguous": []})
        plain = lambda n: n if n and "," not in n and "(" not in n else None
        name = extra["name"] or entry.get("common_name") or plain(entry["name"]) or plain(entry.get("official_name")) or entry["name"]
        names = [entry.get("common_name"), plain(entry["name"]), plain(entry.get("official_name"))] + extra["aliases"] + extra["demonyms"]
        aliases, keys = [], {fold_key(name)}
        for alias in names:
            if not alias:
                continue
            alias = re.sub(r"^the ", "", alias, flags=re.IGNORECASE)  # "The Gambia" links as "Gambia"; no name starts with "the"
            if fold_key(alias) not in keys:
                keys.add(fold_key(alias))
                aliases.append(alias)
        country = {"id": slug(name), "name": name, "type": "country", "aliases": aliases}
        ambiguous = [a for a in extra["ambiguous"] if a in aliases or a == name]
        if len(ambiguous) != len(extra["ambiguous"]):
            sys.exit(f"{entry['alpha_2']}: ambiguous aliases {extra['ambiguous']} must be aliases")
        if ambiguous:
            country["ambiguous_aliases"] = ambiguous
        country["codes"] = {"alpha2": entry["alpha_2"], "alpha3": entry["alpha_3"], "numeric": entry["numeric"]}
        official = entry.get("official_name", entry["name"])
        country["description"] = f"ISO 3166-1 {entry['alpha_2']}: {official}"
        for key in keys:
            if not claim(key, country["id"]):
                sys.exit(f"{country['id']}: \"{key}\" is also a name of {owners[key]}")
        countries.append((country, extra["capital"]))
        entities.append(country)
    for country, capital in countries:
        if not capital:
            continue
        name, capital_aliases = capital[0], capital[1:]
        if fold_key(name) in owners:
            continue  # a city state: the country's name is the city's
        place = {"id": slug(name), "name": name, "type": "place", "aliases": capital_aliases,
                 "part_of": country["id"], "description": f"Capital of {country['name']}"}
        for key in {fold_key(n) for n in capital}:
            if not claim(key, place["id"]):
                sys.exit(f"{place['id']}: \"{key}\" is also a name of {owners[key]}")
        entities.append(place)
    seen, kept = set(), []
    for name in not_entities:
        key = fold_key(name)
        if key in owners:
            sys.exit(f"not_entities: \"{name}\" is a name of {owners[key]}")
        if key not in seen:
            seen.add(key)
            kept.append(name)
    entities.sort(key=lambda e: e["id"])
    return {
        "name": "world",
        "description": "Every ISO 3166-1 country and territory with its codes, names and demonyms, the capitals as "
                       "places in them, and names of other things that must not link as a country.",
        "source": "Debian iso-codes (iso_3166-1.json) and tools/gazetteer/curated.txt; written by tools/gazetteer/make_gazetteer.py",
        "entities": entities,
        "not_entities": kept,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iso", default="/usr/share/iso-codes/json/iso_3166-1.json")
    parser.add_argument("--out", default=os.path.join(ROOT, "data", "gazetteer", "countries.json"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    gazetteer = build(args.iso)
    lines = ["{"]
    for index, key in enumerate(["name", "description", "source"]):
        lines.append(f"  {json.dumps(key)}: {json.dumps(gazetteer[key], ensure_ascii=False)},")
    lines.append('  "entities": [')
    entity_lines = [f"    {json.dumps(e, ensure_ascii=False)}" for e in gazetteer["entities"]]
    lines.append(",\n".join(entity_lines))
    lines.append("  ],")
    lines.append(f'  "not_entities": {json.dumps(gazetteer["not_entities"], ensure_ascii=False)}')
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if args.check:
        with open(args.out, encoding="utf-8") as file:
            if file.read() != text:
                sys.exit(f"{args.out} is out of date: run tools/gazetteer/make_gazetteer.py")
        return
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as file:
        file.write(text)
    countries = sum(1 for e in gazetteer["entities"] if e["type"] == "country")
    print(f"wrote {args.out}: {countries} countries, {len(gazetteer['entities']) - countries} capitals, "
          f"{len(gazetteer['not_entities'])} names of other things")


if __name__ == "__main__":
    main()
