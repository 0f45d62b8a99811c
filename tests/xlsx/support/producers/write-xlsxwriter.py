"""XlsxWriter (Python scripts, pandas' fast .xlsx engine) writes every layout of a JSON layout
file as .xlsx: python3 write-xlsxwriter.py layouts.json out-dir → out-dir/<layout>.xlsx.

XlsxWriter never calculates: a formula is saved with the result it is given, 0 by default,
and every workbook asks for a full recalculation on load. Layouts with "cache": "value" give
the true result (as a careful script does); "zero" leaves XlsxWriter's default 0.
"""
import json
import os
import sys

import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol


def write(book, path):
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    plain, bold_fmt, fmts = wb.add_format(), wb.add_format({"bold": True}), {}

    def fmt(code, bold):
        key = (code, bold)
        if key not in fmts:
            props = {"num_format": code} if code else {}
            if bold:
                props["bold"] = True
            fmts[key] = wb.add_format(props)
        return fmts[key]

    for sheet in book["sheets"]:
        ws = wb.add_worksheet(sheet["name"])
        body = set(sheet["body"])
        bold = set(sheet["bold"])
        merged_at = {}
        for m in sheet["merges"]:
            first, last = m.split(":")
            r1, c1 = xl_cell_to_rowcol(first)
            r2, c2 = xl_cell_to_rowcol(last)
            merged_at[(r1, c1)] = (r2, c2)
        for r, row in enumerate(sheet["rows"]):
            for c, cell in enumerate(row):
                code = sheet["numFmts"].get(str(c)) if r in body and not isinstance(cell, str) else None
                f = fmt(code, r in bold) if (code or r in bold) else plain
                if (r, c) in merged_at:
                    r2, c2 = merged_at.pop((r, c))
                    # merge_range writes the value with write(): text stays text (strings_to_* off).
                    ws.merge_range(r, c, r2, c2, "" if cell is None else cell, f)
                elif cell is None:
                    continue
                elif isinstance(cell, dict):
                    if book["cache"] == "zero":
                        ws.write_formula(r, c, "=" + cell["f"], f)
                    else:
                        ws.write_formula(r, c, "=" + cell["f"], f, cell["v"])
                elif isinstance(cell, str):
                    ws.write_string(r, c, cell, f)
                else:
                    ws.write_number(r, c, cell, f)
        for (r1, c1), (r2, c2) in merged_at.items():
            ws.merge_range(r1, c1, r2, c2, "", plain)
        for c, w in enumerate(sheet["widths"]):
            ws.set_column(c, c, w)
    wb.close()


def main():
    layouts_path, out_dir = sys.argv[1], sys.argv[2]
    with open(layouts_path, encoding="utf-8") as f:
        layouts = json.load(f)
    for name, book in layouts.items():
        write(book, os.path.join(out_dir, name + ".xlsx"))


if __name__ == "__main__":
    main()
