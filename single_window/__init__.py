"""single-window: a simulator of China's cross-border e-commerce single window."""

__version__ = "0.1.0"
