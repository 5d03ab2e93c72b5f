"""Plan importer, pure core: uploaded bytes → text → structured plan fields (no HTTP, no database).

    extracted = extract_text(data, filename)          # ExtractedText, or raises ImportRefused
    parsed = parse_plan(extracted.text)               # ParsedPlan
    body = parsed.to_plan_dict()                      # PlanWriteSchema-shaped dict (a draft to confirm)
"""
from plans.domain.importer.header import names_same_unit
from plans.domain.importer.model import Extracted, ParsedTarget, Source
from plans.domain.importer.parse import ParsedPlan, ParsedSection, extract_targets, parse_plan
from plans.domain.importer.text import (
    ArchiveTooLarge,
    BinaryContent,
    CorruptDocument,
    ExtractedText,
    ImportRefused,
    NoTextLayer,
    UnsupportedFileType,
    decode_text,
    extract_text,
    sniff,
)

__all__ = [
    "ArchiveTooLarge", "BinaryContent", "CorruptDocument", "Extracted", "ExtractedText", "ImportRefused",
    "NoTextLayer", "ParsedPlan", "ParsedSection", "ParsedTarget", "Source", "UnsupportedFileType",
    "decode_text", "extract_targets", "extract_text", "names_same_unit", "parse_plan", "sniff",
]
