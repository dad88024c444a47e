"""The MLOps methodology for data science projects as data: load, validate, score, export.

Pure Python in the scoring path (no file or network access), so the same code runs in the CLI,
in the site build and in the browser under Pyodide.
"""

from .answers import Answers, dumps, from_json_data, parse_bytes, parse_text, template, to_json_data
from .errors import HandbookError
from .model import Methodology, build_methodology
from .scoring import Score, score

__version__ = "0.1.0"

__all__ = [
    "Answers", "HandbookError", "Methodology", "Score", "build_methodology", "dumps",
    "from_json_data", "parse_bytes", "parse_text", "score", "template", "to_json_data",
]
