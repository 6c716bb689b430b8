"""The generated pydantic models."""
