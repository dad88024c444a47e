"""The one error type a user's mistake turns into: file, place, problem and fix in one paragraph."""

from __future__ import annotations


class HandbookError(Exception):
    """A mistake in an input the user controls (a checklist YAML, an answers file, a CLI argument)."""

    def __init__(self, file: str, place: str, problem: str, fix: str) -> None:
        self.file = file
        self.place = place
        self.problem = problem.rstrip(".")
        self.fix = fix.rstrip(".")
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.file}, {self.place}" if self.place else self.file
        return f"{where}: {self.problem}. Fix: {self.fix}."

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "place": self.place, "problem": self.problem,
                "fix": self.fix, "message": self.message}
