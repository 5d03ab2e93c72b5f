"""How well the plan importer reads plans it was not written against.

Runs the import's own code path (``extract_text`` + ``parse_plan``, as ``POST /plans/import`` does) on
every document of the evaluation set in ``services/plans/tests/fixtures/plans/{train,heldout}``, on the
later held-out set ``services/plans/tests/fixtures/plans_heldout`` (split "fresh": written after the
importer had been tuned on the others, and scored apart so its first-sight figures stay meaningful), on
``plans_heldout/blind`` (split "blind": written after the importer had been fixed on "fresh"), on
``plans_heldout/blind2`` (split "blind2": written by someone who had not read the importer), on
``plans_heldout/blind3`` (split "blind3": likewise, written later by another such writer), on
``plans_heldout/blind4`` (split "blind4": likewise, its first-sight figures recorded in the commit that added it), on
``plans_heldout/blind5`` (split "blind5": likewise, twelve Hải Phòng plans of every level, a ward, a commune and the
city department, first-sight figures in the commit that added it), on ``plans_heldout/blind6`` (split "blind6": likewise,
thirteen plans from thirteen provinces other than Hải Phòng, annex tables with merged headings, a ward's report, Word files
exported to PDF by LibreOffice; gold targets carry hand-made indicator labels; first-sight figures in the commit that
added it), on ``plans_heldout/blind7`` (split "blind7": likewise, seventeen plans from as many provinces, every level, a
PTDTNT and a trường chuyên, a ward, two communes and a provincial department; kept out of the unit tests' scoring so
that its first run is a first sight, figures in the commit that first scored it), on ``plans_heldout/blind8`` (split
"blind8": likewise, twelve plans of every level, a PTDTNT, a PTDTBT and a trường chuyên, a ward, a commune and a
department's programme; targets against a baseline, counts, norms, text pasted from PDF; gold rendered with each document
from one source in ``blind8/src``), on ``plans_heldout/blind9`` (split "blind9": likewise, written without reading the
importer, twelve plans from the mountains, the Central Highlands, the Mekong delta and Hồ Chí Minh City, two of them
long, two short notices; hard cases reasoned in each gold's "notes"), on ``plans_heldout/blind10`` (split "blind10":
likewise, thirteen plans from thirteen provinces, each in a place no earlier set used; school-year plans, baselines,
layout tables, a reportlab PDF with words cut across lines; left out of "all" so that it is scored only when named, once),
on ``plans_heldout/blind11`` (split "blind11": likewise, twelve plans from twelve places no earlier set used, two long
PDFs with appendix tables, two short notices, captions and phases as horizons, copied and revised figures that are not
the unit's; left out of "all" like blind10) and on the two real seed plans
(``../shared/seeds``, gold labels in ``bench/data/seeds``), and compares with the hand-made gold labels beside each
document.

A target matches a gold target when value, comparator and horizon year agree, and the unit where the
gold gives one (one to one). "At least 100%" is labelled "=" (no share exceeds the whole). Header fields (issuer, superior body, number and symbol, place, date,
title, signer and position) are compared after Unicode normalisation, with case and runs of spaces
ignored; a field the document does not have is right when the importer finds none. Where the gold names
the unit the document speaks for (``named_unit``), the column "unit" is the share found right.

The column "indicator" is the share of the found targets for which the importer proposes a catalogue
indicator (``plans.domain.importer.indicators.propose`` against ``fixtures/catalogue_31.json``) and, where
the gold targets carry a hand-made ``indicator`` label (the held-out plans: a code, null when no indicator
fits, or a list of acceptable codes), the share proposed right, "none" included. The proposals' accuracy is measured on the labelled
sentences of ``fixtures/indicator_proposals.json`` (train: wordings the synonyms were written from;
heldout: phrasings written afterwards, typos and missing diacritics included) and of
``fixtures/indicator_sentences.json`` (286 sentences of every indicator and school level, abbreviations, typos and
sentences no indicator fits; "tune": the wording data were tuned on them, "heldout": 40 %, scored once), printed
last. "confident wrong" is the share of scored targets given a wrong indicator with a confidence the API does not
flag for review (``indicators.CONFIDENT``); "named" is the accuracy where the gold names an indicator (not null).

With ``--perturb`` every plan of the chosen splits (the seeds left out) is read again damaged the ways real documents
are (``fixtures/perturb.py``: hard line breaks mid-sentence, hyphenated line ends, doubled and no-break spaces, tabs,
no diacritics, decomposed Unicode, a space before "%", other bullets and numbering, paragraphs in a layout table's
cells) against the same gold labels; each perturbation's figures are printed beside the undamaged ones, and the plans
it reads worse than undamaged are listed.

With ``--tables N`` the plans are N target tables drawn from a grammar of the shapes plans use
(``fixtures/tables/generate.py``: horizons as columns or rows, school levels as columns, one target column; baseline,
unit, notes and "who does it" columns; headings over two rows, column numbers, group rows, damaged cells), each read as
a .docx, a PDF drawn by reportlab, the .docx exported to PDF by LibreOffice and a plain text (tab- and space-aligned),
against the targets the grammar put in; F1 is printed per family and rendering, then per trait.

    .venv/bin/python bench/plan_import_accuracy.py [--show]
        [--split train|heldout|fresh|blindN|seeds|all]
        [--perturb [wrap hyphen spaces nbsp tabs unaccented nfd pct bullets numbering layout pasted]] [--tables N [--seed S]]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from plans.domain.catalogue import CatalogueView
from plans.domain.importer import extract_text, parse_plan
from plans.domain.importer.indicators import CONFIDENT, propose

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "services" / "plans" / "tests" / "fixtures" / "plans"
FRESH = FIXTURES.parent / "plans_heldout"
SEED_LABELS = ROOT / "bench" / "data" / "seeds"
sys.path.insert(0, str(FIXTURES.parent))
from perturb import PERTURBATIONS, header_gold, perturb  # noqa: E402

SEEDS = Path(os.environ.get("EDU71_SEEDS_DIR", ROOT / ".." / "shared" / "seeds"))
CATALOGUE = CatalogueView.from_contract(
    json.loads((FIXTURES.parent / "catalogue_31.json").read_text(encoding="utf-8")))
PROPOSALS = FIXTURES.parent / "indicator_proposals.json"
SENTENCES = FIXTURES.parent / "indicator_sentences.json"
HEADER_FIELDS = ("issuer", "superior", "number_symbol", "place", "issued_on", "title", "signer_title", "signer")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    header_ok: int = 0
    header_all: int = 0
    proposed: int = 0
    labelled: int = 0
    labelled_right: int = 0
    confident_wrong: int = 0
    named: int = 0
    named_right: int = 0
    unit_ok: int = 0
    unit_all: int = 0
    #: Targets found when "=" and a bound count as one comparator (:func:`same_comparator`).
    tp_lenient: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.header_ok += other.header_ok
        self.header_all += other.header_all
        self.proposed += other.proposed
        self.labelled += other.labelled
        self.labelled_right += other.labelled_right
        self.confident_wrong += other.confident_wrong
        self.named += other.named
        self.named_right += other.named_right
        self.unit_ok += other.unit_ok
        self.unit_all += other.unit_all
        self.tp_lenient += other.tp_lenient

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def f1_lenient(self) -> float:
        """F1 when "=" and a bound count as one comparator: the reading, apart from the writers' labelling habit."""
        found, wanted = self.tp + self.fp, self.tp + self.fn
        return 2 * self.tp_lenient / (found + wanted) if found + wanted else 1.0

    @property
    def header(self) -> float:
        return self.header_ok / self.header_all if self.header_all else 1.0


def norm(value) -> str | None:
    if value is None or value == "":
        return None
    text = unicodedata.normalize("NFC", str(value))
    return re.sub(r"\s+", " ", text).strip().casefold()


def header_value(parsed, name: str):
    if name == "number_symbol":
        found = getattr(parsed, name, None)
        return re.sub(r"\s+", "", found.value) if found else None
    found = getattr(parsed, name, None)
    if name == "issuer" and found is None:
        found = getattr(parsed, "school_name", None)   # importers that know only the school's name
    if found is None:
        return None
    value = found.value
    return value.isoformat() if hasattr(value, "isoformat") else value


def overlap(span: str, text: str | None) -> int:
    """How many words a gold span and a target's clause or sentence share."""
    return len(set((norm(span) or "").split()) & set((norm(text) or "").split()))


#: Words a writer gives a level's unit: accreditation counts "cấp độ", national standard and universal education
#: "mức (độ)"; the importer calls every level "mức".
LEVEL_UNITS = {"mức", "mức độ", "cấp độ", "cấp"}


def same_unit(gold: str, found: str | None) -> bool:
    return found == gold or gold in LEVEL_UNITS and found in LEVEL_UNITS


def same_comparator(gold: str, found: str, lenient: bool) -> bool:
    """``lenient``: "=" and a bound ("≥", "≤") count as one; writers label "đạt 95%", "mức độ 2" and "không có học
    sinh bỏ học" either way (the platform judges "=" by the indicator's direction, so it means the same there)."""
    return gold == found or lenient and "=" in (gold, found) and {gold, found} <= {"=", ">=", "<="}


def _group(comparator: str, lenient: bool) -> str:
    return "=" if lenient and comparator in (">=", "<=") else comparator


def fits(g: dict, p: dict, lenient: bool = False) -> bool:
    """Can this found target be the gold one: same value, comparator and horizon year, and unit where the gold has one."""
    return (abs(p["value"] - g["value"]) < 1e-9 and same_comparator(g["comparator"], p["comparator"], lenient)
            and (int(p["horizon"][:4]) if p["horizon"] else None) == g["year"]
            and (not g.get("unit") or same_unit(g["unit"], p["unit"])))


def pair_targets(golds: list[dict], predicted: list[dict], lenient: bool = False) -> dict[int, int]:
    """Gold index → found index, one to one: as many pairs as can be made, and of those the pairing whose found targets
    share most words with their gold spans (clause first, then sentence).

    Pairing gold targets one at a time could give a found target to the wrong one of two golds with the same value and
    year, and then count the other gold missed and its own found target extra, or score the wrong proposal. Solved as
    an assignment (Hungarian method) on each group of targets with the same value, comparator and year."""
    groups: dict[tuple, tuple[list[int], list[int]]] = {}
    for i, g in enumerate(golds):
        groups.setdefault((round(g["value"], 9), _group(g["comparator"], lenient), g["year"]), ([], []))[0].append(i)
    for k, p in enumerate(predicted):
        key = (round(p["value"], 9), _group(p["comparator"], lenient), int(p["horizon"][:4]) if p["horizon"] else None)
        if key in groups:
            groups[key][1].append(k)
    pairs: dict[int, int] = {}
    for gi, pk in groups.values():
        if not pk:
            continue
        n = max(len(gi), len(pk))
        weight = [[0.0] * n for _ in range(n)]
        for a, i in enumerate(gi):
            for b, k in enumerate(pk):
                if fits(golds[i], predicted[k], lenient):
                    # a pair always outweighs any words shared; then the clause's words, then the sentence's
                    weight[a][b] = 1e6 + 1e3 * overlap(golds[i]["span"], predicted[k]["text"]) + overlap(
                        golds[i]["span"], predicted[k]["source_sentence"]) - k * 1e-6
        for a, b in enumerate(_assignment(weight)):
            if a < len(gi) and b < len(pk) and weight[a][b] > 0:
                pairs[gi[a]] = pk[b]
    return pairs


def _assignment(weight: list[list[float]]) -> list[int]:
    """For a square weight matrix, the column of each row in an assignment of greatest total weight (Hungarian method)."""
    n = len(weight)
    top = max((w for row in weight for w in row), default=0.0)
    cost = [[top - w for w in row] for row in weight]
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for row in range(1, n + 1):
        match[0], col0 = row, 0
        least, done = [float("inf")] * (n + 1), [False] * (n + 1)
        while match[col0]:
            done[col0], r0, delta, col1 = True, match[col0], float("inf"), 0
            for col in range(1, n + 1):
                if not done[col]:
                    reduced = cost[r0 - 1][col - 1] - u[r0] - v[col]
                    if reduced < least[col]:
                        least[col], way[col] = reduced, col0
                    if least[col] < delta:
                        delta, col1 = least[col], col
            for col in range(n + 1):
                if done[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    least[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    columns = [0] * n
    for col in range(1, n + 1):
        if match[col]:
            columns[match[col] - 1] = col - 1
    return columns


def score_document(data: bytes, filename: str, gold: dict, parsed=None) -> Score:
    parsed = parsed or parse_plan(extract_text(data, filename).text)
    s = Score()
    for name in HEADER_FIELDS:
        want, got = norm(gold["header"].get(name)), norm(header_value(parsed, name))
        s.header_all += 1
        if want == got:
            s.header_ok += 1
        else:
            s.misses.append(f"header {name}: want {want!r} got {got!r}")
    if "named_unit" in gold:
        want, got = norm(gold["named_unit"]), norm(header_value(parsed, "named_unit"))
        s.unit_all += 1
        s.unit_ok += want == got
        if want != got:
            s.misses.append(f"named unit: want {want!r} got {got!r}")
    predicted = [t.to_dict() for t in parsed.targets]
    pairs = pair_targets(gold["targets"], predicted)
    s.tp_lenient = len(pair_targets(gold["targets"], predicted, lenient=True))
    used = [False] * len(predicted)
    for i, g in enumerate(gold["targets"]):
        hit = pairs.get(i)
        if hit is None:
            s.fn += 1
            s.misses.append(f"missed {g['comparator']} {g['value']} {g.get('unit')} {g['year']}: {g['span']}")
        else:
            used[hit] = True
            s.tp += 1
            t = parsed.targets[hit]
            got = propose(t.source_sentence.value or t.text, t.unit.value, CATALOGUE, hint=t.indicator_code.value,
                          clause=t.text)
            s.proposed += got.code is not None
            if "indicator" in g:  # hand-labelled: a code, null (none fits), or a list of acceptable answers
                wanted = g["indicator"] if isinstance(g["indicator"], list) else [g["indicator"]]
                s.labelled += 1
                s.labelled_right += got.code in wanted
                s.confident_wrong += got.code not in wanted and got.code is not None and got.confidence >= CONFIDENT
                if None not in wanted:
                    s.named += 1
                    s.named_right += got.code in wanted
                if got.code not in wanted:
                    s.misses.append(f"indicator: want {wanted} got {got.code}: {g['span']}")
    for k, p in enumerate(predicted):
        if not used[k]:
            s.fp += 1
            s.misses.append(f"extra {p['comparator']} {p['value']} {p['unit']} {p['horizon']}: {p['text'][:70]}")
    return s


def documents(split: str):
    """(name, bytes, gold) of a split; seeds that are not on this machine are left out."""
    if split == "seeds":
        for label in sorted(SEED_LABELS.glob("*.json")):
            gold = json.loads(label.read_text(encoding="utf-8"))
            path = SEEDS / gold["document"]
            if path.exists():
                yield gold["document"], path.read_bytes(), gold
        return
    folder = FRESH if split == "fresh" else FRESH / split if split.startswith("blind") else FIXTURES / split
    for label in sorted(folder.glob("*.json")):
        gold = json.loads(label.read_text(encoding="utf-8"))
        yield gold["document"], (folder / gold["document"]).read_bytes(), gold


def line(name: str, s: Score) -> str:
    return (f"{name:<34} P {s.precision:5.2f}  R {s.recall:5.2f}  F1 {s.f1:5.2f} (=/≥ {s.f1_lenient:4.2f})  "
            f"({s.tp:3d}/{s.tp + s.fn:3d} found, {s.fp:2d} extra)   header {s.header:6.1%}   "
            f"indicator {s.proposed / s.tp if s.tp else 1:6.1%}"
            + (f" proposed, {s.labelled_right / s.labelled:6.1%} right ({s.labelled_right}/{s.labelled}),"
               f" named {s.named_right / s.named if s.named else 1:6.1%},"
               f" {s.confident_wrong / s.labelled:5.1%} confident wrong"
               if s.labelled else " proposed")
            + (f"   unit {s.unit_ok}/{s.unit_all}" if s.unit_all else ""))


def proposal_accuracy(show: bool) -> None:
    """Accuracy of the proposed indicator on the labelled sentences, per split."""
    print("--- indicator proposals (labelled sentences)")
    items = json.loads(PROPOSALS.read_text(encoding="utf-8"))["items"]
    for split in ("train", "heldout"):
        sentence_accuracy(split, [{**i, "expected": [i["expected"]]} for i in items if i["split"] == split], show)
    items = json.loads(SENTENCES.read_text(encoding="utf-8"))["items"]
    for split in ("tune", "heldout"):
        # the held-out part's misses stay unseen: looking at them would make it a tuning set
        sentence_accuracy(f"sentences {split}", [i for i in items if i["split"] == split], show and split == "tune")


def sentence_accuracy(name: str, chosen: list[dict], show: bool) -> None:
    right = named = named_right = confident_wrong = 0
    for item in chosen:
        got = propose(item["sentence"], item["unit"], CATALOGUE)
        ok = got.code in item["expected"]
        right += ok
        if None not in item["expected"]:
            named += 1
            named_right += ok
        confident_wrong += not ok and got.code is not None and got.confidence >= CONFIDENT
        if show and not ok:
            print(f"      want {item['expected']} got {got.code} ({got.confidence}): {item['sentence']}")
    print(f"{name:<34} accuracy {right / len(chosen):6.1%}  ({right}/{len(chosen)})"
          f"   named {named_right / named if named else 1:6.1%} ({named_right}/{named})"
          f"   confident wrong {confident_wrong / len(chosen):5.1%} ({confident_wrong})")


def perturbed(splits: list[str], kinds: list[str], show: bool) -> None:
    """Each perturbation's figures over the splits, beside the undamaged ones; the plans it reads worse."""
    plans = [(f"{split}/{name}", extract_text(data, name).text, gold, data)
             for split in splits if split != "seeds" for name, data, gold in documents(split)]
    base, clean = Score(), {}
    for name, text, gold, _ in plans:
        clean[name] = score_document(b"", name, gold, parse_plan(text))
        base.add(clean[name])
    print(f"--- perturbed ({len(plans)} plans)")
    print(line("undamaged", base))
    for kind in kinds:
        total, worse = Score(), []
        for name, text, gold, original in plans:
            data, filename = perturb(text, kind, name, original)
            g = {**gold, "header": {k: header_gold(v, kind) for k, v in gold["header"].items()}}
            if "named_unit" in g:
                g["named_unit"] = header_gold(g["named_unit"], kind)
            s = score_document(data, filename, g)
            total.add(s)
            if s.f1 < clean[name].f1 - 1e-9 or s.header < clean[name].header - 1e-9:
                worse.append((name, s))
        print(line(kind, total) + f"   worse on {len(worse)}")
        if show:
            for name, s in worse:
                print("    " + line(name, s))
                for miss in s.misses:
                    if miss not in clean[name].misses and not miss.startswith("indicator"):
                        print(f"          {miss}")


def generated_tables(n: int, seed: int, show: bool) -> None:
    """F1 over n generated target tables, per family and rendering, then per trait."""
    sys.path.insert(0, str(FIXTURES.parent / "tables"))
    from generate import FAMILIES, KINDS, render, render_lo, variants

    chosen = variants(n, seed)
    kinds = [*KINDS, "lo"]
    lo = render_lo(chosen) if shutil.which("soffice") else {}
    by_family: dict[tuple[str, str], Score] = {}
    by_trait: dict[str, Score] = {}
    total = Score()
    for v in chosen:
        gold = {"header": {}, "targets": [{"comparator": c, "value": x, "unit": u, "year": y, "span": ""}
                                          for c, x, u, y in v.gold]}
        for kind in kinds:
            if kind == "lo" and v.name not in lo:
                continue
            data, filename = (lo[v.name], f"{v.name}.pdf") if kind == "lo" else render(v, kind)
            s = score_document(data, filename, gold)
            s.header_ok = s.header_all = 0
            total.add(s)
            by_family.setdefault((v.family, kind), Score()).add(s)
            for trait in v.traits:
                by_trait.setdefault(trait, Score()).add(s)
            if show and (s.fn or s.fp):
                print(f"    {v.name} {kind} {' '.join(v.traits)}")
                for miss in s.misses:
                    if not miss.startswith(("header", "indicator")):
                        print(f"          {miss}")
    print(f"--- generated tables ({n}, seed {seed})")
    for family in FAMILIES:
        print(f"{family:<14}" + "  ".join(f"{kind} {by_family[family, kind].f1:4.2f}" for kind in kinds
                                          if (family, kind) in by_family))
    for trait in sorted(by_trait):
        s = by_trait[trait]
        print(f"  {trait:<24} F1 {s.f1:4.2f}  ({s.tp}/{s.tp + s.fn} found, {s.fp} extra)")
    print(f"== generated tables        P {total.precision:4.2f}  R {total.recall:4.2f}  F1 {total.f1:4.2f}  "
          f"({total.tp}/{total.tp + total.fn} found, {total.fp} extra)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    blind_sets = sorted((p.name for p in FRESH.glob("blind*") if p.is_dir()), key=lambda n: int(n[5:] or 1))
    ap.add_argument("--split", default="all", choices=["train", "heldout", "fresh", *blind_sets, "seeds", "all"])
    ap.add_argument("--show", action="store_true", help="print each miss and each extra target")
    ap.add_argument("--perturb", nargs="*", choices=PERTURBATIONS,
                    help="score the plans damaged as real documents are (all the ways when none is named)")
    ap.add_argument("--tables", type=int, metavar="N", help="score N generated target tables instead of the splits")
    ap.add_argument("--seed", type=int, default=71, help="the generated tables' seed")
    args = ap.parse_args()
    if args.tables:
        generated_tables(args.tables, args.seed, args.show)
        return
    splits = (["train", "heldout", "fresh", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8",
               "blind9", "seeds"]
              if args.split == "all" else [args.split])
    if args.perturb is not None:
        perturbed(splits, args.perturb or list(PERTURBATIONS), args.show)
        return
    for split in splits:
        total = Score()
        print(f"--- {split}")
        for name, data, gold in documents(split):
            s = score_document(data, name, gold)
            total.add(s)
            print(line(name, s))
            if args.show:
                for miss in s.misses:
                    print(f"      {miss}")
        if split == "seeds" and not total.header_all:
            print(f"(seed plans not found at {SEEDS})")
            continue
        print(line(f"== {split} overall", total))
    proposal_accuracy(args.show)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
