#!/usr/bin/env python3
"""Backward-compatibility check for the Edu71 event payload schemas.

``breaking_changes(old, new)`` lists the reasons why payloads valid under a new
version of a JSON Schema (draft 2020-12) could break the producers or consumers
written against the old one: a property removed or newly required, a type changed
or narrowed, an enum value removed, a ``format``/``pattern``/``const`` changed,
``additionalProperties`` turned false, a bound tightened, and so on, recursing
into properties, ``items``, ``$defs``, ``$ref``s inside the document and the
``allOf``/``anyOf``/``oneOf``/``if``-``then``-``else`` branches. Widening
(an optional property added, an enum value added, a type added, a bound
loosened) is not reported. The analysis is syntactic and conservative: it may
report a change that is in fact harmless (e.g. an equivalent pattern rewritten),
never the other way round for the rules it knows.

Command line (stdlib only; run from anywhere inside the repository)::

    python contracts/tools/compat.py                 # check every schema under contracts/events
    python contracts/tools/compat.py OLD.json NEW.json   # compare two files

For every ``*.schema.json`` under contracts/events it compares the working-tree
file with

(a) the version in the most recent commit that touched it, or, when the working
    tree equals that version, the version in the commit before it that touched it
    (so a published schema edited in place is caught both before and after the
    edit is committed); an untracked file, or one with a single commit and no
    change, has nothing to compare with;
(b) for ``vN.schema.json`` with N > 1, the ``v(N-1).schema.json`` beside it.
    A new version that breaks on purpose declares it with a top-level
    ``"x-edu71-breaking": "<why>"``; its breaking changes against the previous
    version are then printed as acknowledged and do not fail the check. Editing a
    published file in place (a) is never acknowledged.

Prints each breaking change and exits 1 if there is any (2 on usage errors).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["breaking_changes", "check_tree", "main"]

ACK_KEYWORD = "x-edu71-breaking"

_NUMBER_TYPES = {"integer", "number"}
_COMBINATORS = ("anyOf", "oneOf")


# --------------------------------------------------------------------------- #
# schema comparison
# --------------------------------------------------------------------------- #
def breaking_changes(old_schema: dict, new_schema: dict) -> list[str]:
    """Return human-readable reasons why ``new_schema`` breaks users of ``old_schema``.

    An empty list means every change found is backward compatible.
    """
    comparer = _Comparer(old_schema, new_schema)
    comparer.compare(old_schema, new_schema, "$")
    seen: set[str] = set()
    unique = []
    for reason in comparer.reasons:
        if reason not in seen:
            seen.add(reason)
            unique.append(reason)
    return unique


def _canon(value: Any) -> str:
    """A canonical text of a JSON value, so 1 and True, or key order, do not confuse equality."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _types(schema: dict) -> set[str] | None:
    value = schema.get("type")
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def _allowed_values(schema: dict) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    return None


def _number(schema: dict, keyword: str) -> float | None:
    value = schema.get(keyword)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _lower_bound(schema: dict) -> tuple[float, bool] | None:
    """(bound, exclusive) of the tightest lower bound, or None."""
    bounds = [(v, excl) for v, excl in ((_number(schema, "minimum"), False),
                                         (_number(schema, "exclusiveMinimum"), True)) if v is not None]
    # the tightest: the greatest value; at equal values the exclusive one
    return max(bounds, key=lambda b: (b[0], b[1])) if bounds else None


def _upper_bound(schema: dict) -> tuple[float, bool] | None:
    bounds = [(v, excl) for v, excl in ((_number(schema, "maximum"), False),
                                         (_number(schema, "exclusiveMaximum"), True)) if v is not None]
    # the tightest: the smallest value; at equal values the exclusive one
    return min(bounds, key=lambda b: (b[0], not b[1])) if bounds else None


def _fmt_bound(bound: tuple[float, bool], lower: bool) -> str:
    value, exclusive = bound
    op = (">" if exclusive else ">=") if lower else ("<" if exclusive else "<=")
    return f"{op} {value}"


class _Comparer:
    def __init__(self, old_root: Any, new_root: Any):
        self.old_root = old_root
        self.new_root = new_root
        self.reasons: list[str] = []
        self._active: set[tuple[Any, Any]] = set()

    # -- helpers ----------------------------------------------------------- #
    def _add(self, path: str, message: str) -> None:
        self.reasons.append(f"{path}: {message}")

    def _probe(self, old: Any, new: Any, path: str) -> list[str]:
        """Compare without recording: the reasons a sub-comparison would give."""
        saved = self.reasons
        self.reasons = []
        try:
            self.compare(old, new, path)
            return self.reasons
        finally:
            self.reasons = saved

    @staticmethod
    def _resolve_pointer(root: Any, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node = root
        pointer = ref[1:]
        if not pointer:
            return root
        if not pointer.startswith("/"):
            return None  # an anchor name; not followed
        for token in pointer[1:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return None
        return node

    def _deref(self, schema: Any, root: Any) -> Any:
        """Inline a local $ref (its siblings win on conflicts); leave anything else as is."""
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 32:
            target = self._resolve_pointer(root, schema["$ref"])
            if target is None:
                return schema
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            if isinstance(target, bool):
                return target if not siblings else (siblings if target else False)
            schema = {**target, **siblings}
            seen += 1
        return schema

    # -- the comparison ----------------------------------------------------- #
    def compare(self, old: Any, new: Any, path: str) -> None:
        # $refs: the same reference is compared once, where the target is defined
        # ($defs); different references are compared by their targets.
        if isinstance(old, dict) and isinstance(new, dict) and "$ref" in old and "$ref" in new \
                and old["$ref"] == new["$ref"]:
            old = {k: v for k, v in old.items() if k != "$ref"}
            new = {k: v for k, v in new.items() if k != "$ref"}
        else:
            old_ref = old.get("$ref") if isinstance(old, dict) else None
            new_ref = new.get("$ref") if isinstance(new, dict) else None
            old_target = self._deref(old, self.old_root)
            new_target = self._deref(new, self.new_root)
            for ref, target in ((old_ref, old_target), (new_ref, new_target)):
                if isinstance(ref, str) and isinstance(target, dict) and target.get("$ref") == ref:
                    # not a local reference: nothing to look into
                    if old_ref != new_ref:
                        self._add(path, f"reference changed from {_show(old_ref)} to {_show(new_ref)}")
                    return
            if old_ref or new_ref:
                key = (old_ref, new_ref)
                if key in self._active:
                    return  # recursive schema: already being compared higher up
                self._active.add(key)
                try:
                    self._compare_resolved(old_target, new_target, path)
                finally:
                    self._active.discard(key)
                return
        self._compare_resolved(old, new, path)

    def _compare_resolved(self, old: Any, new: Any, path: str) -> None:
        if old is False:
            return  # nothing was valid before; nothing can break
        if new is False:
            self._add(path, "no value is accepted any more (schema is now false)")
            return
        if new is True or (isinstance(new, dict) and not new):
            return  # anything goes now: only widening
        if old is True:
            old = {}
        if not isinstance(old, dict) or not isinstance(new, dict):
            return

        self._compare_types(old, new, path)
        self._compare_values(old, new, path)
        self._compare_strings(old, new, path)
        self._compare_numbers(old, new, path)
        self._compare_sizes(old, new, path)
        self._compare_object(old, new, path)
        self._compare_array(old, new, path)
        self._compare_defs(old, new, path)
        self._compare_all_of(old, new, path)
        self._compare_any_of(old, new, path)
        self._compare_conditional(old, new, path)
        if "not" in new and _canon(old.get("not")) != _canon(new["not"]):
            self._add(path, "'not' constraint added or changed")

    # types ------------------------------------------------------------------
    def _compare_types(self, old: dict, new: dict, path: str) -> None:
        old_types, new_types = _types(old), _types(new)
        if new_types is None:
            return
        if old_types is None:
            allowed = _allowed_values(old)
            if allowed is not None and all(_json_type_ok(v, new_types) for v in allowed):
                return  # the old enum/const already fits the new type
            self._add(path, f"type constraint added: now only {sorted(new_types)}")
            return
        lost = sorted(t for t in old_types
                      if t not in new_types and not (t == "integer" and "number" in new_types))
        if lost:
            within = all(t in old_types or (t == "integer" and "number" in old_types) for t in new_types)
            verb = "narrowed" if within else "changed"
            self._add(path, f"type {verb} from {sorted(old_types)} to {sorted(new_types)} "
                            f"({', '.join(lost)} no longer allowed)")

    # enum / const -----------------------------------------------------------
    def _compare_values(self, old: dict, new: dict, path: str) -> None:
        new_allowed = _allowed_values(new)
        if new_allowed is None:
            return
        old_allowed = _allowed_values(old)
        new_keys = {_canon(v) for v in new_allowed}
        if old_allowed is None:
            what = f"const {_show(new['const'])} added" if "const" in new else \
                f"enum added: now only {_show(new_allowed)}"
            self._add(path, what)
            return
        missing = [v for v in old_allowed if _canon(v) not in new_keys]
        if not missing:
            return
        if "const" in old and "const" in new:
            self._add(path, f"const changed from {_show(old['const'])} to {_show(new['const'])}")
        elif "const" in new:
            self._add(path, f"const {_show(new['const'])} replaces {_show(old_allowed)}; "
                            f"{_show(missing)} no longer allowed")
        else:
            label = "value" if len(missing) == 1 else "values"
            self._add(path, f"enum {label} removed: {', '.join(_show(v) for v in missing)}")

    # strings ----------------------------------------------------------------
    def _compare_strings(self, old: dict, new: dict, path: str) -> None:
        old_format, new_format = old.get("format"), new.get("format")
        if old_format != new_format:
            if old_format is None:
                self._add(path, f"format {_show(new_format)} added")
            elif new_format is None:
                self._add(path, f"format {_show(old_format)} removed (consumers may rely on it)")
            else:
                self._add(path, f"format changed from {_show(old_format)} to {_show(new_format)}")
        old_pattern, new_pattern = old.get("pattern"), new.get("pattern")
        if new_pattern is not None and new_pattern != old_pattern:
            if old_pattern is None:
                self._add(path, f"pattern {_show(new_pattern)} added")
            else:
                self._add(path, f"pattern changed from {_show(old_pattern)} to {_show(new_pattern)}")
        for keyword in ("contentEncoding", "contentMediaType"):
            if new.get(keyword) is not None and new.get(keyword) != old.get(keyword):
                self._add(path, f"{keyword} changed from {_show(old.get(keyword))} to {_show(new[keyword])}")

    # numbers ----------------------------------------------------------------
    def _compare_numbers(self, old: dict, new: dict, path: str) -> None:
        old_low, new_low = _lower_bound(old), _lower_bound(new)
        if new_low is not None:
            if old_low is None:
                self._add(path, f"minimum added ({_fmt_bound(new_low, True)})")
            elif (new_low[0], new_low[1]) > (old_low[0], old_low[1]):
                self._add(path, f"minimum raised from {_fmt_bound(old_low, True)} to {_fmt_bound(new_low, True)}")
        old_high, new_high = _upper_bound(old), _upper_bound(new)
        if new_high is not None:
            if old_high is None:
                self._add(path, f"maximum added ({_fmt_bound(new_high, False)})")
            elif (new_high[0], not new_high[1]) < (old_high[0], not old_high[1]):
                self._add(path, f"maximum lowered from {_fmt_bound(old_high, False)} to {_fmt_bound(new_high, False)}")
        new_mult, old_mult = new.get("multipleOf"), old.get("multipleOf")
        if isinstance(new_mult, (int, float)) and new_mult != old_mult:
            if not isinstance(old_mult, (int, float)):
                self._add(path, f"multipleOf {new_mult} added")
            elif (old_mult / new_mult) != int(old_mult / new_mult):
                self._add(path, f"multipleOf changed from {old_mult} to {new_mult}")

    # lengths and counts -----------------------------------------------------
    def _compare_sizes(self, old: dict, new: dict, path: str) -> None:
        for low, high, what in (("minLength", "maxLength", "length"),
                                ("minItems", "maxItems", "item count"),
                                ("minProperties", "maxProperties", "property count")):
            if isinstance(new.get(low), int) and new[low] > (old.get(low) or 0):
                self._add(path, f"{low} raised from {old.get(low, 0)} to {new[low]} ({what})")
            if isinstance(new.get(high), int):
                if not isinstance(old.get(high), int):
                    self._add(path, f"{high} {new[high]} added ({what})")
                elif new[high] < old[high]:
                    self._add(path, f"{high} lowered from {old[high]} to {new[high]} ({what})")
        if new.get("uniqueItems") is True and old.get("uniqueItems") is not True:
            self._add(path, "uniqueItems turned on")

    # objects ----------------------------------------------------------------
    def _compare_object(self, old: dict, new: dict, path: str) -> None:
        old_props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        for name, old_sub in old_props.items():
            if name not in new_props:
                self._add(path, f"property {name!r} removed")
            else:
                self.compare(old_sub, new_props[name], f"{path}.{name}")
        old_required = set(old.get("required") or [])
        for name in new.get("required") or []:
            if name not in old_required:
                self._add(path, f"property {name!r} newly required")

        for keyword in ("additionalProperties", "unevaluatedProperties"):
            old_extra = old.get(keyword, True)
            new_extra = new.get(keyword, True)
            if new_extra is False and old_extra is not False:
                self._add(path, f"{keyword} turned false")
            elif isinstance(new_extra, dict):
                self.compare(old_extra, new_extra, f"{path}.<{keyword}>")

        old_pattern_props = old.get("patternProperties") or {}
        for pattern, new_sub in (new.get("patternProperties") or {}).items():
            self.compare(old_pattern_props.get(pattern, True), new_sub, f"{path}.<{pattern}>")
        if "propertyNames" in new:
            self.compare(old.get("propertyNames", True), new["propertyNames"], f"{path}.<propertyNames>")

        old_dep = old.get("dependentRequired") or {}
        for name, needs in (new.get("dependentRequired") or {}).items():
            added = [n for n in needs if n not in (old_dep.get(name) or [])]
            if added:
                self._add(path, f"when {name!r} is present, now also requires {added}")
        old_dep_schemas = old.get("dependentSchemas") or {}
        for name, sub in (new.get("dependentSchemas") or {}).items():
            self.compare(old_dep_schemas.get(name, True), sub, f"{path}.<dependentSchemas {name}>")

    # arrays -----------------------------------------------------------------
    def _compare_array(self, old: dict, new: dict, path: str) -> None:
        old_prefix = old.get("prefixItems") or []
        new_prefix = new.get("prefixItems") or []
        for index, new_sub in enumerate(new_prefix):
            if index < len(old_prefix):
                old_sub = old_prefix[index]
            else:
                old_sub = old.get("items", True)
            self.compare(old_sub, new_sub, f"{path}[{index}]")
        if "items" in new:
            self.compare(old.get("items", True), new["items"], f"{path}[]")
        if "contains" in new and _canon(new["contains"]) != _canon(old.get("contains")):
            self._add(path, "'contains' constraint added or changed")

    # $defs ------------------------------------------------------------------
    def _compare_defs(self, old: dict, new: dict, path: str) -> None:
        for keyword in ("$defs", "definitions"):
            old_defs = old.get(keyword) or {}
            new_defs = new.get(keyword) or {}
            for name, old_sub in old_defs.items():
                sub_path = f"{path}.{keyword}.{name}"
                if name not in new_defs:
                    self._add(path, f"definition {keyword}/{name} removed (other schemas may reference it)")
                else:
                    self.compare(old_sub, new_defs[name], sub_path)

    # allOf ------------------------------------------------------------------
    def _compare_all_of(self, old: dict, new: dict, path: str) -> None:
        new_branches = new.get("allOf") or []
        old_branches = old.get("allOf") or []
        for index, branch in enumerate(new_branches):
            sub_path = f"{path}.allOf[{index}]"
            # a new branch is fine when some old branch already implied it
            if any(not self._probe(old_branch, branch, sub_path) for old_branch in old_branches):
                continue
            if index < len(old_branches):
                self.compare(old_branches[index], branch, sub_path)
            else:
                self.compare(True, branch, sub_path)

    # anyOf / oneOf ----------------------------------------------------------
    def _compare_any_of(self, old: dict, new: dict, path: str) -> None:
        new_keyword = next((k for k in _COMBINATORS if k in new), None)
        if new_keyword is None:
            return  # a removed alternative list only widens
        new_branches = new[new_keyword]
        old_keyword = next((k for k in _COMBINATORS if k in old), None)
        if old_keyword is not None:
            candidates = [(f"{old_keyword}[{i}]", b) for i, b in enumerate(old[old_keyword])]
        else:
            # the old schema had no alternatives: each of its types must fit a branch
            base = {k: v for k, v in old.items() if k not in _COMBINATORS}
            types = _types(base)
            if types and len(types) > 1:
                candidates = [(f"type {t}", {**base, "type": t}) for t in sorted(types)]
            else:
                candidates = [("", base)]
        for label, old_branch in candidates:
            results = [self._probe(old_branch, nb, f"{path}.{new_keyword}[{j}]")
                       for j, nb in enumerate(new_branches)]
            if any(not r for r in results):
                continue
            best = min(results, key=len) if results else []
            detail = "; ".join(best[:3]) if best else "no branch"
            what = f"old {label}" if label else "the old schema"
            self._add(path, f"{what} is not covered by any {new_keyword} branch ({detail})")

    # if / then / else ---------------------------------------------------------
    def _compare_conditional(self, old: dict, new: dict, path: str) -> None:
        if "if" not in new:
            return
        if "if" in old and _canon(old["if"]) == _canon(new["if"]):
            for keyword in ("then", "else"):
                if keyword in new:
                    self.compare(old.get(keyword, True), new[keyword], f"{path}.{keyword}")
            return
        if "if" in old:
            self._add(path, "'if' condition changed")
        for keyword in ("then", "else"):
            if keyword in new:
                self.compare(True, new[keyword], f"{path}.{keyword}")


def _json_type_ok(value: Any, types: set[str]) -> bool:
    if value is None:
        return "null" in types
    if isinstance(value, bool):
        return "boolean" in types
    if isinstance(value, int):
        return bool(types & _NUMBER_TYPES)
    if isinstance(value, float):
        return "number" in types or ("integer" in types and value.is_integer())
    if isinstance(value, str):
        return "string" in types
    if isinstance(value, list):
        return "array" in types
    if isinstance(value, dict):
        return "object" in types
    return False


# --------------------------------------------------------------------------- #
# the repository check
# --------------------------------------------------------------------------- #
_VERSION_FILE = re.compile(r"^v(?P<n>[0-9]+)\.schema\.json$")


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None


def _git_root(start: Path) -> Path | None:
    done = _git(["rev-parse", "--show-toplevel"], start)
    if done is None or done.returncode != 0:
        return None
    return Path(done.stdout.decode().strip())


def _committed_baseline(path: Path, root: Path, current: bytes) -> tuple[str, bytes] | None:
    """The committed version to compare the working-tree file with, as (commit, bytes)."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    done = _git(["log", "-2", "--format=%H", "--", rel], root)
    if done is None or done.returncode != 0:
        return None
    commits = done.stdout.decode().split()
    if not commits:
        return None  # untracked or never committed

    def show(commit: str) -> bytes | None:
        shown = _git(["show", f"{commit}:{rel}"], root)
        if shown is None or shown.returncode != 0:
            return None  # e.g. the commit deleted the file
        return shown.stdout

    latest = show(commits[0])
    if latest is not None and latest != current:
        return commits[0], latest
    if len(commits) > 1:
        before = show(commits[1])
        if before is not None and before != current:
            return commits[1], before
    return None


def check_tree(events_dir: Path, out=sys.stdout) -> int:
    """Run checks (a) and (b) over ``events_dir``; print findings; return the number of failures."""
    events_dir = Path(events_dir)
    root = _git_root(events_dir)
    failures = 0
    files = sorted(events_dir.rglob("*.schema.json"))
    if not files:
        print(f"compat: no *.schema.json under {events_dir}", file=out)
        return 0

    def label(p: Path) -> str:
        try:
            return p.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
        except ValueError:
            return str(p)

    for path in files:
        raw = path.read_bytes()
        try:
            new = json.loads(raw)
        except ValueError as exc:
            print(f"{label(path)}: not valid JSON: {exc}", file=out)
            failures += 1
            continue

        # (a) against the last committed version
        if root is not None:
            baseline = _committed_baseline(path, root, raw)
            if baseline is not None:
                commit, old_raw = baseline
                try:
                    old = json.loads(old_raw)
                except ValueError:
                    old = None
                if isinstance(old, dict) and isinstance(new, dict):
                    for reason in breaking_changes(old, new):
                        print(f"{label(path)} (vs commit {commit[:12]}): {reason}", file=out)
                        failures += 1

        # (b) against the previous version beside it
        match = _VERSION_FILE.match(path.name)
        if match and int(match["n"]) > 1:
            previous = path.with_name(f"v{int(match['n']) - 1}.schema.json")
            if not previous.exists():
                print(f"{label(path)}: {previous.name} is missing (versions must be consecutive)", file=out)
                failures += 1
                continue
            try:
                old = json.loads(previous.read_bytes())
            except ValueError:
                continue  # reported for that file itself
            acknowledged = isinstance(new, dict) and bool(new.get(ACK_KEYWORD))
            for reason in breaking_changes(old, new):
                if acknowledged:
                    print(f"{label(path)} (vs {previous.name}, acknowledged by {ACK_KEYWORD}): {reason}", file=out)
                else:
                    print(f"{label(path)} (vs {previous.name}): {reason}", file=out)
                    failures += 1
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Report backward-incompatible changes of the Edu71 event payload schemas.")
    parser.add_argument("files", nargs="*", metavar="OLD NEW",
                        help="compare two schema files instead of checking the repository")
    parser.add_argument("--events-dir", type=Path,
                        default=Path(__file__).resolve().parent.parent / "events",
                        help="folder of <EventName>/vN.schema.json files (default: contracts/events)")
    args = parser.parse_args(argv)

    if args.files:
        if len(args.files) != 2:
            parser.error("give exactly two files: OLD NEW")
        old, new = (json.loads(Path(f).read_text(encoding="utf-8")) for f in args.files)
        reasons = breaking_changes(old, new)
        for reason in reasons:
            print(reason)
        print(f"compat: {len(reasons)} breaking change(s)")
        return 1 if reasons else 0

    if not args.events_dir.is_dir():
        parser.error(f"no such folder: {args.events_dir}")
    failures = check_tree(args.events_dir)
    print(f"compat: {failures} breaking change(s) in {args.events_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
