"""One emitter per keyword (or per family of keywords): its op, its build, its code."""
