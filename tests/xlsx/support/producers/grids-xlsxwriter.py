"""XlsxWriter (Python; pandas' .xlsx engine) writes grids as a workbook:
python3 grids-xlsxwriter.py grids.json out.xlsx

grids.json: [{"sheet": "PL01", "values": [[...]], "formulas": [[...]] | null,
"merges": [{"row", "col", "rows", "cols"}], "formats": {"7,8": "dd/mm/yyyy"}}] (0-based rows and
columns, as the grid seam has them). XlsxWriter never calculates: every formula is saved with 0
as its result and the workbook asks for a full recalculation when it is opened, so Excel shows
the right totals and LibreOffice shows zeros.
"""
import json
import sys

import xlsxwriter


def main(src, out):
    with open(src, encoding="utf-8") as f:
        sheets = json.load(f)
    wb = xlsxwriter.Workbook(out, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    formats = {}

    def fmt(code):
        if code is None:
            return None
        if code not in formats:
            formats[code] = wb.add_format({"num_format": code})
        return formats[code]

    for sheet in sheets:
        ws = wb.add_worksheet(sheet["sheet"])
        cell_formats = sheet.get("formats") or {}
        formulas = sheet.get("formulas") or []
        covered = set()
        for m in sheet.get("merges") or []:
            r, c = m["row"], m["col"]
            first = sheet["values"][r][c] if r < len(sheet["values"]) and c < len(sheet["values"][r]) else None
            ws.merge_range(r, c, r + m["rows"] - 1, c + m["cols"] - 1, "" if first is None else first)
            for rr in range(r, r + m["rows"]):
                for cc in range(c, c + m["cols"]):
                    covered.add((rr, cc))
        for r, row in enumerate(sheet["values"]):
            for c, value in enumerate(row):
                if (r, c) in covered:
                    continue
                f = formulas[r][c] if r < len(formulas) and formulas[r] and c < len(formulas[r]) else None
                style = fmt(cell_formats.get(f"{r},{c}"))
                if f:
                    ws.write_formula(r, c, f, style)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value, style)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value, style)
                elif isinstance(value, str):
                    ws.write_string(r, c, value, style)
    wb.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
