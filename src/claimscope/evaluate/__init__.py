"""Scoring extracted claims against gold files written to the annotation guideline (ANNOTATION.md)."""

from claimscope.evaluate.scoring import Report, score

__all__ = ["Report", "score"]
