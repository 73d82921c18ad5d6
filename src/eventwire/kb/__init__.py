"""Knowledge base: actors and places."""
