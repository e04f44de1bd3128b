"""blockyaml.dump writes what yaml.dump writes, byte for byte."""

import random

import yaml

from synth_toolchain import blockyaml

STRINGS = ["f0", "null", "1e3", "-x", "x: y", "a b " * 30, "\u00fc", "", "a'b", "true", "~",
           "0x10", "foo.bar$1", "_Z3fooi", "x" * 200, "y " * 50, "#a", "a#b", "[x]", "@x", "%x",
           "!x", "*x", "&x", "? x", "|", "a\nb", "1_000", "012", "+1", ".5", ".inf", "yes",
           "Off", "2001-12-14", "a,b", "a:b", "-", "---", "\t", "a\x01"]


def _value(rng, depth):
    r = rng.random()
    if depth > 3 or r < 0.4:
        return rng.choice([None, True, False, 0, -5, 123456789012345, 1.5] + STRINGS)
    if r < 0.7:
        return {rng.choice(STRINGS + ["k", "key"]) + str(i): _value(rng, depth + 1)
                for i in range(rng.randint(0, 4))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def _reference(data):
    return yaml.dump(data, Dumper=blockyaml._DUMPER, sort_keys=False, default_flow_style=False)


def test_random_documents_match_pyyaml():
    rng = random.Random(3)
    for _ in range(2000):
        data = {("k%d" % i if rng.random() < 0.8 else rng.choice(STRINGS)): _value(rng, 0)
                for i in range(rng.randint(1, 5))}
        assert blockyaml.dump(data) == _reference(data), data


def test_report_shape_matches_pyyaml():
    path = [{"function": f"f{i}", "bytes": 8 * i} for i in range(50)]
    data = {"version": 1, "options": {"bounds": "software", "prefix": ""},
            "functions": [{"index": 0, "name": "a name with spaces", "exports": ["f0"],
                           "attempts": [], "promoted_locals": [1, 2]}],
            "stack_bounds": [{"export": "run", "symbol": "run", "bytes": None,
                              "kind": "unbounded", "path": path, "cycle": ["f1", "f2"]}]}
    assert blockyaml.dump(data) == _reference(data)
