<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="420" />
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="427" />
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="452" />
        <source>{0} {1}: {2} lines ready to import, {3} warnings (they go into the review as findings).</source>
        <translation>{0} {1}:{2} 行可以导入,{3} 个警告(将作为发现项进入评审)。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="456" />
        <source>Problems to fix before importing: {0}. Correct the sheet, or go back and change the choices.</source>
        <translation>导入前须解决的问题:{0} 个。请更正表格,或返回修改所做的选择。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="474" />
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="476" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>DifferencesDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="34" />
        <source>Differences — {0} revision {1}</source>
        <translation>差异 — {0} 第 {1} 版</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="39" />
        <source>Nothing to compare: this is the first revision and it names no quotation we have.</source>
        <translation>无可比较:这是第一版,且未引用系统中已有的报价。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="43" />
        <source>Against revision {0}</source>
        <translation>对比第 {0} 版</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="45" />
        <source>Against quotation {0}</source>
        <translation>对比报价 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="58" />
        <source>line added</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="58" />
        <source>line removed</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="59" />
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="59" />
        <source>order terms</source>
        <translation>订单条款</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="70" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="70" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="70" />
        <source>Part</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="71" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="71" />
        <source>Was</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="71" />
        <source>Now</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>EmptyRegister</name>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="84" />
        <source>The register is empty</source>
        <translation>登记册为空</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="87" />
        <source>Import an order, contract, bid or quotation from a spreadsheet (or drop the file on this window). To look around first, load the demo data: customers, quotations and orders with several revisions.</source>
        <translation>从电子表格导入订单、合同、投标或报价(也可将文件拖放到本窗口)。想先四处看看,可载入演示数据:客户、报价以及含多个版本的订单。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="92" />
        <source>Import order…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="93" />
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="99" />
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="112" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="134" />
        <source>Importing {0} lines…</source>
        <translation>正在导入 {0} 行…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="135" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="71" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="160" />
        <source>Import order</source>
        <translation>导入订单</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="227" />
        <source>QMS Review — contract and order review</source>
        <translation>QMS Review — 合同与订单评审</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="229" />
        <source>[DEMO DATABASE]</source>
        <translation>[演示数据库]</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="231" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="232" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="233" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="234" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="235" />
        <source>&amp;Import order…</source>
        <translation>导入订单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="237" />
        <source>Import an order, contract, bid or quotation from a spreadsheet</source>
        <translation>从电子表格导入订单、合同、投标或报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="239" />
        <source>Save import &amp;template…</source>
        <translation>保存导入模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="240" />
        <source>&amp;Differences…</source>
        <translation>差异(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="241" />
        <source>What the selected order's latest revision changed</source>
        <translation>所选订单最新版本的变化</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="242" />
        <source>Load &amp;demo data</source>
        <translation>载入演示数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="243" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="244" />
        <source>&amp;Find in register</source>
        <translation>在登记册中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="245" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="246" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="247" />
        <source>&amp;About QMS Review</source>
        <translation>关于 QMS Review(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="248" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="249" />
        <source>Filter:</source>
        <translation>筛选:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="251" />
        <source>customer, number, kind or status — every word must match</source>
        <translation>客户、编号、类型或状态 — 每个词都须匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="253" />
        <source>Database: {0}</source>
        <translation>数据库:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="285" />
        <source>No orders yet</source>
        <translation>尚无订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="287" />
        <source>{0} of {1} orders match</source>
        <translation>{1} 个订单中有 {0} 个匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="289" />
        <source>{0} orders</source>
        <translation>{0} 个订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="295" />
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="301" />
        <source>Loaded the demo: {0} orders and quotations</source>
        <translation>已载入演示数据:{0} 个订单和报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="318" />
        <source>Import order</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="320" />
        <source>Spreadsheets ({0});;All files (*)</source>
        <translation>电子表格 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="345" />
        <source>Imported {0} revision {1}: {2} lines, {3} warnings</source>
        <translation>已导入 {0} 第 {1} 版:{2} 行,{3} 个警告</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="357" />
        <source>Select an order first</source>
        <translation>请先选择一个订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="364" />
        <source>Save import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="365" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="368" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="385" />
        <source>About QMS Review</source>
        <translation>关于 QMS Review</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="387" />
        <source>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;Review of customer enquiries, bids, contracts and orders before committing to supply (ISO 9001:2015 clause 8.2), with a signed, tamper-evident record.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;br&gt;Data folder: {2}&lt;/p&gt;&lt;p&gt;Supports the principles of 21 CFR Part 11 and EU GMP Annex 11 for audit trails and electronic signatures.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;在承诺供货之前评审客户的询价、投标、合同和订单(ISO 9001:2015 第 8.2 条),并保留经签名、防篡改的记录。&lt;/p&gt;&lt;p&gt;数据库:{1}&lt;br&gt;数据文件夹:{2}&lt;/p&gt;&lt;p&gt;在审计追踪和电子签名方面遵循 21 CFR Part 11 与欧盟 GMP 附录 11 的原则。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="266" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="329" />
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="267" />
        <source>Each column of the sheet and the field it fills. Columns left unmapped are kept with each line as extra data. The mapping is remembered for this customer.</source>
        <translation>表格的每一列及其对应的字段。未映射的列作为附加数据随各行保存。此映射会为该客户记住。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="287" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="287" />
        <source>Header in the sheet</source>
        <translation>表格中的表头</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="288" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="288" />
        <source>First values, as they will be read</source>
        <translation>前几个值(按读取结果显示)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="296" />
        <source>— keep as extra data —</source>
        <translation>— 作为附加数据保留 —</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="330" />
        <source>{0} is mapped to two columns; the first one is used.</source>
        <translation>{0} 被映射到两列;使用第一列。</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="354" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="405" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="355" />
        <source>What the file says about the order itself. Importing a number that exists makes a new revision of that order.</source>
        <translation>文件中关于订单本身的信息。导入已存在的订单号将创建该订单的新版本。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="364" />
        <source>Day first (31/12/2026)</source>
        <translation>日在前(31/12/2026)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="365" />
        <source>Month first (12/31/2026)</source>
        <translation>月在前(12/31/2026)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="366" />
        <source>Dates like 03/04:</source>
        <translation>形如 03/04 的日期:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="368" />
        <source>Kind:</source>
        <translation>类型:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="406" />
        <source>“{0}” is not a date (write it as 2026-11-23).</source>
        <translation>“{0}”不是日期(请写成 2026-11-23)。</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="72" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="73" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="74" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="75" />
        <source>Rev.</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="76" />
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="77" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="78" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="79" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="39" />
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="108" />
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="130" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="45" />
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="54" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="62" />
        <source>Leave the database empty for the file in the data folder, choose another SQLite file, or enter a PostgreSQL URL (postgresql+psycopg://user@server/database). A new database location takes effect at the next start.
In use now: {0}</source>
        <translation>数据库留空则使用数据文件夹中的文件;也可选择其他 SQLite 文件,或输入 PostgreSQL 地址(postgresql+psycopg://用户@服务器/数据库)。新的数据库位置在下次启动时生效。
当前使用:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="71" />
        <source>Language:</source>
        <translation>语言:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="72" />
        <source>Database:</source>
        <translation>数据库:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="86" />
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="88" />
        <source>SQLite databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="110" />
        <source>“{0}” is not a database location this program can use: give a file path, an sqlite:/// URL or a postgresql:// URL.</source>
        <translation>“{0}”不是本程序可用的数据库位置:请给出文件路径、sqlite:/// 地址或 postgresql:// 地址。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="132" />
        <source>The new database location will be used the next time you start QMS Review.</source>
        <translation>新的数据库位置将在下次启动 QMS Review 时使用。</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="200" />
        <source>Sheet and header row</source>
        <translation>工作表和表头行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="201" />
        <source>The sheet holding the order lines and the row with the column headers were found automatically; change them if they are wrong (click a row in the preview to make it the header row).</source>
        <translation>已自动找到包含订单明细的工作表和表头行;如有错误请修改(在预览中单击某行即可将其设为表头行)。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="211" />
        <source>Sheet:</source>
        <translation>工作表:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="212" />
        <source>Header row:</source>
        <translation>表头行:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="222" />
        <source>(no order lines found)</source>
        <translation>(未找到订单明细)</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../src/qms_review/gui/crash.py" line="48" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/crash.py" line="50" />
        <source>Something went wrong: {error}

Your data is safe: the unfinished change was not saved. The details are in the log file.</source>
        <translation>出现错误:{error}

您的数据是安全的:未完成的更改没有保存。详细信息见日志文件。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="53" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="53" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>