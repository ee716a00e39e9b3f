"""Texts that core shows to people, in English and Simplified Chinese.

The GUI's own strings go through Qt Linguist; these are the ones core produces (errors, domain
labels) that the GUI, the command line and the records all show, so they live here once.
"""

from __future__ import annotations

from typing import Any

#: key -> (English, 简体中文). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    "kind.enquiry": ("Enquiry", "询价"),
    "kind.bid": ("Bid/tender", "投标"),
    "kind.quotation": ("Quotation", "报价"),
    "kind.contract": ("Contract", "合同"),
    "kind.order": ("Order", "订单"),
    "status.received": ("Received", "已接收"),
    "status.in_review": ("In review", "评审中"),
    "status.accepted": ("Accepted", "已接受"),
    "status.accepted_with_conditions": ("Accepted with conditions", "有条件接受"),
    "status.referred_back": ("Referred back", "退回客户"),
    "status.declined": ("Declined", "已拒绝"),
    "error.db_too_new": (
        "The database {where} was created by a newer version of QMS Review (schema {revision}). "
        "Update the program; nothing was changed.",
        "数据库 {where} 由更新版本的 QMS Review 创建(结构版本 {revision})。请升级程序;未作任何更改。",
    ),
    "error.db_unreadable": (
        "Cannot open the database {where}: {reason}",
        "无法打开数据库 {where}:{reason}",
    ),
    "error.db_not_qms": (
        "{where} is not a QMS Review database.",
        "{where} 不是 QMS Review 数据库。",
    ),
    "error.db_needs_upgrade": (
        "The database {where} is at schema {revision}; run 'qms-review db upgrade' first.",
        "数据库 {where} 的结构版本为 {revision};请先运行 'qms-review db upgrade'。",
    ),
    "error.key_mismatch": (
        "The audit key {key} does not belong to this database. Copy the key file of the computer "
        "that created the database, or point QMS_REVIEW_AUDIT_KEY at it. Nothing was changed.",
        "审计密钥 {key} 不属于此数据库。请复制创建该数据库的计算机上的密钥文件,"
        "或将 QMS_REVIEW_AUDIT_KEY 指向它。未作任何更改。",
    ),
    "error.key_missing": (
        "The audit key {key} is missing, but the database already has an audit trail. "
        "Copy the key file of the computer that created the database. Nothing was changed.",
        "缺少审计密钥 {key},但数据库已有审计追踪。请复制创建该数据库的计算机上的密钥文件。未作任何更改。",
    ),
    "error.key_unreadable": (
        "Cannot read the audit key {key}: {reason}",
        "无法读取审计密钥 {key}:{reason}",
    ),
    "error.demo_not_empty": (
        "The database already holds {count} orders; demo data is loaded only into an empty "
        "database. Use --database with a new file to try the demo.",
        "数据库中已有 {count} 个订单;演示数据只能载入空数据库。请用 --database 指定新文件来试用演示。",
    ),
    "error.backup_not_sqlite": (
        "Backup and restore work on the embedded SQLite database; for {backend} use its own "
        "tools (e.g. pg_dump / pg_restore).",
        "备份和恢复适用于内置的 SQLite 数据库;{backend} 请使用其自带工具(如 pg_dump / pg_restore)。",
    ),
    "error.backup_target_exists": (
        "{path} already exists; choose a new file name.",
        "{path} 已存在;请选择新的文件名。",
    ),
    "error.backup_failed": ("Backup to {path} failed: {reason}", "备份到 {path} 失败:{reason}"),
    "error.restore_unreadable": (
        "Cannot restore from {path}: {reason}. Nothing was changed.",
        "无法从 {path} 恢复:{reason}。未作任何更改。",
    ),
    "audit.ok": (
        "Audit trail OK: {count} events, chain intact up to event {seq}.",
        "审计追踪正常:共 {count} 条事件,链完整至第 {seq} 条。",
    ),
    "audit.empty": ("Audit trail OK: no events yet.", "审计追踪正常:尚无事件。"),
    "audit.altered": (
        "Event {seq} is not genuine: its content does not match its MAC (edited or forged).",
        "第 {seq} 条事件不真实:内容与其 MAC 不符(被修改或伪造)。",
    ),
    "audit.missing": (
        "Event {seq} is missing: it was deleted (the chain jumps from {before} to {after}).",
        "第 {seq} 条事件缺失:已被删除(链从 {before} 跳至 {after})。",
    ),
    "audit.inserted": (
        "Event {seq} does not follow event {before}: an event was inserted, deleted or "
        "reordered here.",
        "第 {seq} 条事件未接续第 {before} 条:此处有事件被插入、删除或调换顺序。",
    ),
    "audit.out_of_order": (
        "Event {seq} appears out of order (after event {before}): events were reordered.",
        "第 {seq} 条事件顺序错乱(出现在第 {before} 条之后):事件被调换顺序。",
    ),
    "audit.truncated": (
        "Events after {seq} are missing: the trail was truncated (event {anchor} was "
        "recorded on this computer).",
        "第 {seq} 条之后的事件缺失:审计追踪被截断(本机曾记录到第 {anchor} 条)。",
    ),
    "audit.anchor_mismatch": (
        "Event {seq} differs from the one recorded on this computer: it was replaced.",
        "第 {seq} 条事件与本机记录的不同:已被替换。",
    ),
    "audit.first_not_genesis": (
        "Event {seq} is the first event but does not start the chain: earlier events were deleted.",
        "第 {seq} 条是首条事件但不是链的起点:之前的事件被删除。",
    ),
}


def text(message_key: str, /, language: str = "en", **params: Any) -> str:
    """The message ``message_key`` in ``language`` ("en" or "zh_CN"), placeholders filled."""
    english, chinese = CATALOGUE[message_key]
    template = chinese if language.startswith("zh") else english
    return template.format(**params)


def label(prefix: str, value: str, language: str = "en") -> str:
    """The label of an enum value, e.g. ``label("kind", "order", "zh_CN")`` → 订单."""
    return text(f"{prefix}.{value}", language)


class QmsError(Exception):
    """An error whose message a person can act on, available in both languages."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.key = message_key
        self.params = params
        super().__init__(text(message_key, "en", **params))

    def message(self, language: str = "en") -> str:
        return text(self.key, language, **self.params)
