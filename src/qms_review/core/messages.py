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
    # --- intake: reading -----------------------------------------------------------------
    "intake.unreadable": ("Cannot read {file}: {reason}", "无法读取 {file}:{reason_zh}"),
    "intake.reason.suffix": (
        "files ending in {suffix} are not spreadsheets this program reads (.xlsx, .xlsm, .xlsb, "
        ".xls, .ods, .csv)",
        "本程序不读取以 {suffix} 结尾的文件(可读取 .xlsx、.xlsm、.xlsb、.xls、.ods、.csv)",
    ),
    "intake.reason.too_big": ("the file is larger than {mb} MB", "文件大于 {mb} MB"),
    "intake.reason.os": ("the file cannot be opened ({error})", "文件无法打开({error})"),
    "intake.reason.empty": ("the file is empty", "文件为空"),
    "intake.reason.encrypted": (
        "the workbook is password-protected; save an unprotected copy and import that",
        "工作簿受密码保护;请另存一份未加密的副本再导入",
    ),
    "intake.reason.not_spreadsheet": (
        "this is not a {suffix} spreadsheet (perhaps another kind of file renamed)",
        "这不是 {suffix} 电子表格(可能是改了扩展名的其他文件)",
    ),
    "intake.reason.truncated": (
        "the file is damaged or incomplete (was the download or copy interrupted?)",
        "文件已损坏或不完整(下载或复制是否中断?)",
    ),
    "intake.reason.bomb": (
        "the file would unpack to {mb} MB, far more than any order needs; it was not opened",
        "文件解压后将达 {mb} MB,远超任何订单所需;未打开",
    ),
    "intake.reason.too_many": (
        "sheet {sheet} has {rows} rows and {columns} columns; at most {max_rows} rows and "
        "{max_columns} columns are read",
        "工作表 {sheet} 有 {rows} 行 {columns} 列;最多读取 {max_rows} 行 {max_columns} 列",
    ),
    "intake.reason.damaged": ("the file is damaged ({error})", "文件已损坏({error})"),
    "intake.where.sheet": ("sheet {sheet}", "工作表 {sheet}"),
    "intake.where.row": ("row {row}", "第 {row} 行"),
    "intake.where.column": ("column {column}", "列 {column}"),
    # --- intake: what is wrong ----------------------------------------------------------
    "intake.issue.no_such_sheet": (
        "there is no sheet “{value}”; the sheets are: {sheets}",
        "没有名为“{value}”的工作表;现有工作表:{sheets}",
    ),
    "intake.issue.which_sheet": (
        "several sheets look like order lines ({sheets}); choose one (--sheet)",
        "有多个工作表像订单明细({sheets});请选择一个(--sheet)",
    ),
    "intake.issue.no_header": (
        "no header row found (looked for columns such as Part No./物料编码 and Qty/数量 in: "
        "{sheets}); choose the header row (--header-row)",
        "未找到表头行(在 {sheets} 中查找了“物料编码/Part No.”和“数量/Qty”等列);请指定表头行(--header-row)",
    ),
    "intake.issue.no_part_column": (
        "no column holds part numbers or descriptions; map one",
        "没有列包含物料编码或描述;请映射一列",
    ),
    "intake.issue.merged": (
        "cells {value} are merged; the first cell's value was used for each row",
        "单元格 {value} 已合并;每一行都使用了第一个单元格的值",
    ),
    "intake.issue.error_cell": (
        "the cell holds the error {value}; correct it in the sheet",
        "单元格包含错误值 {value};请在表格中更正",
    ),
    "intake.issue.ambiguous_date": (
        "“{value}” could be day/month or month/day, and no date in the file tells which; "
        "say which comes first (--date-order dmy or mdy)",
        "“{value}”既可理解为日/月也可理解为月/日,文件中没有日期能说明是哪种;请指定顺序(--date-order dmy 或 mdy)",
    ),
    "intake.issue.too_long": (
        "“{value}” is longer than {max} characters",
        "“{value}”超过 {max} 个字符",
    ),
    "intake.issue.too_precise": (
        "{value} has more than 6 decimal places or is implausibly large",
        "{value} 的小数位超过 6 位或数值大得不合理",
    ),
    "intake.issue.not_number": (
        "“{value}” is not a number; imported as written, for the review",
        "“{value}”不是数字;已按原文导入,留待评审",
    ),
    "intake.issue.not_integer": (
        "“{value}” is not a whole number; imported as written, for the review",
        "“{value}”不是整数;已按原文导入,留待评审",
    ),
    "intake.issue.not_date": (
        "“{value}” is not a date; imported as written, for the review",
        "“{value}”不是日期;已按原文导入,留待评审",
    ),
    "intake.issue.not_text": ("“{value}” is not text", "“{value}”不是文本"),
    "intake.issue.hidden_row": (
        "the row is hidden in the sheet; it was imported, check that it belongs to the order",
        "该行在表格中被隐藏;已导入,请确认它属于此订单",
    ),
    "intake.issue.duplicate_line": (
        "line number {value} also appears in row {first}",
        "行号 {value} 在第 {first} 行也出现过",
    ),
    "intake.issue.no_lines": ("no order lines under the header row", "表头行下没有订单明细"),
    "intake.issue.no_customer": (
        "no customer: give one (--customer) or put “Customer: …” above the table",
        "缺少客户:请指定(--customer)或在表格上方写明“客户:…”",
    ),
    "intake.issue.no_order_number": (
        "no order number: give one (--order-number) or put “PO No.: …” above the table",
        "缺少订单号:请指定(--order-number)或在表格上方写明“订单号:…”",
    ),
    "intake.report.problems": ("Problems", "问题"),
    "intake.report.severity": ("Severity", "严重程度"),
    "intake.report.cell": ("Cell", "单元格"),
    "intake.report.value": ("Value", "值"),
    "intake.report.problem": ("Problem", "问题说明"),
    "intake.report.error": ("Error", "错误"),
    "intake.report.warning": ("Warning", "警告"),
    # --- intake: importing --------------------------------------------------------------
    "intake.refused": (
        "{file} was not imported: {count} problem(s) must be fixed first.",
        "{file} 未导入:须先解决 {count} 个问题。",
    ),
    "intake.duplicate": (
        "{file} was imported before (the same file, byte for byte) as {order} revision "
        "{revision} on {date}; nothing was imported.",
        "{file} 之前已导入过(完全相同的文件),为 {order} 第 {revision} 版,导入于 {date};本次未导入。",
    ),
    "intake.unchanged": (
        "{file} says exactly what {order} revision {revision} says; no new revision was made.",
        "{file} 的内容与 {order} 第 {revision} 版完全相同;未创建新版本。",
    ),
    # --- checklist templates -------------------------------------------------------------
    "template.invalid": (
        "The checklist template {file} cannot be used — at {place}: {problem}",
        "检查表模板 {file} 无法使用——位置 {place}:{problem_zh}",
    ),
    "template.problem.syntax": ("not valid TOML ({error})", "不是有效的 TOML({error})"),
    "template.problem.os": ("cannot read the file ({error})", "无法读取文件({error})"),
    "template.problem.encoding": ("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
    "template.problem.not_table": ("expected a table", "此处应为表(table)"),
    "template.problem.missing": ("“{name}” is missing", "缺少“{name}”"),
    "template.problem.not_text": (
        "“{name}” must be text, not {value}",
        "“{name}”必须是文本,而不是 {value}",
    ),
    "template.problem.not_bilingual": (
        '“{name}” needs an English and a Chinese text: {{ en = "…", zh = "…" }}',
        '“{name}”需要英文和中文两种文本:{{ en = "…", zh = "…" }}',
    ),
    "template.problem.not_flag": (
        "“{name}” must be true or false, not {value}",
        "“{name}”必须是 true 或 false,而不是 {value}",
    ),
    "template.problem.not_list": (
        "“{name}” must be a list of names, not {value}",
        "“{name}”必须是名称列表,而不是 {value}",
    ),
    "template.problem.unknown_choice": (
        "“{name}” cannot be “{value}”; allowed: {allowed}",
        "“{name}”不能为“{value}”;允许的值:{allowed}",
    ),
    "template.problem.unknown_field": (
        "unknown field “{name}” (a typing mistake?)",
        "未知字段“{name}”(是否拼写错误?)",
    ),
    "template.problem.bad_key": (
        "the key “{value}” must be lower-case letters, digits, “.”, “_” or “-” (at most 60)",
        "键“{value}”只能由小写字母、数字、“.”、“_”或“-”组成(最多 60 个字符)",
    ),
    "template.problem.bad_version": (
        "the version “{value}” must be numbers with dots, such as 1.0 or 2026.1",
        "版本“{value}”必须是以点分隔的数字,例如 1.0 或 2026.1",
    ),
    "template.problem.pack_extends": (
        'a pack (kind = "pack") names the template it adds to (extends = "…"); a template does not',
        '扩展包(kind = "pack")须注明所扩展的模板(extends = "…");模板则不需要',
    ),
    "template.problem.no_sections": ("the template has no sections", "模板没有任何章节"),
    "template.problem.no_items": ("the section has no items", "该章节没有任何检查项"),
    "template.problem.needs_yes": (
        "“answers” must allow “yes”",
        "“answers”必须包含“yes”",
    ),
    "template.problem.duplicate_key": (
        "the key “{value}” is used twice",
        "键“{value}”重复使用",
    ),
    "template.problem.wrong_base": (
        "the pack {pack} does not extend {base}",
        "扩展包 {pack} 并非扩展 {base}",
    ),
    "template.problem.unknown_section": (
        "{base} has no such section to add to, and a new section needs a title and a function",
        "{base} 中没有此章节可供添加;新章节需要标题和职能",
    ),
    "template.problem.same_version": (
        "version {version} of {key} is already stored with different content; "
        "give the changed template a new version",
        "{key} 的 {version} 版本已存在且内容不同;修改后的模板须使用新版本号",
    ),
    "template.problem.no_base": (
        "the pack extends {base}, which is not stored; import {base} first",
        "该扩展包扩展的 {base} 尚未存储;请先导入 {base}",
    ),
    "template.imported": (
        "Checklist template {key} version {version} stored ({items} items).",
        "检查表模板 {key} {version} 版本已存储(共 {items} 项)。",
    ),
    "template.already": (
        "Checklist template {key} version {version} is already stored, unchanged.",
        "检查表模板 {key} {version} 版本已存在,内容相同。",
    ),
    "template.not_found": ("No checklist template {key} is stored.", "未存储检查表模板 {key}。"),
    # --- catalogue ------------------------------------------------------------------------
    "intake.issue.cat_status": (
        "“{value}” is not a status: write released or obsolete",
        "“{value}”不是有效状态:请填写“发布”或“作废”",
    ),
    "intake.issue.cat_negative": ("“{value}” must not be negative", "“{value}”不能为负数"),
    "intake.issue.cat_no_part": ("the part number is missing", "缺少零件号"),
    "intake.issue.cat_min_above_max": (
        "the maximum lot {value} is below the minimum lot {low}",
        "最大批量 {value} 小于最小批量 {low}",
    ),
    "intake.issue.cat_duplicate": (
        "{value} also appears in row {first}",
        "{value} 在第 {first} 行也出现过",
    ),
    "intake.issue.cat_taken": (
        "{value} revision {revision} is already in the catalogue",
        "{value} 的 {revision} 版已在目录中",
    ),
    "intake.issue.cat_no_header": (
        "no header row naming a part number column was found",
        "未找到含零件号列的表头行",
    ),
    "catalogue.refused": (
        "{file} was not imported into the catalogue: {count} problem(s) must be fixed first.",
        "{file} 未导入产品目录:须先解决 {count} 个问题。",
    ),
    "catalogue.imported": (
        "Catalogue: {added} part(s) added, {updated} updated, {unchanged} unchanged.",
        "产品目录:新增 {added} 项,更新 {updated} 项,未变 {unchanged} 项。",
    ),
    "catalogue.gone": (
        "Catalogue row {id} no longer exists (someone else removed it).",
        "目录行 {id} 已不存在(可能已被他人删除)。",
    ),
    "part_status.released": ("Released", "发布"),
    "part_status.obsolete": ("Obsolete", "作废"),
    # --- identity and signatures -------------------------------------------------------------
    "identity.password_short": (
        "The password must have at least {length} characters.",
        "密码至少须有 {length} 个字符。",
    ),
    "identity.password_long": (
        "The password must have at most {length} characters.",
        "密码最多 {length} 个字符。",
    ),
    "identity.password_is_login": (
        "The password must not be the login name.",
        "密码不能与登录名相同。",
    ),
    "identity.password_same": (
        "The new password must differ from the old one.",
        "新密码必须与旧密码不同。",
    ),
    "identity.passphrase_is_password": (
        "The CA passphrase must differ from the administrator's password.",
        "CA 口令必须与管理员密码不同。",
    ),
    "identity.bad_credentials": ("Wrong login or password.", "登录名或密码错误。"),
    "identity.wrong_password": ("Wrong password.", "密码错误。"),
    "identity.wrong_password_left": (
        "Wrong password. {left} more wrong attempt(s) lock the account.",
        "密码错误。再错 {left} 次账户将被锁定。",
    ),
    "identity.locked": (
        "The account is locked after repeated wrong passwords until {until}. "
        "An administrator can reset the password.",
        "因多次输错密码,账户已锁定至 {until}。管理员可重置密码。",
    ),
    "identity.wrong_ca_passphrase": (
        "Wrong CA passphrase: the certification authority's key did not open.",
        "CA 口令错误:证书颁发机构的密钥无法打开。",
    ),
    "identity.key_kind": (
        "Only EC and RSA keys can sign here.",
        "此处只能使用 EC 或 RSA 密钥签名。",
    ),
    "identity.pkcs12_unreadable": (
        "The PKCS#12 file could not be opened: wrong password, or not a PKCS#12 file.",
        "无法打开 PKCS#12 文件:密码错误或不是 PKCS#12 文件。",
    ),
    "identity.pkcs12_incomplete": (
        "The PKCS#12 file does not hold a private key with its matching certificate.",
        "该 PKCS#12 文件不包含私钥及与之匹配的证书。",
    ),
    "identity.certificate_known": (
        "The certificate {serial} is already stored.",
        "证书 {serial} 已存在。",
    ),
    "identity.no_user": ("There is no user {login}.", "不存在用户 {login}。"),
    "identity.no_ca": (
        "No certification authority is set up yet.",
        "尚未建立证书颁发机构。",
    ),
    "identity.already_set_up": (
        "The first administrator already exists.",
        "首位管理员已存在。",
    ),
    "identity.bad_organisation": (
        "Give the organisation's name (at most 64 characters).",
        "请填写组织名称(最多 64 个字符)。",
    ),
    "identity.bad_login_name": (
        "“{login}” cannot be a login: use letters, digits, “.”, “_”, “-” or “@” (at most 80).",
        "“{login}”不能作为登录名:请使用字母、数字、“.”、“_”、“-”或“@”(最多 80 个字符)。",
    ),
    "identity.bad_display_name": (
        "Give the name to print on signatures (at most 200 characters).",
        "请填写签名上显示的姓名(最多 200 个字符)。",
    ),
    "identity.bad_function": (
        "“{function}” is not a function; choose from: {allowed}",
        "“{function}”不是有效职能;可选:{allowed}",
    ),
    "identity.no_functions": ("Give the user at least one function.", "请至少为用户指定一个职能。"),
    "identity.login_taken": ("The login {login} is taken.", "登录名 {login} 已被使用。"),
    "identity.last_admin": (
        "This is the last active administrator; make someone else administrator first.",
        "这是最后一位在职管理员;请先指定其他管理员。",
    ),
    "identity.nothing_to_revoke": (
        "{login} has no certificate in force to revoke.",
        "{login} 没有可吊销的有效证书。",
    ),
    "identity.no_review": ("There is no review #{review}.", "不存在评审 #{review}。"),
    "identity.no_scope": (
        "The review has no part “{scope}” to sign.",
        "该评审没有可签署的部分“{scope}”。",
    ),
    "identity.not_your_function": (
        "You do not hold the function {function}, so you cannot sign for it.",
        "您不具有“{function}”职能,不能以该职能签名。",
    ),
    "identity.not_owner": (
        "“{scope}” is signed by {function}.",
        "“{scope}”应由{function}签署。",
    ),
    "identity.already_signed": (
        "“{scope}” is already signed; it is locked.",
        "“{scope}”已签署并锁定。",
    ),
    "identity.no_key": (
        "{login} has no signing key; an administrator must reset the password or import one.",
        "{login} 没有签名密钥;须由管理员重置密码或导入密钥。",
    ),
    "identity.certificate_not_valid": (
        "Your certificate cannot sign: it is {state}. An administrator can issue a new one.",
        "您的证书无法签名:状态为 {state}。管理员可签发新证书。",
    ),
    "identity.no_signature": ("There is no signature #{id}.", "不存在签名 #{id}。"),
    "cli.secrets_differ": (
        "The two entries differ; nothing was changed.",
        "两次输入不一致;未作任何更改。",
    ),
    "cli.admin_needed": (
        "Say which administrator does this: --admin LOGIN (the password is asked).",
        "请用 --admin LOGIN 指明执行此操作的管理员(将询问其密码)。",
    ),
    "cli.not_admin": ("{login} is not an administrator.", "{login} 不是管理员。"),
    "cli.organisation_needed": (
        "The first user sets up the organisation: give --organisation NAME.",
        "首位用户需建立组织:请提供 --organisation 名称。",
    ),
    "meaning.reviewed": ("Reviewed — {section} section", "已评审 — {section}部分"),
    "meaning.approved": ("Approved — {decision}", "已批准 — {decision}"),
    "meaning.decision_pending": ("decision pending", "待决定"),
    "decision.accepted": ("accepted", "接受"),
    "decision.accepted_with_conditions": ("accepted with conditions", "有条件接受"),
    "decision.referred_back": ("referred back to the customer", "退回客户"),
    "decision.declined": ("declined", "拒绝"),
    "owner.administrator": ("Administrator", "管理员"),
    # --- reviews --------------------------------------------------------------------------
    "review.not_now": (
        "A review in the state “{state}” does not allow “{action}”.",
        "处于“{state_zh}”状态的评审不允许“{action_zh}”操作。",
    ),
    "review.approver_only": ("Only the approver may {action}.", "只有批准人可以{action_zh}。"),
    "review_state.draft": ("draft", "草稿"),
    "review_state.in_review": ("in review", "评审中"),
    "review_state.ready_for_decision": ("ready for decision", "待决定"),
    "review_state.decided": ("decided", "已决定"),
    "review_state.superseded": ("superseded", "已被取代"),
    "review_action.answer": ("answer", "回答"),
    "review_action.disposition": ("disposition", "处置"),
    "review_action.clarify": ("clarify", "澄清"),
    "review_action.sign": ("sign", "签署"),
    "review_action.submit": ("submit for decision", "提交决定"),
    "review_action.reopen": ("reopen", "重新打开"),
    "review_action.decide": ("decide", "作出决定"),
    "review_action.supersede": ("supersede", "取代"),
    "review_action.set_functions": ("change the functions", "修改职能"),
    "review_action.waive": ("waive the formal review", "免除正式评审"),
    "review.who_starts": (
        "A review is started by sales or by the approver.",
        "评审须由销售或批准人发起。",
    ),
    "review.exists": (
        "This revision is already under review (review #{review}).",
        "该版本已在评审中(评审 #{review})。",
    ),
    "review.reason_needed": ("Give the reason.", "请说明理由。"),
    "review.not_your_notice": (
        "Notice #{id} is not addressed to you.",
        "通知 #{id} 不是发给您的。",
    ),
    "review.none": (
        "{order} has no review yet: start one first.",
        "{order} 尚无评审:请先发起评审。",
    ),
    "review.blocking": (
        "{count} thing(s) stand between this review and a decision:",
        "在作出决定之前还有 {count} 项待完成:",
    ),
    "review.no_item": (
        "The review's checklist has no item {item}.",
        "评审检查表中没有检查项 {item}。",
    ),
    "review.not_applicable": (
        "Item {item} does not apply to this order.",
        "检查项 {item} 不适用于本订单。",
    ),
    "review.not_your_section": (
        "Section {section} is answered by {function}; you do not hold that function.",
        "{section} 部分由“{function}”回答;您不具有该职能。",
    ),
    "review.answer_not_allowed": (
        "Item {item} does not allow the answer “{answer}”.",
        "检查项 {item} 不允许答案“{answer}”。",
    ),
    "review.locked": (
        "Section {section} is signed and locked; its answers cannot change.",
        "{section} 部分已签署并锁定;其答案不能修改。",
    ),
    "review.disposition_for_no": (
        "Only a “No” answer to {item} takes a disposition.",
        "只有对 {item} 回答“否”时才需要处置。",
    ),
    "review.note_needed": (
        "A disposition “{disposition}” needs its condition or justification written.",
        "处置“{disposition}”须写明条件或理由。",
    ),
    "review.no_finding": (
        "Finding #{finding} is not one of this revision's.",
        "检查结果 #{finding} 不属于本版本。",
    ),
    "review.evidence_needs_answer": (
        "Answer item {item} before attaching evidence to it.",
        "请先回答检查项 {item},再附加证据。",
    ),
    "review.file_unreadable": ("Cannot read {file}: {error}", "无法读取 {file}:{error}"),
    "review.question_needed": ("Write the question to the customer.", "请填写向客户提出的问题。"),
    "review.no_clarification": ("There is no clarification #{id}.", "不存在澄清 #{id}。"),
    "review.clarification_closed": (
        "Clarification #{id} is already closed.",
        "澄清 #{id} 已关闭。",
    ),
    "review.answer_needed": ("Write what the customer answered.", "请填写客户的答复。"),
    "review.summary_needed": ("Write what was communicated.", "请填写沟通内容。"),
    "review.section_not_ready": (
        "Section {section} cannot be signed yet: {count} thing(s) open, first: {first}",
        "{section} 部分尚不能签署:还有 {count} 项未完成,首项:{first_zh}",
    ),
    "review.not_ready": (
        "Not ready for a decision: {count} thing(s) open, first: {first}",
        "尚不能提交决定:还有 {count} 项未完成,首项:{first_zh}",
    ),
    "review.cannot_decide": (
        "The review cannot be decided “{decision}”: {count} thing(s) stand in the way, "
        "first: {first}",
        "评审不能作出“{decision_zh}”决定:还有 {count} 项阻碍,首项:{first_zh}",
    ),
    "review.waiver_iatf_only": (
        "Only a review under the IATF 16949 pack may waive the formal review.",
        "只有采用 IATF 16949 扩展包的评审才能免除正式评审。",
    ),
    "review.blocker.answer": (
        "{section}: item {key} is not answered",
        "{section}:检查项 {key} 未回答",
    ),
    "review.blocker.answered_by": (
        "{section}: item {key} was answered by someone without the function",
        "{section}:检查项 {key} 由不具有该职能的人回答",
    ),
    "review.blocker.answer_disposition": (
        "{section}: the “No” to {key} has no disposition",
        "{section}:检查项 {key} 回答为“否”但未处置",
    ),
    "review.blocker.finding": (
        "finding #{key} ({section}) has no disposition",
        "检查结果 #{key}({section})未处置",
    ),
    "review.blocker.signature": ("section {key} is not signed", "{key} 部分未签署"),
    "review.blocker.clarification": (
        "clarification #{key} with the customer is open",
        "与客户的澄清 #{key} 尚未关闭",
    ),
    "review.blocker.conditions": (
        "accepting with conditions needs the conditions written",
        "有条件接受须写明条件",
    ),
    "review.blocker.verbal": (
        "a verbal order needs the written confirmation to the customer recorded first",
        "口头订单须先记录向客户发出的书面确认",
    ),
    "review.blocker.waiver": (
        "a waived formal review needs the customer's authorisation with its evidence",
        "免除正式评审须有客户授权及其证据",
    ),
    # --- review records -------------------------------------------------------------------
    "record.signatures": ("Signatures", "签名"),
    "record.meaning_signed": (
        "Signed the review record as reviewed",
        "已按评审内容签署评审记录",
    ),
    "record.signatures_note": (
        "Each person who signed the review signs this record with their own key (PAdES); the "
        "approver signs last, over the whole file. A PDF reader that trusts the organisation's CA "
        "certificate shows every signature as valid and the document as unchanged.",
        "每位签署评审的人员均以本人密钥(PAdES)签署本记录;批准人最后签署,覆盖整个文件。"
        "信任本组织 CA 证书的 PDF 阅读器会显示每个签名有效且文件未被修改。",
    ),
    "export.register": ("Register", "台账"),
    "export.customer": ("Customer", "客户"),
    "export.code": ("Customer code", "客户编码"),
    "export.kind": ("Kind", "类型"),
    "export.number": ("Number", "编号"),
    "export.revision": ("Revision", "版本"),
    "export.order_date": ("Order date", "订单日期"),
    "export.received": ("Received", "接收时间"),
    "export.lines": ("Lines", "行数"),
    "export.status": ("Status", "状态"),
    "export.findings": ("Open findings", "未处置结果"),
    "export.review": ("Review", "评审"),
    "export.decision": ("Decision", "决定"),
    "export.due": ("Due", "截止日期"),
    "export.questions": ("Questions open", "未关闭澄清"),
    "record.none": ("Review #{review} has no record yet.", "评审 #{review} 尚无记录。"),
    "record.title": (
        "Contract review record (ISO 9001:2015 §8.2)",
        "合同评审记录(ISO 9001:2015 §8.2)",
    ),
    "record.identity": (
        "Record {id} · generated {generated}",
        "记录编号 {id} · 生成于 {generated}",
    ),
    "record.header": ("QMS Review — review record {id}", "QMS Review — 评审记录 {id}"),
    "record.page": ("Page {page} of {pages}", "第 {page} 页,共 {pages} 页"),
    "record.footer": ("Review data SHA-256 {sha}…", "评审数据 SHA-256 {sha}…"),
    "record.customer": ("Customer", "客户"),
    "record.order": ("Order", "订单"),
    "record.revision": ("revision {n}", "第 {n} 版"),
    "record.order_date": ("Order date", "订单日期"),
    "record.received": ("Received", "接收时间"),
    "record.buyer": ("Buyer", "采购员"),
    "record.currency": ("Currency", "币种"),
    "record.payment_terms": ("Payment terms", "付款条件"),
    "record.delivery_terms": ("Delivery terms", "交货条款"),
    "record.quotation": ("Quotation", "报价"),
    "record.template": ("Checklist template", "检查表模板"),
    "record.field": ("Field", "项目"),
    "record.value": ("Value", "内容"),
    "record.lines": ("Order lines ({count})", "订单明细({count} 行)"),
    "record.line": ("Line", "行号"),
    "record.part": ("Part No.", "零件号"),
    "record.rev": ("Rev", "版本"),
    "record.description": ("Description", "描述"),
    "record.quantity": ("Qty", "数量"),
    "record.unit": ("Unit", "单位"),
    "record.price": ("Unit price", "单价"),
    "record.amount": ("Amount", "金额"),
    "record.delivery": ("Delivery", "交期"),
    "record.differences": (
        "Differences to the quotation and the previous revision ({count})",
        "与报价及上一版本的差异({count} 处)",
    ),
    "record.basis": ("Against", "对比"),
    "record.change": ("Change", "变化"),
    "record.was": ("Was", "原值"),
    "record.now": ("Now", "新值"),
    "record.findings": ("Findings and their dispositions ({count})", "检查结果及处置({count} 条)"),
    "record.severity": ("Severity", "严重程度"),
    "record.finding": ("Finding", "检查结果"),
    "record.disposition": ("Disposition", "处置"),
    "record.open": ("open", "未处置"),
    "record.checklist": ("Checklist answers", "检查表答复"),
    "record.clause": ("Clause", "条款"),
    "record.item": ("Item", "检查项"),
    "record.answer": ("Answer", "答复"),
    "record.comment": ("Comment, disposition, evidence", "备注、处置、证据"),
    "record.by": ("By", "回答人"),
    "record.evidence": ("evidence", "证据"),
    "record.clarifications": (
        "Clarifications with the customer ({count})",
        "与客户的澄清({count} 项)",
    ),
    "record.question": ("Question", "问题"),
    "record.answer_given": ("Customer's answer", "客户答复"),
    "record.answered_on": ("Answered on", "答复日期"),
    "record.decision": ("Decision", "决定"),
    "record.undecided": ("not decided", "尚未决定"),
    "record.conditions": ("conditions", "条件"),
    "record.manifest": ("Signature manifest", "签名清单"),
    "record.signer": ("Printed name", "签名人"),
    "record.function": ("Function", "职能"),
    "record.meaning": ("Meaning", "签名含义"),
    "record.signed_at": ("Date and time", "日期和时间"),
    "record.content": ("Content SHA-256", "内容 SHA-256"),
    "record.lapsed": ("lapsed", "已失效"),
    "record.integrity": ("Integrity", "完整性"),
    "record.data_sha": (
        "SHA-256 of the review data (also embedded as review-data.json): {sha}",
        "评审数据的 SHA-256(亦以 review-data.json 嵌入本文件):{sha}",
    ),
    "record.audit_head": (
        "Audit trail at generation: event {seq}, MAC {mac}",
        "生成时的审计追踪:第 {seq} 条事件,MAC {mac}",
    ),
    # --- checks ---------------------------------------------------------------------------
    "check.no_revision": (
        "There is no order revision #{revision}.",
        "不存在订单版本 #{revision}。",
    ),
    "check.no_such_revision": (
        "The order has no revision {revision}.",
        "该订单没有第 {revision} 版。",
    ),
    "check.no_order": (
        "No order or quotation numbered {number} is stored.",
        "未找到编号为 {number} 的订单或报价。",
    ),
    "check.ambiguous_order": (
        "{count} orders are numbered {number} ({which}); add --customer or --kind.",
        "有 {count} 个订单编号为 {number}({which});请加上 --customer 或 --kind。",
    ),
    "check.summary": (
        "{order} revision {revision}: {open} open finding(s) of {total} "
        "({added} new, {cleared} cleared by this run).",
        "{order} 第 {revision} 版:共 {total} 条检查结果,其中 {open} 条未处置"
        "(本次新增 {added} 条,清除 {cleared} 条)。",
    ),
    "check.kind.clarity": ("Clarity", "明确性"),
    "check.kind.capability": ("Capability", "能力"),
    "check.kind.change": ("Change", "变更"),
    "check.severity.error": ("Error", "错误"),
    "check.severity.warning": ("Warning", "警告"),
    "check.severity.info": ("Info", "提示"),
    "disposition.resolved": ("Resolved", "已解决"),
    "disposition.condition": ("Accepted with a condition", "附条件接受"),
    "disposition.clarified": ("Clarified with the customer", "已与客户澄清"),
    "disposition.waived": ("Waived", "已豁免"),
    "owner.sales": ("Sales", "销售"),
    "owner.engineering": ("Engineering", "工程"),
    "owner.planning": ("Planning", "计划"),
    "owner.production": ("Production", "生产"),
    "owner.purchasing": ("Purchasing", "采购"),
    "owner.quality": ("Quality", "质量"),
    "owner.finance": ("Finance", "财务"),
    "owner.logistics": ("Logistics", "物流"),
    "owner.approver": ("Approver", "批准人"),
    "answer.yes": ("Yes", "是"),
    "answer.no": ("No", "否"),
    "answer.na": ("N/A", "不适用"),
    "condition.bid": ("bids only", "仅限投标/报价"),
    "condition.order": ("orders only", "仅限订单"),
    "condition.amendment": ("amendments only", "仅限变更"),
    "condition.first_revision": ("first revision only", "仅限首版"),
    "condition.verbal": ("verbal orders only", "仅限口头订单"),
    "condition.has_drawings": ("when the order has drawings", "订单附有图纸时"),
    "condition.has_quotation": ("when the order refers to a quotation", "订单引用报价时"),
    # --- the rule book of the automatic checks (resources/checks/rules.toml) ---------------
    "rules.invalid": (
        "The rule book of the automatic checks {file} cannot be used — at {place}: {problem}",
        "自动检查规则文件 {file} 无法使用——位置 {place}:{problem_zh}",
    ),
    "rules.problem.syntax": ("not valid TOML ({error})", "不是有效的 TOML({error})"),
    "rules.problem.os": ("cannot read the file ({error})", "无法读取文件({error})"),
    "rules.problem.encoding": ("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
    "rules.problem.missing": ("“{name}” is missing", "缺少“{name}”"),
    "rules.problem.not_table": (
        "expected a table, not {value}",
        "此处应为表(table),而不是 {value}",
    ),
    "rules.problem.unknown_key": (
        "unknown “{name}” (a typing mistake?)",
        "未知的“{name}”(是否拼写错误?)",
    ),
    "rules.problem.unknown_rule": (
        "no check makes findings of “{name}” (a typing mistake?)",
        "没有任何检查会产生“{name}”的发现项(是否拼写错误?)",
    ),
    "rules.problem.not_text": ("must be text, not {value}", "必须是文本,而不是 {value}"),
    "rules.problem.not_list": (
        "must be a list of texts, not {value}",
        "必须是文本列表,而不是 {value}",
    ),
    "rules.problem.not_one_of": (
        "“{value}” is not one of {allowed}",
        "“{value}”不是以下之一:{allowed}",
    ),
    "rules.problem.not_number": (
        "must be a number, zero or more, not {value}",
        "必须是大于或等于零的数字,而不是 {value}",
    ),
    "rules.problem.bad_pattern": (
        "not a valid regular expression ({error})",
        "不是有效的正则表达式({error})",
    ),
    "rules.problem.bad_placeholder": (
        "the placeholders in braces are not well formed ({error})",
        "花括号中的占位符格式不正确({error})",
    ),
    "rules.problem.unknown_placeholder": (
        "the placeholder {{{name}}} is not known here; known: {known}",
        "此处没有占位符 {{{name}}};可用的占位符:{known}",
    ),
    "rules.problem.no_vague": (
        "“vague” must be a list of [[vague]] entries, at least one",
        "“vague”必须是 [[vague]] 条目的列表,至少一条",
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
