"""``cypher/newsgraph.grass`` read the way Neo4j Browser reads it, and served for ``:style``.

Neo4j Browser has two GraSS readers, ported here rule for rule (from its source:
``parseGrassCSS`` in ``shared/services/grassUtils``, used for ``:style <url>``, a
pasted stylesheet and a dropped ``.grass`` file; and ``GraphStyle.parse`` in
``D3Visualization/graphStyle``). Neither knows comments: anything outside braces is
glued, whitespace dropped, into the next rule's selector. Inside braces,
declarations are cut at ``;`` and then at ``:`` before quotes are looked at (the
quote characters themselves are dropped), so a value can hold neither. The first
reader treats ``'`` and ``"`` alike and skips ``{...}`` bindings inside a rule; the
second knows only ``'`` and ends the rule at any ``}`` outside one, which is why
captions are single-quoted, as the Browser's own export writes them.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from live_server import serve

from newsgraph.api.routes.style import STYLE_PATH
from newsgraph.graph.schema import load_schema
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore

GRASS = Path(__file__).resolve().parents[1] / "cypher" / "newsgraph.grass"
Rules = dict[str, dict[str, str]]


def _declarations(body: str, exactly_two: bool) -> dict[str, str]:
    props: dict[str, str] = {}
    for declaration in body.split(";"):
        parts = declaration.split(":")
        if exactly_two and len(parts) != 2:
            continue
        if len(parts) >= 2 and parts[0] and parts[1]:
            props[parts[0].strip()] = parts[1].strip()
    return props


def parse_grass_css(text: str) -> Rules:
    """The Browser's ``parseGrassCSS``: either quote toggles one string state; a ``{``
    inside a rule opens a binding that the next ``}`` closes."""
    rules: dict[str, str] = {}
    in_string = in_props = in_binding = False
    keyword = props = ""
    for c in text:
        keep = False
        if c == "{":
            if in_string:
                keep = True
            elif in_props:
                in_binding = True
            else:
                in_props = True
        elif c == "}":
            if in_string:
                keep = True
            elif in_binding:
                in_binding = False
            else:
                in_props = False
                rules[keyword], keyword, props = props, "", ""
        elif c in "'\"":
            in_string = not in_string
        else:
            keep = True
        if not keep:
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    return {k: _declarations(v, exactly_two=True) for k, v in rules.items()}


def parse_graph_style(text: str) -> Rules:
    """The Browser's ``GraphStyle.parse``: only ``'`` opens a string; any ``}`` outside
    one ends the rule."""
    rules: dict[str, str] = {}
    in_string = in_props = False
    keyword = props = ""
    for c in text:
        keep = False
        if c == "{":
            if in_string:
                keep = True
            else:
                in_props = True
        elif c == "}":
            if in_string:
                keep = True
            else:
                in_props = False
                rules[keyword], keyword, props = props, "", ""
        elif c == "'":
            in_string = not in_string
        else:
            keep = True
        if not keep:
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    return {k: _declarations(v, exactly_two=False) for k, v in rules.items()}


def selector_parts(selector: str) -> list[str]:
    """The Browser's ``selectorStringToArray``: split at dots not escaped with ``\\``."""
    return [p.replace("\\.", ".") for p in re.split(r"(?<!\\)\.", selector) if p]


def style_for(rules: Rules, tag: str, classes: list[str]) -> dict[str, str]:
    """What the Browser draws an item with: every rule whose tag matches and whose
    classes the item has, applied in file order (later ones win)."""
    props: dict[str, str] = {}
    for selector, declared in rules.items():
        head, *needed = selector_parts(selector)
        if head == tag and set(needed) <= set(classes):
            props.update(declared)
    return props


@pytest.fixture(scope="module")
def rules() -> Rules:
    text = GRASS.read_text(encoding="utf-8")
    first, second = parse_grass_css(text), parse_graph_style(text)
    assert first == second, "the Browser's two readers disagree on this file"
    return first


def test_every_rule_is_read_as_written(rules: Rules) -> None:
    text = GRASS.read_text(encoding="utf-8")
    assert "/*" not in text and "//" not in text and "#!" not in text  # no comments
    assert '"' not in text  # captions in single quotes, as the Browser's export
    written = re.findall(r"^(\S+) \{$", text, flags=re.MULTILINE)
    assert list(rules) == written  # no rule lost, no junk glued to a selector
    declarations = len(re.findall(r"^  [a-z-]+: .+;$", text, flags=re.MULTILINE))
    assert sum(map(len, rules.values())) == declarations  # none dropped at ';' or ':'
    for selector, props in rules.items():
        assert re.fullmatch(r"(node|relationship)(\.[A-Za-z_]+)?", selector), selector
        assert "caption" in props, selector
    captions = re.findall(r"^  caption: '([^']*)';$", text, flags=re.MULTILINE)
    assert [props["caption"] for props in rules.values()] == captions  # read whole


def test_every_label_and_relation_type_has_a_rule(rules: Rules) -> None:
    schema = load_schema()
    nodes = {selector_parts(s)[1] for s in rules if s.startswith("node.")}
    relations = {selector_parts(s)[1] for s in rules if s.startswith("relationship.")}
    assert set(schema.labels) | {"Entity", "Document", "IngestRun"} <= nodes
    assert set(schema.relations) | {"MENTIONS"} <= relations
    assert {"node", "relationship"} <= set(rules)


def test_each_type_is_drawn_with_its_own_rule(rules: Rules) -> None:
    schema = load_schema()
    for name, spec in schema.labels.items():
        drawn = style_for(rules, "node", list(spec.labels))  # e.g. Entity, Person, Official
        assert drawn["color"] == rules[f"node.{name}"]["color"], name
        assert drawn["caption"] == "{name}"
    assert style_for(rules, "node", ["Document"])["caption"] == "{title}"
    for name in schema.relations:
        drawn = style_for(rules, "relationship", [name])
        assert drawn["color"] == rules[f"relationship.{name}"]["color"], name
    assert style_for(rules, "relationship", ["MENTIONS"])["caption"] == "mentions ({count})"


def test_the_readers_catch_what_broke_the_old_stylesheet() -> None:
    """A leading comment is glued to the first selector (the base rule never matches),
    and a double-quoted caption keeps its quotes in the second reader."""
    old = '/* style */\nnode { color: #A5ABB6; caption: "{name}"; }\nnode.Law { color: #C990C0; }'
    first = parse_grass_css(old)
    assert "node" not in first and "/*style*/node" in first
    assert style_for(first, "node", ["Entity", "Law"]) == {"color": "#C990C0"}
    second = parse_graph_style(old)
    assert "node" not in second  # the '}' of the binding ended the rule early
    assert parse_graph_style("node { caption: 'a: b'; }") == {"node": {"caption": "a"}}
    assert parse_grass_css("node { caption: 'a: b'; }") == {"node": {}}


def test_the_api_serves_it_to_the_browser(falkordb_store: GraphStore) -> None:
    settings = Settings(api_key="secret-key")  # the Browser cannot send a key
    with serve(falkordb_store, settings) as live, httpx.Client(base_url=live.url) as http:
        answer = http.get(STYLE_PATH, headers={"Origin": "http://localhost:7474"})
        assert answer.status_code == 200
        assert answer.text == GRASS.read_text(encoding="utf-8")
        assert answer.headers["access-control-allow-origin"] == "*"
        assert answer.headers["content-type"].startswith("text/plain")
        assert http.get("/queries").status_code == 401  # everything else still needs it


def test_the_browser_page_quotes_saved_queries_exactly() -> None:
    """docs/neo4j-browser.md calls its starter queries the exact saved text: they are."""
    from newsgraph.graph.query.registry import load_registry

    registry = load_registry("neo4j")
    page = (GRASS.parents[1] / "docs" / "neo4j-browser.md").read_text(encoding="utf-8")
    quoted = re.findall(r"`cypher/(?:neo4j/)?queries/(\w+)\.cypher`:\n\n```cypher\n(.*?)\n```",
                        page, flags=re.DOTALL)  # fmt: skip
    assert len(quoted) >= 4
    for name, text in quoted:
        lines = registry.get(name).text.splitlines()
        start = next(i for i, line in enumerate(lines) if not line.startswith("//"))
        assert text == "\n".join(lines[start:]).strip(), name
