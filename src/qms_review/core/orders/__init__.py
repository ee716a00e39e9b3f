"""Orders and their revisions, the differences between revisions, the parts catalogue
and the values cells hold."""
