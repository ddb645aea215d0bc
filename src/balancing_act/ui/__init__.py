"""Everything that draws or plays sound: the only package that imports pygame."""
