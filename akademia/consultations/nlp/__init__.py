"""Classification of consultation comments into thematic blocks (Django-free).

Public API: `train`, `Model`, `Prediction`, `default_model`, `group_near_duplicates`,
`BLOCKS`, `TOP_LEVEL_BLOCKS`, `top_level`; the CLI lives in `cli.main`.
"""

from .blocks import BLOCK_LABELS, BLOCKS, TOP_LEVEL_BLOCKS, top_level
from .duplicates import group_near_duplicates
from .model import Model, ModelConfig, Prediction, default_model, train

__all__ = [
    "BLOCKS",
    "BLOCK_LABELS",
    "TOP_LEVEL_BLOCKS",
    "Model",
    "ModelConfig",
    "Prediction",
    "default_model",
    "group_near_duplicates",
    "top_level",
    "train",
]
