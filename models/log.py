"""Logs kept by the program itself: imports of exchange files and the audit trail of edits."""

from __future__ import annotations

import peewee as pw

from .db import BaseModel
from .db import now


class ImportLog(BaseModel):
    """One import of an exchange workbook (also refused ones and dry runs)."""

    id: pw.AutoField[int]  # peewee's own key, declared for the type checker
    time = pw.DateTimeField(default=now, index=True, verbose_name="导入时间")
    file_name = pw.CharField(max_length=260, verbose_name="文件名")
    file_hash = pw.CharField(max_length=64, index=True, verbose_name="文件SHA-256")
    org_code = pw.CharField(max_length=32, default="", verbose_name="来源单位代码")
    operator = pw.CharField(max_length=40, default="", verbose_name="操作人员")
    outcome = pw.CharField(max_length=20, verbose_name="结果", help_text="已导入/已拒绝/仅检查")
    counts = pw.TextField(default="{}", verbose_name="各表条数（JSON）")
    message = pw.TextField(default="", verbose_name="说明")
    package_no = pw.IntegerField(null=True, verbose_name="交换包序号", help_text="村（社区）导出时的编号")

    class Meta:
        table_name = "import_log"
        verbose_name = "导入记录"


class AuditEntry(BaseModel):
    """One change to a record: who, when, what."""

    id: pw.AutoField[int]  # peewee's own key, declared for the type checker
    time = pw.DateTimeField(default=now, index=True, verbose_name="时间")
    operator = pw.CharField(max_length=40, default="", verbose_name="操作人员")
    action = pw.CharField(max_length=12, verbose_name="操作", help_text="新增/修改/删除/恢复/导入")
    table = pw.CharField(max_length=40, verbose_name="记录类型")
    record_uuid = pw.CharField(max_length=36, index=True, verbose_name="记录标识")
    summary = pw.CharField(max_length=200, default="", verbose_name="记录")
    changes = pw.TextField(default="{}", verbose_name="改动内容（JSON）")

    class Meta:
        table_name = "audit_entry"
        verbose_name = "操作日志"


class ExchangeMark(BaseModel):
    """The version of a record last agreed with a village (sent to it or taken from it).

    Kept per village so that an import can tell "changed there", "changed here" and "changed
    on both sides since the last exchange" (a conflict shown to the user) apart.
    """

    id: pw.AutoField[int]  # peewee's own key, declared for the type checker
    org_code = pw.CharField(max_length=32, verbose_name="村（社区）代码")
    record_uuid = pw.CharField(max_length=36, verbose_name="记录标识")
    updated_at = pw.DateTimeField(verbose_name="交换时的修改时间")

    class Meta:
        table_name = "exchange_mark"
        verbose_name = "交换版本"
        indexes = ((("org_code", "record_uuid"), True),)
