"""Kennisplein Goed Werk: YAML content -> checked records -> pages, downloads and macros."""

from .problems import DataError, Problem
from .site import build_site

__all__ = ["DataError", "Problem", "build_site"]
