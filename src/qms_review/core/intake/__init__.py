"""Order intake: reading spreadsheets, finding and mapping their data, validating, importing."""
