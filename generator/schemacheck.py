"""A quick "valid" for the common case, before jsonschema is asked (issue 21: the build's speed).

jsonschema makes a validator object for every sub-schema it descends into; a 600-lesson course's
3 000 questions took most of a second. Nearly every document a build reads is valid, so
`surely_valid` walks the document and the schema once, in plain Python, for the keywords our
schemas use, and says True only when jsonschema would find no error: `schema.py` then skips it.
Anything else (an error, a keyword or value it does not know) gives False and jsonschema does the
whole work, so every message comes from jsonschema as before.

Each check answers True (valid), False (invalid) or None (not sure). False must be exact too:
`if`/`then` applies `then` only where `if` is valid.
"""

from __future__ import annotations

import re

# Keywords that do not constrain a value.
_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$defs", "$comment", "examples", "default"})
# The only Python types a YAML document read by yamlread and a JSON Schema agree on.
_PLAIN = (dict, list, str, int, float, bool, type(None))


def surely_valid(instance, schema: dict) -> bool:
    """True only if `schema` (its `$ref`s point into its own `$defs`) accepts `instance`."""
    return _check(instance, schema, schema) is True


def _all(results) -> bool | None:
    verdict = True
    for result in results:
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


def _check(value, schema, root) -> bool | None:
    if schema is True or schema is False:
        return schema
    if not isinstance(schema, dict) or type(value) not in _PLAIN:
        return None
    # `then` and `else` are checked with their `if`
    rules = [(key, rule) for key, rule in schema.items() if key not in _ANNOTATIONS and key not in ("then", "else")]
    if any(key not in _KEYWORDS for key, _ in rules):
        return None
    return _all(_KEYWORDS[key](value, rule, schema, root) for key, rule in rules)


def _type(value, rule, schema, root):
    names = rule if isinstance(rule, list) else [rule]
    return _any(_is_type(value, name) for name in names)


def _any(results) -> bool | None:
    verdict = False
    for result in results:
        if result is True:
            return True
        if result is None:
            verdict = None
    return verdict


def _is_type(value, name) -> bool | None:
    if name == "integer":
        return None if isinstance(value, float) else isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    kinds = {"string": str, "object": dict, "array": list, "boolean": bool}
    if name in kinds:
        return isinstance(value, kinds[name])
    return value is None if name == "null" else None


def _properties(value, rule, schema, root):
    if not isinstance(value, dict):
        return True
    return _all(_check(value[name], sub, root) for name, sub in rule.items() if name in value)


def _additional(value, rule, schema, root):
    if not isinstance(value, dict):
        return True
    known = schema.get("properties", {})
    extras = [name for name in value if name not in known]
    if rule is True or rule is False:
        return rule or not extras
    return _all(_check(value[name], rule, root) for name in extras)


def _required(value, rule, schema, root):
    return not isinstance(value, dict) or all(name in value for name in rule)


def _items(value, rule, schema, root):
    return not isinstance(value, list) or _all(_check(item, rule, root) for item in value)


def _unique(value, rule, schema, root):
    if not isinstance(value, list) or rule is False:
        return True
    if all(isinstance(item, str) for item in value):
        return len(set(value)) == len(value)
    return None


def _const(value, rule, schema, root):
    if isinstance(rule, str):
        return isinstance(value, str) and value == rule  # jsonschema: a text equals only a text
    if isinstance(rule, bool):
        return value is rule  # and a boolean only the same boolean (not 1 or 0)
    return None


def _enum(value, rule, schema, root):
    if all(isinstance(choice, str) for choice in rule):
        return isinstance(value, str) and value in rule
    return None


def _ref(value, rule, schema, root):
    if not (isinstance(rule, str) and rule.startswith("#/$defs/")):
        return None
    target = root.get("$defs", {}).get(rule[len("#/$defs/") :])
    return None if target is None else _check(value, target, root)


def _if(value, rule, schema, root):
    condition = _check(value, rule, root)
    if condition is None:
        return None
    return _check(value, schema.get("then" if condition else "else", True), root)


def _number(compare):
    def keyword(value, rule, schema, root):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        return not compare(value, rule)

    return keyword


def _sized(kind, compare):
    def keyword(value, rule, schema, root):
        return not isinstance(value, kind) or not compare(len(value), rule)

    return keyword


_KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "uniqueItems": _unique,
    "const": _const,
    "enum": _enum,
    "$ref": _ref,
    "if": _if,
    "allOf": lambda value, rule, schema, root: _all(_check(value, sub, root) for sub in rule),
    "pattern": lambda value, rule, schema, root: not isinstance(value, str) or re.search(rule, value) is not None,
    "minimum": _number(lambda value, limit: value < limit),
    "maximum": _number(lambda value, limit: value > limit),
    "minLength": _sized(str, lambda size, limit: size < limit),
    "maxLength": _sized(str, lambda size, limit: size > limit),
    "minItems": _sized(list, lambda size, limit: size < limit),
    "maxItems": _sized(list, lambda size, limit: size > limit),
}
