"""How large a sheet the program reads (beyond: refused, by name). Apart from :mod:`reading`
so that the reading child can check them without importing the program (see :mod:`child`)."""

MAX_ROWS = 1_000_000
MAX_COLUMNS = 500
MAX_CELLS = 20_000_000  # rows × columns of a sheet's whole range (calamine makes it dense)
