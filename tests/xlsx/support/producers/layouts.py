"""openpyxl writes the district layouts of tests/xlsx/layouts.test.ts (issue 13: headers read by
meaning, legacy fonts, "-" for nothing, the header repeated at a page break) as .xlsx:

    python3 layouts.py books.json out-dir  ->  out-dir/<book>.xlsx

books.json: { "<book>": [ { "name": "PL01", "rows": [[cell, ...], ...],
                            "merges": [[row, col, rows, cols], ...],
                            "font": { "name": ".VnTime", "rows": [4, 5, 6] } }, ... ] }
Cells are null, numbers or text; text is always stored as text (a "-" or "403,305" stays what
was typed). Rows and columns are 0-based. "font" sets the font of every text cell in those rows,
as a person typing with a legacy Vietnamese font does (the cell stores the font's byte codes).
"""
import json
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def write(sheets, path):
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet["name"])
        font = sheet.get("font")
        font_rows = set(font["rows"]) if font else set()
        for r, row in enumerate(sheet["rows"]):
            for c, value in enumerate(row):
                if value is None:
                    continue
                cell = ws.cell(row=r + 1, column=c + 1)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
                    if r in font_rows:
                        cell.font = Font(name=font["name"])
        for row, col, rows, cols in sheet.get("merges", []):
            first = f"{get_column_letter(col + 1)}{row + 1}"
            last = f"{get_column_letter(col + cols)}{row + rows}"
            ws.merge_cells(f"{first}:{last}")
    wb.save(path)


def main():
    books_path, out_dir = sys.argv[1], sys.argv[2]
    with open(books_path, encoding="utf-8") as f:
        books = json.load(f)
    for name, sheets in books.items():
        write(sheets, os.path.join(out_dir, name + ".xlsx"))


if __name__ == "__main__":
    main()
