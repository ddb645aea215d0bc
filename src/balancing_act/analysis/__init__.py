"""Balance analysis: policies, simulation reports, coverage search (no pygame here)."""
