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
    return _compiled(schema, schema)(instance) is True


# Each (sub-)schema is turned once into a function of the value (a 600-lesson course checks its 3 000
# questions against the same few schemas: walking the schema's dictionaries each time was 0.3 s).
_COMPILED: dict[tuple[int, int], tuple[dict, dict, object]] = {}


def _compiled(schema, root):
    """The check of `schema` as a function of the value: True (valid), False (invalid), None (not sure)."""
    found = _COMPILED.get((id(schema), id(root)))
    if found is not None and found[0] is schema and found[1] is root:
        return found[2]
    check = _compile(schema, root)
    _COMPILED[(id(schema), id(root))] = (schema, root, check)  # holding both: their ids stay theirs
    return check


def _all(results) -> bool | None:
    verdict = True
    for result in results:
        if result is False:
            return False
        if result is None:
            verdict = None
    return verdict


def _any(results) -> bool | None:
    verdict = False
    for result in results:
        if result is True:
            return True
        if result is None:
            verdict = None
    return verdict


def _compile(schema, root):
    if schema is True or schema is False:
        return lambda value, verdict=schema: verdict
    if not isinstance(schema, dict):
        return lambda value: None
    # `then` and `else` are checked with their `if`
    rules = [(key, rule) for key, rule in schema.items() if key not in _ANNOTATIONS and key not in ("then", "else")]
    if any(key not in _KEYWORDS for key, _ in rules):
        return lambda value: None
    checks = [_KEYWORDS[key](rule, schema, root) for key, rule in rules]
    plain = _PLAIN

    def check(value):
        if type(value) not in plain:
            return None
        verdict = True
        for keyword in checks:
            result = keyword(value)
            if result is False:
                return False
            if result is None:
                verdict = None
        return verdict

    return check


def _is_type(value, name) -> bool | None:
    if name == "integer":
        return None if isinstance(value, float) else isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    kinds = {"string": str, "object": dict, "array": list, "boolean": bool}
    if name in kinds:
        return isinstance(value, kinds[name])
    return value is None if name == "null" else None


_KINDS = {"string": str, "object": dict, "array": list, "boolean": bool}


def _type(rule, schema, root):
    names = rule if isinstance(rule, list) else [rule]
    if len(names) == 1 and names[0] in _KINDS:  # most: one plain kind
        kind = _KINDS[names[0]]
        return lambda value: isinstance(value, kind)
    return lambda value: _any(_is_type(value, name) for name in names)


def _properties(rule, schema, root):
    subs = [(name, _compiled(sub, root)) for name, sub in rule.items()]

    def keyword(value):
        if not isinstance(value, dict):
            return True
        verdict = True
        for name, check in subs:
            if name in value:
                result = check(value[name])
                if result is False:
                    return False
                if result is None:
                    verdict = None
        return verdict

    return keyword


def _additional(rule, schema, root):
    known = schema.get("properties", {})
    check = None if rule is True or rule is False else _compiled(rule, root)

    def keyword(value):
        if not isinstance(value, dict):
            return True
        extras = [name for name in value if name not in known]
        if check is None:
            return rule or not extras
        return _all(check(value[name]) for name in extras)

    return keyword


def _required(rule, schema, root):
    return lambda value: not isinstance(value, dict) or all(name in value for name in rule)


def _items(rule, schema, root):
    check = _compiled(rule, root)
    return lambda value: True if not isinstance(value, list) else _all(map(check, value))


def _unique(rule, schema, root):
    def keyword(value):
        if not isinstance(value, list) or rule is False:
            return True
        if all(isinstance(item, str) for item in value):
            return len(set(value)) == len(value)
        return None

    return keyword


def _const(rule, schema, root):
    if isinstance(rule, str):
        return lambda value: isinstance(value, str) and value == rule  # jsonschema: a text equals only a text
    if isinstance(rule, bool):
        return lambda value: value is rule  # and a boolean only the same boolean (not 1 or 0)
    return lambda value: None


def _enum(rule, schema, root):
    if all(isinstance(choice, str) for choice in rule):
        return lambda value: isinstance(value, str) and value in rule
    return lambda value: None


def _ref(rule, schema, root):
    if not (isinstance(rule, str) and rule.startswith("#/$defs/")):
        return lambda value: None
    target = root.get("$defs", {}).get(rule[len("#/$defs/") :])
    if target is None:
        return lambda value: None
    compiled = []  # on first use: a schema may refer to itself

    def keyword(value):
        if not compiled:
            compiled.append(_compiled(target, root))
        return compiled[0](value)

    return keyword


def _if(rule, schema, root):
    condition = _compiled(rule, root)
    then, otherwise = _compiled(schema.get("then", True), root), _compiled(schema.get("else", True), root)

    def keyword(value):
        met = condition(value)
        if met is None:
            return None
        return (then if met else otherwise)(value)

    return keyword


def _all_of(rule, schema, root):
    checks = [_compiled(sub, root) for sub in rule]
    return lambda value: _all(check(value) for check in checks)


def _pattern(rule, schema, root):
    search = re.compile(rule).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _number(compare):
    def compiled(rule, schema, root):
        def keyword(value):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return True
            return not compare(value, rule)

        return keyword

    return compiled


def _sized(kind, compare):
    def compiled(rule, schema, root):
        return lambda value: not isinstance(value, kind) or not compare(len(value), rule)

    return compiled


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
    "allOf": _all_of,
    "pattern": _pattern,
    "minimum": _number(lambda value, limit: value < limit),
    "maximum": _number(lambda value, limit: value > limit),
    "minLength": _sized(str, lambda size, limit: size < limit),
    "maxLength": _sized(str, lambda size, limit: size > limit),
    "minItems": _sized(list, lambda size, limit: size < limit),
    "maxItems": _sized(list, lambda size, limit: size > limit),
}
