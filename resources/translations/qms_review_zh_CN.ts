<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EmptyRegister</name>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="71" />
        <source>The register is empty</source>
        <translation>登记册为空</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="74" />
        <source>Orders, contracts, bids and quotations appear here once they are in the database. To look around first, load the demo data: customers, quotations and orders with several revisions.</source>
        <translation>订单、合同、投标和报价进入数据库后会显示在这里。想先四处看看,可载入演示数据:客户、报价以及含多个版本的订单。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="79" />
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="201" />
        <source>QMS Review — contract and order review</source>
        <translation>QMS Review — 合同与订单评审</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="203" />
        <source>[DEMO DATABASE]</source>
        <translation>[演示数据库]</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="205" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="206" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="207" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="208" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="209" />
        <source>Load &amp;demo data</source>
        <translation>载入演示数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="210" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="211" />
        <source>&amp;Find in register</source>
        <translation>在登记册中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="212" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="213" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="214" />
        <source>&amp;About QMS Review</source>
        <translation>关于 QMS Review(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="215" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="216" />
        <source>Filter:</source>
        <translation>筛选:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="218" />
        <source>customer, number, kind or status — every word must match</source>
        <translation>客户、编号、类型或状态 — 每个词都须匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="220" />
        <source>Database: {0}</source>
        <translation>数据库:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="252" />
        <source>No orders yet</source>
        <translation>尚无订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="254" />
        <source>{0} of {1} orders match</source>
        <translation>{1} 个订单中有 {0} 个匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="256" />
        <source>{0} orders</source>
        <translation>{0} 个订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="262" />
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="268" />
        <source>Loaded the demo: {0} orders and quotations</source>
        <translation>已载入演示数据:{0} 个订单和报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="282" />
        <source>About QMS Review</source>
        <translation>关于 QMS Review</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="284" />
        <source>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;Review of customer enquiries, bids, contracts and orders before committing to supply (ISO 9001:2015 clause 8.2), with a signed, tamper-evident record.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;br&gt;Data folder: {2}&lt;/p&gt;&lt;p&gt;Supports the principles of 21 CFR Part 11 and EU GMP Annex 11 for audit trails and electronic signatures.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;在承诺供货之前评审客户的询价、投标、合同和订单(ISO 9001:2015 第 8.2 条),并保留经签名、防篡改的记录。&lt;/p&gt;&lt;p&gt;数据库:{1}&lt;br&gt;数据文件夹:{2}&lt;/p&gt;&lt;p&gt;在审计追踪和电子签名方面遵循 21 CFR Part 11 与欧盟 GMP 附录 11 的原则。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="70" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="71" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="72" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="73" />
        <source>Rev.</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="74" />
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="75" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="76" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="77" />
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
</TS>