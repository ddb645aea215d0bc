"""Scenes by name: a scene module registers its class with `@scene("name")`, and screens open
each other by these names through the host."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from balancing_act.frontends.window.scenes.base import Scene

SceneType = TypeVar("SceneType", bound="type[Scene]")
SCENES: dict[str, type[Scene]] = {}


def scene(name: str) -> Callable[[SceneType], SceneType]:
    def register(cls: SceneType) -> SceneType:
        if name in SCENES:
            raise RuntimeError(f"two scenes are named {name!r}")
        cls.name = name
        SCENES[name] = cls
        return cls

    return register


def scene_class(name: str) -> type[Scene]:
    if name not in SCENES:
        raise KeyError(f"no scene is named {name!r}; the scenes are {', '.join(sorted(SCENES))}")
    return SCENES[name]
