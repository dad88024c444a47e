"""The one error type a user's mistake turns into: file, place, problem and fix in one paragraph."""

from __future__ import annotations

from .messages import current_language, t, use_language


class HandbookError(Exception):
    """A mistake in an input the user controls (a checklist YAML, an answers file, a CLI argument).

    The paragraph is written in the language current when the error is raised (messages.py), the
    language its problem and fix were written in.
    """

    def __init__(self, file: str, place: str, problem: str, fix: str) -> None:
        self.file = file
        self.place = place
        self.problem = problem.rstrip(".")
        self.fix = fix.rstrip(".")
        self.language = current_language()
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.file}, {self.place}" if self.place else self.file
        with use_language(self.language):
            return t("{where}: {problem}. Fix: {fix}.", where=where, problem=self.problem, fix=self.fix)

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "place": self.place, "problem": self.problem,
                "fix": self.fix, "message": self.message}
