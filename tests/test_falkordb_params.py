"""Query parameters as FalkorDB's CYPHER header: the same literals the client writes,
and every value read back by the server as it was sent."""

from __future__ import annotations

from typing import Any

import pytest
from falkordb.helpers import stringify_param_value

from newsgraph.graph.stores import FalkorDBStore
from newsgraph.graph.stores.falkordb_params import params_header

VALUES: list[Any] = [
    "plain",
    "",
    'quote " inside',
    'back\\slash and \\" both',
    "ends with a backslash \\",
    "line\nbreak\ttab\rreturn",
    "unicode: é 中文 \u2028 😀",
    "x'}) DETACH DELETE n //",
    0,
    -7,
    2**62,
    0.5,
    -1.25e-9,
    None,
    [],
    ["a", 'b"c', "d\\e"],
    ["mixed", 1, 2.5, None, ["nested", "list"]],
    {"id": "e:1", "n": 3, "aliases": ["A", "B"], "wikidata": None},
    [{"src": "a", "dst": "b", "ev_start": [1, 2], "props": {"k": "v"}}],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_same_literals_as_the_client(value: Any) -> None:
    assert params_header({"p": value}) == f"CYPHER `p`={stringify_param_value(value)} "


def test_booleans_are_cypher_booleans() -> None:
    assert params_header({"t": True, "f": [False]}) == "CYPHER `t`=true `f`=[false] "


def test_no_parameters_no_header() -> None:
    assert params_header(None) == params_header({}) == ""


@pytest.mark.parametrize("key", ["", "a`b"])
def test_keys_the_header_cannot_carry_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match="key"):
        params_header({"rows": [{key: 1}]})
    with pytest.raises(ValueError, match="key"):
        params_header({key: 1})


def test_unsendable_values_are_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        params_header({"p": {1, 2}})


def test_the_server_reads_back_what_was_sent(falkordb_store: FalkorDBStore) -> None:
    sent = {f"p{i}": value for i, value in enumerate(VALUES)} | {"flag": True}
    columns = ", ".join(f"${name} AS {name}" for name in sent)
    result = falkordb_store.run(f"RETURN {columns}", sent)
    assert dict(zip(result.columns, result.rows[0], strict=True)) == sent
