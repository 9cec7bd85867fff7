"""Document metadata — in progress."""

from extractor.model import Metadata


def parse_metadata(laid_out) -> Metadata:
    return Metadata()
