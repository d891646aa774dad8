"""상품대량등록/상품대량수정: the Excel format (columns, cell mini-formats), reading rows into command
fields with per-cell errors, and writing the template and the export (openpyxl)."""
