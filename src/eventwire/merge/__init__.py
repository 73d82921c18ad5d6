"""Merging: articles into stories, and reports of one happening into one event with many mentions."""
