"""Language layer: identification, tokenising, sentences, per-language models."""
