"""Classroom sessions: session files, result records, replay verification, class reports."""
