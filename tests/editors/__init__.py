"""Drivers for the editors and validators the suite runs on the shipped schemas (npm packages
pinned in package.json / package-lock.json beside this file)."""
