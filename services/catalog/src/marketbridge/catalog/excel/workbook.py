"""Writing and reading the product workbook with openpyxl: the template (headers, guide row, example row,
drop-down lists from a hidden sheet, reference sheets for categories and notice groups) and the export of
current products in the same format; reading yields `(excel row number, {column key: value})`."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.reference import ShippedReference
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

SHEET = "상품"
FIRST_DATA_ROW = 3  # row 1: headers, row 2: guide
MAX_ROWS = 20_000  # per file (inferred)
EXAMPLE: dict[str, object] = {
    "product_code": col.EXAMPLE_MARK, "seller_product_code": "BIKE001", "name": "알톤 미니벨로 자전거",
    "status": "판매가능", "category_id": "09010501", "price": 135000, "tax_type": "과세", "model_name": "파올라",
    "origin_type": "원산지표시대상아님", "certifications": "생활용품:안전확인:KTR:HU07123-17001",
    "notice_group": "스포츠용품", "notice_fields": "품명 및 모델명=알톤 파올라 미니벨로 자전거|크기/중량=380mm/11.3kg|"
    "색상=핑크, 블루 2종|재질=하이텐강|제품 구성=자전거 단품|동일모델의 출시년월=2017년 4월|제조자/수입자=(주)바니걸|"
    "제조국=중국|상품별 세부 사양=상세정보 별도표기|품질보증기준=프레임 1년, 부품 6개월|A/S 책임자와 전화번호=박유정/02-6678-3803|"
    "예상배송일=10시 이전 당일출고/이후 익일출고",
    "keywords": "알톤 자전거 미니벨로", "sales_region": "전국", "adult_only": "N", "option_type": "조합형",
    "option_mode": "오픈마켓용", "option_name_1": "색상", "option_values_1": "핑크,블루", "option_name_2": "배송선택",
    "option_values_2": "미조립,조립",
    "option_rows": "핑크/미조립:+0:판매가능:10|핑크/조립:+30000:판매가능:10|블루/미조립:+0:판매가능:10|블루/조립:+30000:판매불가:10",
    "add_ons": "잠금장치:번호키:1000:판매가능:10|잠금장치:자물쇠:2000:판매가능:10",
}  # fmt: skip


def template(reference: ShippedReference) -> bytes:
    return export(reference, [EXAMPLE])


def export(reference: ShippedReference, rows: Iterable[dict[str, object]]) -> bytes:
    book = ProductBook(reference)
    book.append(rows)
    return book.finish()


class ProductBook:
    """The product workbook written row by row (openpyxl's write-only mode): memory stays flat however many
    products are exported, and rows can be appended batch by batch as they are read from the database."""

    def __init__(self, reference: ShippedReference) -> None:
        self.wb = Workbook(write_only=True)
        self.ws: Any = self.wb.create_sheet(SHEET)
        for i, c in enumerate(col.COLUMNS, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = c.width
        self.ws.freeze_panes = "A3"
        _lists(self.wb, self.ws, reference)
        _reference_sheets(self.wb, reference)
        bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
        self.ws.append([_styled(self.ws, h, font=bold) for h in col.HEADERS])
        guide = [("(필수) " if c.required else "") + c.guide for c in col.COLUMNS]
        self.ws.append([_styled(self.ws, g, fill=grey) for g in guide])

    def append(self, rows: Iterable[dict[str, object]]) -> None:
        for row in rows:
            self.ws.append([row.get(c.key) for c in col.COLUMNS])

    def finish(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _styled(ws: Any, value: str, **style: Any) -> Cell:
    cell = WriteOnlyCell(ws, value=value)
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _lists(wb: Workbook, ws: Any, reference: ShippedReference) -> None:
    """Drop-down lists for every enumeration, their values kept on a hidden sheet."""
    lists: Any = wb.create_sheet("목록")
    lists.sheet_state = "hidden"
    choices = [(c, list(c.choices)) for c in col.COLUMNS if c.choices]
    choices.append((col.BY_KEY["notice_group"], [g.name for g in reference.notice_groups.values()]))
    for i in range(max(len(values) for _, values in choices)):
        lists.append([values[i] if i < len(values) else None for _, values in choices])
    for j, (column, values) in enumerate(choices, start=1):
        letter = get_column_letter(j)
        dv = DataValidation(type="list", formula1=f"목록!${letter}$1:${letter}${len(values)}", allow_blank=True)
        dv.error, dv.errorTitle = f"{column.header}: 목록에서 선택해 주세요.", column.header
        target = get_column_letter(col.COLUMNS.index(column) + 1)
        dv.add(f"{target}{FIRST_DATA_ROW}:{target}{MAX_ROWS + FIRST_DATA_ROW}")
        ws.data_validations.append(dv)


def _reference_sheets(wb: Workbook, reference: ShippedReference) -> None:
    cats: Any = wb.create_sheet("카테고리")
    cats.append(["카테고리코드", "카테고리", "품목고시품목"])
    for node in reference.tree.leaves():
        group = reference.notice_group(node.info.notice_group or "")
        cats.append([node.info.id, node.info.label, group.name if group else ""])
    notices: Any = wb.create_sheet("품목고시")
    notices.append(["품목고시품목", "항목명"])
    for g in reference.notice_groups.values():
        for f in g.fields:
            notices.append([g.name, f.label])


class WorkbookInvalid(ValueError):
    pass


def read_rows(data: bytes) -> Iterator[tuple[int, dict[str, object]]]:
    """Data rows of the product sheet (blank rows and the example row skipped)."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise WorkbookInvalid("엑셀(.xlsx) 파일을 읽을 수 없습니다.") from exc
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        missing = [h for h in col.HEADERS if h not in header]
        if missing:
            raise WorkbookInvalid(f"양식의 열 이름이 다릅니다. 없는 열: {', '.join(missing)}")
        index = {h: header.index(h) for h in col.HEADERS}
        for number, values in enumerate(rows, start=2):
            if number < FIRST_DATA_ROW or not any(v not in (None, "") for v in values):
                continue
            cells: dict[str, object] = {
                c.key: values[index[c.header]] if index[c.header] < len(values) else None for c in col.COLUMNS
            }
            if str(cells["product_code"] or "").strip() == col.EXAMPLE_MARK:
                continue
            yield number, cells
    finally:
        wb.close()
