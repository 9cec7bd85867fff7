"""The shared file checksum and the multiset scores used by benchmarks and tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.checksums import file_sha256, has_sha256
from extractor.evaluate.match import multiset_f1


def test_file_sha256_reads_past_the_block_size(tmp_path: Path) -> None:
    data = bytes(range(256)) * 9000  # more than two 1 MiB blocks, not a whole number of them
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
    assert file_sha256(str(path)) == hashlib.sha256(data).hexdigest()


def test_has_sha256_wants_the_recorded_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"begroting 2024")
    recorded = hashlib.sha256(b"begroting 2024").hexdigest()
    assert has_sha256(path, recorded)
    assert not has_sha256(path, hashlib.sha256(b"begroting 2025").hexdigest())
    assert not has_sha256(path, None)  # nothing recorded: not known to be the same file
    assert not has_sha256(path, "")


def test_multiset_f1_counts_each_expected_item_once() -> None:
    precision, recall, f1 = multiset_f1(["a", "a", "b"], ["a", "c"])
    assert (precision, recall) == (1 / 3, 1 / 2)
    assert abs(f1 - 0.4) < 1e-12
    assert multiset_f1([], ["a"]) == (0.0, 0.0, 0.0)
    assert multiset_f1(["a"], []) == (0.0, 0.0, 0.0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5)), st.lists(st.integers(0, 5)))
def test_multiset_f1_counts_each_value_at_most_as_often_as_both_sides_hold_it(predicted: list[int],
                                                                             expected: list[int]) -> None:
    hits = sum(min(predicted.count(value), expected.count(value)) for value in set(predicted))
    precision, recall, f1 = multiset_f1(predicted, expected)
    assert precision == (hits / len(predicted) if predicted else 0.0)
    assert recall == (hits / len(expected) if expected else 0.0)
    assert 0.0 <= f1 <= 1.0
    assert multiset_f1(expected, predicted)[:2] == (recall, precision)  # symmetric roles
