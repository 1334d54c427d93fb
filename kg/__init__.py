"""kg: knowledge graphs of who helped whom, from People's Daily articles."""

__version__ = "0.1.0"
