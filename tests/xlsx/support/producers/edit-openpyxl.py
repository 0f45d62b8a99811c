"""openpyxl (Python) opens a workbook, changes cells and saves it:
python3 edit-openpyxl.py in.xlsx out.xlsx edits.json

edits.json: {"date1904": false, "cells": [{"sheet": "PL01", "cell": "I8", "value": 45113,
"format": "dd/mm/yyyy"}]}. A value may be a number, a text or a formula ("=SUM(I8:K8)");
"format" is an Excel number format code, or a built-in format by id ({"builtin": 14}).
openpyxl saves every formula without its result and asks for a full recalculation on load,
and "date1904" switches the workbook to the 1904 date system (Excel for Mac's old default).
"""
import json
import sys

import openpyxl
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def main(src, out, edits_path):
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    wb = openpyxl.load_workbook(src)
    if edits.get("date1904"):
        wb.epoch = CALENDAR_MAC_1904
    for edit in edits.get("cells", []):
        cell = wb[edit["sheet"]][edit["cell"]]
        if "value" in edit:
            cell.value = edit["value"]
        fmt = edit.get("format")
        if isinstance(fmt, dict):
            cell.number_format = BUILTIN_FORMATS[fmt["builtin"]]
        elif fmt is not None:
            cell.number_format = fmt
    wb.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
