"""Review records: their contents, the PDF, PAdES signatures and their verification,
and exports to Excel."""
