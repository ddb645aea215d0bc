"""The window's screens. Importing this package registers every scene by name."""

from balancing_act.frontends.window.scenes import (  # noqa: F401
    briefing,
    card,
    debrief,
    errors,
    inspector,
    menus,
    picker,
    remote,
    session,
    title,
)
