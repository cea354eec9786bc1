"""Stories: find the copies of each story in a dump of cleaned articles."""
