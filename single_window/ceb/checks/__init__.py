"""Business checks that run after the XSD passes: code lists, arithmetic, line numbering, enterprises.

No re-exports here: the table (ceb/catalogue.py) imports the rule modules, and check.py, which runs them, reads the
table; a package that imported check.py would put the table inside its own loading.
"""
