"""openpyxl (Python scripts, pandas' default .xlsx engine) writes every layout of a JSON layout
file as .xlsx: python3 write-openpyxl.py layouts.json out-dir → out-dir/<layout>.xlsx.

openpyxl cannot store a formula's result: every formula is saved without one, and the
workbook asks for a full recalculation on load (openpyxl's default calcPr), whatever the
layout's "cache" says.
"""
import json
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def write(book, path):
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        body = set(sheet["body"])
        bold = set(sheet["bold"])
        for r, row in enumerate(sheet["rows"]):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                target = ws.cell(row=r + 1, column=c + 1)
                if isinstance(cell, dict):
                    target.value = "=" + cell["f"]
                else:
                    target.value = cell
                    if isinstance(cell, str):
                        # A text cell stays text even when it starts like a formula.
                        target.data_type = "s"
                if r in bold:
                    target.font = Font(bold=True)
                fmt = sheet["numFmts"].get(str(c))
                if fmt and r in body and not isinstance(cell, str):
                    target.number_format = fmt
        for m in sheet["merges"]:
            ws.merge_cells(m)
        for c, w in enumerate(sheet["widths"]):
            ws.column_dimensions[get_column_letter(c + 1)].width = w
    wb.save(path)


def main():
    layouts_path, out_dir = sys.argv[1], sys.argv[2]
    with open(layouts_path, encoding="utf-8") as f:
        layouts = json.load(f)
    for name, book in layouts.items():
        write(book, os.path.join(out_dir, name + ".xlsx"))


if __name__ == "__main__":
    main()
