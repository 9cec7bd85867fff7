"""Package layout that pyproject.toml cannot express: ship the top-level `models/` folder as package data.

`models/` stays at the top of the repository (the editable source of the spaCy pipeline and the
vocabularies); in a wheel it becomes `extractor/_models/`, found by `extractor.resources.models_dir()`.
Every file below `models/data/` and `models/pipeline/` is included by glob, so a new data file needs
no change here. All other metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["extractor", "extractor.*"]) + ["extractor._models"],
    package_dir={"extractor._models": "models"},
    package_data={"extractor._models": ["data/*", "data/**/*", "pipeline/*", "pipeline/**/*"]},
)
