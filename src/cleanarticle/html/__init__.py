"""The HTML route: parse, read the fields, strip chrome, choose the body, build its units."""
