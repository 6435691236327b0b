"""Học vụ số: a static course-site generator for digital-skills courses (MkDocs plugin + CLI)."""
