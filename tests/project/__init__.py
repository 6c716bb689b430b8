"""The project's own files: the layout, complexity, the README, the changelog, the project's
address."""
