<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogueWindow</name>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="197" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="199" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="238" />
        <source>Capability catalogue — {0} parts</source>
        <translation>产品能力目录 — {0} 项</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="266" />
        <source>edit {0} of {1}</source>
        <translation>修改 {1} 的{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="287" />
        <source>add {0}</source>
        <translation>添加 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="309" />
        <source>delete {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="314" />
        <source>Add part</source>
        <translation>添加零件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="314" />
        <source>Part number (and revision, after a space):</source>
        <translation>零件号(版本写在空格之后):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="339" />
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="352" />
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="366" />
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="380" />
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="410" />
        <source>Import catalogue</source>
        <translation>导入产品目录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="339" />
        <source>Spreadsheets ({0})</source>
        <translation>电子表格 ({0})</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="351" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="382" />
        <source>{0} parts in {1} (sheet {2}). Parts already in the catalogue are updated; the import cannot be undone here. Import?</source>
        <translation>{1}(工作表 {2})中有 {0} 个零件。目录中已有的零件将被更新;此处无法撤销导入。是否导入?</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="409" />
        <source>Importing {0} parts…</source>
        <translation>正在导入 {0} 个零件…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="416" />
        <source>Add part…</source>
        <translation>添加零件…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="417" />
        <source>Add a part to the catalogue (Ins)</source>
        <translation>向目录添加零件(Ins)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="418" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="419" />
        <source>Remove the selected parts (Del); undo puts them back</source>
        <translation>删除所选零件(Del);撤销可恢复</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="420" />
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="421" />
        <source>Add or update parts from a spreadsheet</source>
        <translation>从电子表格添加或更新零件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/catalogue_window.py" line="422" />
        <source>Filter parts</source>
        <translation>筛选零件</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="286" />
        <source>Change password — {0}</source>
        <translation>修改密码 — {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="288" />
        <source>Your password was set by an administrator: choose your own before you go on.</source>
        <translation>您的密码由管理员设置:请先设定您自己的密码再继续。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="290" />
        <source>Your signing key is re-encrypted with the new password.</source>
        <translation>您的签名密钥将用新密码重新加密。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="293" />
        <source>Current password:</source>
        <translation>当前密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="294" />
        <source>New password (at least {0} characters):</source>
        <translation>新密码(至少 {0} 个字符):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="295" />
        <source>New password again:</source>
        <translation>再次输入新密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="305" />
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="438" />
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="445" />
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="472" />
        <source>{0} {1}: {2} lines ready to import, {3} warnings (they go into the review as findings).</source>
        <translation>{0} {1}:{2} 行可以导入,{3} 个警告(将作为发现项进入评审)。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="479" />
        <source>Problems to fix before importing: {0}. Correct the sheet, or go back and change the choices.</source>
        <translation>导入前须解决的问题:{0} 个。请更正表格,或返回修改所做的选择。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="499" />
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="501" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>CustomerForms</name>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="63" />
        <source>Clarification #{0} raised; it stays open until the customer's answer is recorded.</source>
        <translation>已提出澄清 #{0};在记录客户答复之前保持未关闭。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="66" />
        <source>Ask the customer</source>
        <translation>询问客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="66" />
        <source>Question:</source>
        <translation>问题:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="73" />
        <source>Attach the answer…</source>
        <translation>附加答复文件…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="76" />
        <source>Attach the answer</source>
        <translation>附加答复文件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="94" />
        <source>Clarification #{0} closed.</source>
        <translation>澄清 #{0} 已关闭。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="97" />
        <source>The customer's answer</source>
        <translation>客户的答复</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="99" />
        <source>Answer:</source>
        <translation>答复:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="100" />
        <location filename="../../src/qms_review/gui/review/forms.py" line="139" />
        <source>Date:</source>
        <translation>日期:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="101" />
        <location filename="../../src/qms_review/gui/review/forms.py" line="141" />
        <source>Channel (e-mail, phone, …):</source>
        <translation>渠道(邮件、电话等):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="102" />
        <location filename="../../src/qms_review/gui/review/forms.py" line="142" />
        <source>Contact:</source>
        <translation>联系人:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="103" />
        <source>Attachment:</source>
        <translation>附件:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="115" />
        <source>to the customer</source>
        <translation>发给客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="116" />
        <source>from the customer</source>
        <translation>来自客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="132" />
        <source>Recorded in the order's communication log.</source>
        <translation>已记入订单的沟通记录。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="135" />
        <source>Record a communication</source>
        <translation>记录沟通</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="137" />
        <source>Kind:</source>
        <translation>类型:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="138" />
        <source>Direction:</source>
        <translation>方向:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="140" />
        <source>Summary:</source>
        <translation>摘要:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="172" />
        <source>Required functions changed.</source>
        <translation>所需职能已修改。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="175" />
        <source>Required functions</source>
        <translation>所需职能</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="176" />
        <source>Functions:</source>
        <translation>职能:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/forms.py" line="176" />
        <source>Reason:</source>
        <translation>理由:</translation>
    </message>
</context>
<context>
    <name>DecisionPage</name>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="44" />
        <source>&lt;h3&gt;Decision&lt;/h3&gt;The approver decides and signs when every function has signed and nothing is open.</source>
        <translation>&lt;h3&gt;决定&lt;/h3&gt;各职能均已签署且无未决事项后,由批准人作出决定并签名。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="57" />
        <source>Conditions (needed when accepting with conditions)</source>
        <translation>条件(有条件接受时必填)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="66" />
        <source>Decided and signed by {0}, {1} — {2}</source>
        <translation>由 {0} 于 {1} 决定并签署 — {2}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="71" />
        <source>&lt;h3&gt;The signed record&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;签署的评审记录&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="80" />
        <source>The language of the record</source>
        <translation>记录所用语言</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="83" />
        <source>Make the record</source>
        <translation>生成记录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="84" />
        <source>Sign the record…</source>
        <translation>签署记录…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="85" />
        <source>View and print…</source>
        <translation>查看并打印…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="86" />
        <source>Save the record as PDF…</source>
        <translation>另存记录为 PDF…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/decision_page.py" line="87" />
        <source>Export data to Excel…</source>
        <translation>导出数据到 Excel…</translation>
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
        <location filename="../../src/qms_review/gui/differences.py" line="42" />
        <source>Nothing to compare: this is the first revision and it names no quotation we have.</source>
        <translation>无可比较:这是第一版,且未引用系统中已有的报价。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="49" />
        <source>Against revision {0}</source>
        <translation>对比第 {0} 版</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="51" />
        <source>Against quotation {0}</source>
        <translation>对比报价 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="64" />
        <source>line added</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="65" />
        <source>line removed</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="66" />
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="67" />
        <source>order terms</source>
        <translation>订单条款</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="80" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="81" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="82" />
        <source>Part</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="83" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="84" />
        <source>Was</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/differences.py" line="85" />
        <source>Now</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>EmptyRegister</name>
    <message>
        <location filename="../../src/qms_review/gui/empty_register.py" line="50" />
        <source>The register is empty</source>
        <translation>登记册为空</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/empty_register.py" line="53" />
        <source>Import an order, contract, bid or quotation from a spreadsheet (or drop the file on this window). To look around first, load the demo data: customers, quotations and orders with several revisions.</source>
        <translation>从电子表格导入订单、合同、投标或报价(也可将文件拖放到本窗口)。想先四处看看,可载入演示数据:客户、报价以及含多个版本的订单。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/empty_register.py" line="58" />
        <source>Import order…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/empty_register.py" line="59" />
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
</context>
<context>
    <name>FindingRowWidget</name>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="204" />
        <source>Note (needed for a condition or a waiver)</source>
        <translation>说明(附条件或豁免时必填)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="205" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="213" />
        <source>Ask the customer…</source>
        <translation>询问客户…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="224" />
        <source>open</source>
        <translation>未处置</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="63" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="98" />
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="110" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="132" />
        <source>Importing {0} lines…</source>
        <translation>正在导入 {0} 行…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="65" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="133" />
        <source>Import order</source>
        <translation>导入订单</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="88" />
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="100" />
        <source>answered by {0}</source>
        <translation>回答人:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="104" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="117" />
        <source>no evidence attached</source>
        <translation>未附证据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="119" />
        <source>Attach evidence…</source>
        <translation>附加证据…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="122" />
        <source>Ask the customer…</source>
        <translation>询问客户…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="139" />
        <source>Condition or justification</source>
        <translation>条件或理由</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="140" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="145" />
        <source>“No” needs a disposition:</source>
        <translation>“否”需要处置:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/items.py" line="147" />
        <source>Disposition:</source>
        <translation>处置:</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="124" />
        <source>Other columns</source>
        <translation>其他列</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="214" />
        <source>Log in — QMS Review</source>
        <translation>登录 — QMS Review</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="215" />
        <source>Who is working?</source>
        <translation>请登录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="216" />
        <source>Everything you do is recorded under your name.</source>
        <translation>您的所有操作都将以您的名义记录。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="220" />
        <source>Demo database — users: {0}. Each password is the login followed by “-demo”, e.g. sales-demo.</source>
        <translation>演示数据库 — 用户:{0}。密码为登录名加“-demo”,例如 sales-demo。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="224" />
        <source>Login name:</source>
        <translation>登录名:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="224" />
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="220" />
        <source>QMS Review — contract and order review</source>
        <translation>QMS Review — 合同与订单评审</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="222" />
        <source>[DEMO DATABASE]</source>
        <translation>[演示数据库]</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="224" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="225" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="226" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="227" />
        <source>&amp;Open order</source>
        <translation>打开订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="229" />
        <source>The selected order's lines and findings (Enter or double-click)</source>
        <translation>所选订单的明细和检查结果(回车或双击)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="231" />
        <source>Capability &amp;catalogue…</source>
        <translation>产品能力目录(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="232" />
        <source>Re&amp;view</source>
        <translation>评审(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="234" />
        <source>Walk through the selected order's review (started when there is none)</source>
        <translation>逐项完成所选订单的评审(如尚无评审则发起)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="237" />
        <source>My open items</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="238" />
        <source>Only orders whose review waits for one of your functions</source>
        <translation>只显示评审正等待您所属职能处理的订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="239" />
        <source>Checklist &amp;templates…</source>
        <translation>检查表模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="240" />
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="241" />
        <source>&amp;Users and security…</source>
        <translation>用户与安全(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="248" />
        <source>Signed in: {0}</source>
        <translation>当前用户:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="250" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="251" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="252" />
        <source>&amp;Import order…</source>
        <translation>导入订单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="254" />
        <source>Import an order, contract, bid or quotation from a spreadsheet</source>
        <translation>从电子表格导入订单、合同、投标或报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="256" />
        <source>Save import &amp;template…</source>
        <translation>保存导入模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="257" />
        <source>&amp;Export register to Excel…</source>
        <translation>导出台账到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="258" />
        <source>&amp;Print records of the selected orders…</source>
        <translation>打印所选订单的记录(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="259" />
        <source>&amp;Verify a record file…</source>
        <translation>校验记录文件(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="260" />
        <source>The orders shown (with the current filter) as .xlsx</source>
        <translation>将当前显示的订单(按当前筛选)导出为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="261" />
        <source>&amp;Differences…</source>
        <translation>差异(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="262" />
        <source>What the selected order's latest revision changed</source>
        <translation>所选订单最新版本的变化</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="263" />
        <source>Load &amp;demo data</source>
        <translation>载入演示数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="264" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="265" />
        <source>&amp;Find in register</source>
        <translation>在登记册中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="266" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="267" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="268" />
        <source>&amp;About QMS Review</source>
        <translation>关于 QMS Review(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="269" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="270" />
        <source>Filter:</source>
        <translation>筛选:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="272" />
        <source>customer, number, kind or status — every word must match</source>
        <translation>客户、编号、类型或状态 — 每个词都须匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="274" />
        <source>Database: {0}</source>
        <translation>数据库:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="320" />
        <source>No orders yet</source>
        <translation>尚无订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="322" />
        <source>{0} of {1} orders match</source>
        <translation>{1} 个订单中有 {0} 个匹配</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="324" />
        <source>{0} orders</source>
        <translation>{0} 个订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="339" />
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="334" />
        <source>Loaded the demo: {0} orders and quotations</source>
        <translation>已载入演示数据:{0} 个订单和报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="339" />
        <source>Loading the demo…</source>
        <translation>正在载入演示数据…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="349" />
        <source>Import order</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="351" />
        <source>Spreadsheets ({0});;All files (*)</source>
        <translation>电子表格 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="380" />
        <source>Imported {0} revision {1}: {2} lines; the checks found {3} things to review (Enter opens the order)</source>
        <translation>已导入 {0} 第 {1} 版:{2} 行;自动检查发现 {3} 处需评审(回车打开订单)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="413" />
        <source>Save import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="415" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="419" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="436" />
        <source>About QMS Review</source>
        <translation>关于 QMS Review</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/main_window.py" line="438" />
        <source>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;Review of customer enquiries, bids, contracts and orders before committing to supply (ISO 9001:2015 clause 8.2), with a signed, tamper-evident record.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;br&gt;Data folder: {2}&lt;/p&gt;&lt;p&gt;Supports the principles of 21 CFR Part 11 and EU GMP Annex 11 for audit trails and electronic signatures.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QMS Review {0}&lt;/h3&gt;&lt;p&gt;在承诺供货之前评审客户的询价、投标、合同和订单(ISO 9001:2015 第 8.2 条),并保留经签名、防篡改的记录。&lt;/p&gt;&lt;p&gt;数据库:{1}&lt;br&gt;数据文件夹:{2}&lt;/p&gt;&lt;p&gt;在审计追踪和电子签名方面遵循 21 CFR Part 11 与欧盟 GMP 附录 11 的原则。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="250" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="325" />
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="253" />
        <source>Each column of the sheet and the field it fills. Columns left unmapped are kept with each line as extra data. The mapping is remembered for this customer.</source>
        <translation>表格的每一列及其对应的字段。未映射的列作为附加数据随各行保存。此映射会为该客户记住。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="277" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="278" />
        <source>Header in the sheet</source>
        <translation>表格中的表头</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="279" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="280" />
        <source>First values, as they will be read</source>
        <translation>前几个值(按读取结果显示)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="290" />
        <source>— keep as extra data —</source>
        <translation>— 作为附加数据保留 —</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="326" />
        <source>{0} is mapped to two columns; the first one is used.</source>
        <translation>{0} 被映射到两列;使用第一列。</translation>
    </message>
</context>
<context>
    <name>OpensWindows</name>
    <message>
        <location filename="../../src/qms_review/gui/opening.py" line="55" />
        <location filename="../../src/qms_review/gui/opening.py" line="65" />
        <location filename="../../src/qms_review/gui/opening.py" line="102" />
        <source>Select an order first</source>
        <translation>请先选择一个订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/opening.py" line="85" />
        <source>Password changed; your signing key is re-encrypted with it.</source>
        <translation>密码已修改;签名密钥已用新密码重新加密。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/opening.py" line="116" />
        <source>Review</source>
        <translation>评审</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="359" />
        <location filename="../../src/qms_review/gui/import_wizard.py" line="416" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="362" />
        <source>What the file says about the order itself. Importing a number that exists makes a new revision of that order.</source>
        <translation>文件中关于订单本身的信息。导入已存在的订单号将创建该订单的新版本。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="373" />
        <source>Day first (31/12/2026)</source>
        <translation>日在前(31/12/2026)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="374" />
        <source>Month first (12/31/2026)</source>
        <translation>月在前(12/31/2026)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="375" />
        <source>Dates like 03/04:</source>
        <translation>形如 03/04 的日期:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="377" />
        <source>Kind:</source>
        <translation>类型:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="417" />
        <source>“{0}” is not a date (write it as 2026-11-23).</source>
        <translation>“{0}”不是日期(请写成 2026-11-23)。</translation>
    </message>
</context>
<context>
    <name>OrderView</name>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="303" />
        <source>Checks run again: {0} found, {1} new, {2} cleared.</source>
        <translation>已重新检查:发现 {0} 条,新增 {1} 条,清除 {2} 条。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="314" />
        <source>Running the checks…</source>
        <translation>正在运行检查…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="373" />
        <source>cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="376" />
        <source>open</source>
        <translation>未处置</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="421" />
        <source>{0} {1}, revision {2}</source>
        <translation>{0} {1} 第 {2} 版</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="426" />
        <source>Findings: {0} open of {1}</source>
        <translation>检查结果:{1} 条中 {0} 条未处置</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="428" />
        <source>Revision:</source>
        <translation>版本:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="430" />
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="431" />
        <source>Buyer</source>
        <translation>采购员</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="432" />
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="433" />
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="434" />
        <source>Delivery terms</source>
        <translation>交货条款</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="435" />
        <source>Quotation</source>
        <translation>报价</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="436" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="441" />
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="441" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="441" />
        <source>Checklist item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="441" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="443" />
        <source>Show dispositioned and cleared</source>
        <translation>显示已处置和已清除的</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="444" />
        <source>Run checks again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="445" />
        <source>Review…</source>
        <translation>评审…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/order_view.py" line="446" />
        <source>Run the automatic checks on this revision again (Ctrl+R)</source>
        <translation>对本版本重新运行自动检查(Ctrl+R)</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="55" />
        <source>No record yet.</source>
        <translation>尚无记录。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="59" />
        <source>Record SHA-256 {0}… — signed by {1} of {2}: {3}</source>
        <translation>记录 SHA-256 {0}… — 已签 {1}/{2}:{3}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="76" />
        <source>Record {0} made; each signer now signs it.</source>
        <translation>已生成记录 {0};请各签名人签署。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="88" />
        <source>Making the record…</source>
        <translation>正在生成记录…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="111" />
        <source>You signed the record.</source>
        <translation>您已签署记录。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="114" />
        <source>Signing the record…</source>
        <translation>正在签署记录…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="118" />
        <source>Sign the record — {0}</source>
        <translation>签署记录 — {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="119" />
        <source>Your password:</source>
        <translation>您的密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="153" />
        <source>Record — {0}</source>
        <translation>记录 — {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="165" />
        <source>Export review data</source>
        <translation>导出评审数据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="167" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="178" />
        <location filename="../../src/qms_review/gui/review/record.py" line="197" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="189" />
        <source>Save the record</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/record.py" line="191" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RecordViewer</name>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="143" />
        <source>{0} pages — the signatures are checked with “verify”; this view shows a copy</source>
        <translation>共 {0} 页 — 签名请用“verify”校验;此处显示的是副本</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="146" />
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="147" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="148" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="166" />
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="172" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/record_viewer.py" line="172" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RegisterFiles</name>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="39" />
        <source>Export register</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="41" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="56" />
        <source>Exported {0} orders to {1}</source>
        <translation>已将 {0} 个订单导出到 {1}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="86" />
        <source>The selected orders have no records yet</source>
        <translation>所选订单尚无记录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="98" />
        <source>Printing {0} records…</source>
        <translation>正在打印 {0} 份记录…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="101" />
        <source>Printed {0} records, {1} pages</source>
        <translation>已打印 {0} 份记录,共 {1} 页</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="113" />
        <source>Verify a record file</source>
        <translation>校验记录文件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="113" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="121" />
        <location filename="../../src/qms_review/gui/register_files.py" line="127" />
        <location filename="../../src/qms_review/gui/register_files.py" line="144" />
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="126" />
        <source>Verifying {0}…</source>
        <translation>正在验证 {0}…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="133" />
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="137" />
        <source>The record is intact and every signature is valid.</source>
        <translation>记录完整,所有签名均有效。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_files.py" line="139" />
        <source>The record FAILED verification.</source>
        <translation>记录校验未通过。</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="74" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="75" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="76" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="77" />
        <source>Rev.</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="78" />
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="79" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="80" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="81" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="82" />
        <source>Open findings</source>
        <translation>未处置结果</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="83" />
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="84" />
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="85" />
        <source>Questions open</source>
        <translation>未关闭澄清</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/register_model.py" line="220" />
        <source> (overdue)</source>
        <translation>(已逾期)</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="150" />
        <source>Review of {0} revision {1} — {2} — {3}</source>
        <translation>评审:{0} 第 {1} 版 — {2} — {3}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="157" />
        <source>%v of %m answered</source>
        <translation>已回答 %v / %m</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="171" />
        <source>Summary — {0} open</source>
        <translation>汇总 — {0} 项未完成</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="172" />
        <location filename="../../src/qms_review/gui/review/window.py" line="264" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="247" />
        <source>Section {0} of {1}</source>
        <translation>第 {0} 部分,共 {1} 部分</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="258" />
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="250" />
        <source>Sign section…</source>
        <translation>签署本部分…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="270" />
        <source>Decide and sign…</source>
        <translation>决定并签名…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="320" />
        <source>Choose the decision first.</source>
        <translation>请先选择决定。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="353" />
        <source>Signed.</source>
        <translation>已签署。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="357" />
        <source>Attach evidence</source>
        <translation>附加证据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="367" />
        <location filename="../../src/qms_review/gui/review/window.py" line="374" />
        <source>Review — {0}</source>
        <translation>评审 — {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="368" />
        <location filename="../../src/qms_review/gui/review/window.py" line="375" />
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/window.py" line="369" />
        <location filename="../../src/qms_review/gui/review/window.py" line="376" />
        <source>Next (Ctrl+Enter)</source>
        <translation>下一步(Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/start.py" line="58" />
        <source>Start the review</source>
        <translation>发起评审</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/start.py" line="62" />
        <source>The ISO 9001:2015 §8.2 checklist. Add a sector pack:</source>
        <translation>使用 ISO 9001:2015 §8.2 检查表。可添加行业扩展包:</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <location filename="../../src/qms_review/gui/review/section_page.py" line="34" />
        <source>Answered and signed by {0}.</source>
        <translation>由{0}回答并签署。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/section_page.py" line="41" />
        <source>Signature LAPSED — the content changed since: {0}, {1}</source>
        <translation>签名已失效 — 此后内容有变更:{0},{1}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/section_page.py" line="45" />
        <source>Signed by {0}, {1} — {2}. The section is locked.</source>
        <translation>由 {0} 于 {1} 签署 — {2}。本部分已锁定。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/section_page.py" line="64" />
        <source>&lt;b&gt;Findings of this section&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;本部分的检查结果&lt;/b&gt;({0})</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/section_page.py" line="73" />
        <source>None.</source>
        <translation>无。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="40" />
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="114" />
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="137" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="46" />
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="55" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="63" />
        <source>Leave the database empty for the file in the data folder, choose another SQLite file, or enter a PostgreSQL URL (postgresql+psycopg://user@server/database). A new database location takes effect at the next start.
In use now: {0}</source>
        <translation>数据库留空则使用数据文件夹中的文件;也可选择其他 SQLite 文件,或输入 PostgreSQL 地址(postgresql+psycopg://用户@服务器/数据库)。新的数据库位置在下次启动时生效。
当前使用:{0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="74" />
        <source> working days after receipt</source>
        <translation> 个工作日(自收到订单起)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="76" />
        <source>Language:</source>
        <translation>语言:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="77" />
        <source>Reviews are due:</source>
        <translation>评审期限:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="78" />
        <source>Database:</source>
        <translation>数据库:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="92" />
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="94" />
        <source>SQLite databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="116" />
        <source>“{0}” is not a database location this program can use: give a file path, an sqlite:/// URL or a postgresql:// URL.</source>
        <translation>“{0}”不是本程序可用的数据库位置:请给出文件路径、sqlite:/// 地址或 postgresql:// 地址。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/settings_dialog.py" line="139" />
        <source>The new database location will be used the next time you start QMS Review.</source>
        <translation>新的数据库位置将在下次启动 QMS Review 时使用。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="106" />
        <source>Set up QMS Review</source>
        <translation>设置 QMS Review</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="109" />
        <source>This database has no users yet. Set up your organisation and its first administrator, who then adds the reviewers of each function. Or load the demo: sample orders and one user per function, to try everything first.</source>
        <translation>该数据库尚无用户。请设置您的组织及首位管理员,再由管理员添加各职能的评审人员。也可以载入演示数据:示例订单以及每个职能一名用户,先体验全部功能。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="115" />
        <source>Organisation:</source>
        <translation>组织:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="116" />
        <source>Login name:</source>
        <translation>登录名:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="117" />
        <source>Name (printed on signatures):</source>
        <translation>姓名(显示在签名上):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="118" />
        <source>Password (at least {0} characters):</source>
        <translation>密码(至少 {0} 个字符):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="119" />
        <source>Password again:</source>
        <translation>再次输入密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="120" />
        <source>CA passphrase:</source>
        <translation>CA 口令:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="121" />
        <source>CA passphrase again:</source>
        <translation>再次输入 CA 口令:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="130" />
        <source>The organisation's certification authority issues every user's signing certificate. Its key is locked with this passphrase, which the program does not store anywhere: keep it safe — it is needed to add users or reset their passwords.</source>
        <translation>组织的证书颁发机构(CA)为每位用户签发签名证书。CA 密钥由此口令加密,程序不会在任何地方保存该口令:请妥善保管——添加用户或重置密码时需要它。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="135" />
        <source>Load the demo instead</source>
        <translation>改为载入演示数据</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="139" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="142" />
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/login.py" line="168" />
        <source>Loading the demo…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="180" />
        <source>Sheet and header row</source>
        <translation>工作表和表头行</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="183" />
        <source>The sheet holding the order lines and the row with the column headers were found automatically; change them if they are wrong (click a row in the preview to make it the header row).</source>
        <translation>已自动找到包含订单明细的工作表和表头行;如有错误请修改(在预览中单击某行即可将其设为表头行)。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="195" />
        <source>Sheet:</source>
        <translation>工作表:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="196" />
        <source>Header row:</source>
        <translation>表头行:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/import_wizard.py" line="206" />
        <source>(no order lines found)</source>
        <translation>(未找到订单明细)</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="80" />
        <source>This part is already signed and locked.</source>
        <translation>此部分已签署并锁定。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="83" />
        <source>Only {0} signs this part; you do not hold that function.</source>
        <translation>此部分只能由{0}签署;您不具有该职能。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="93" />
        <source>Sign — {0}</source>
        <translation>签名 — {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="95" />
        <source>Document:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="96" />
        <source>Part signed:</source>
        <translation>签署部分:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="97" />
        <source>Meaning:</source>
        <translation>签名含义:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="98" />
        <source>Signer:</source>
        <translation>签名人:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="99" />
        <source>Date and time:</source>
        <translation>日期和时间:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="100" />
        <source>Content SHA-256:</source>
        <translation>内容 SHA-256:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="101" />
        <source>Your password:</source>
        <translation>您的密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="106" />
        <source>{0} {1}, revision {2} — {3}</source>
        <translation>{0} {1} 第 {2} 版 — {3}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="123" />
        <source>By signing with your password you confirm this meaning for the content shown. Your electronic signature is the legally binding equivalent of your handwritten signature; it is recorded with your printed name, function, date and time.</source>
        <translation>以密码签名即表示您对所示内容确认上述含义。您的电子签名与手写签名具有同等法律效力,并将连同您的姓名、职能、日期和时间一并记录。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="129" />
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/signing_dialog.py" line="152" />
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="44" />
        <source>&lt;h3&gt;What still stands between this review and a decision&lt;/h3&gt;Due {0}.</source>
        <translation>&lt;h3&gt;作出决定前尚待完成的事项&lt;/h3&gt;截止日期 {0}。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="56" />
        <source>Nothing: the review is ready for a decision.</source>
        <translation>无:评审已可作出决定。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="59" />
        <source>Submit for decision</source>
        <translation>提交决定</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="71" />
        <source>&lt;b&gt;Clarifications with the customer&lt;/b&gt;</source>
        <translation>&lt;b&gt;与客户的澄清&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="73" />
        <source>(open)</source>
        <translation>(未关闭)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="78" />
        <source>Record the answer…</source>
        <translation>记录答复…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="84" />
        <source>&lt;b&gt;Communication log&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;沟通记录&lt;/b&gt;({0})</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="93" />
        <source>Record a communication…</source>
        <translation>记录沟通…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="97" />
        <source>Required functions…</source>
        <translation>所需职能…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="102" />
        <source>&lt;b&gt;Informed of the amendment&lt;/b&gt;</source>
        <translation>&lt;b&gt;已告知变更的人员&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="105" />
        <source>acknowledged {0}</source>
        <translation>已于 {0} 确认</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="109" />
        <source>not yet acknowledged</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="118" />
        <source>Acknowledge</source>
        <translation>确认已知悉</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="139" />
        <source>{0}: not answered — {1}</source>
        <translation>{0}:未回答 — {1}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="141" />
        <source>{0}: “No” without disposition — {1}</source>
        <translation>{0}:“否”未处置 — {1}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="145" />
        <source>{0}: finding open — {1}</source>
        <translation>{0}:检查结果未处置 — {1}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/review/summary_page.py" line="148" />
        <source>{0}: not signed yet ({1})</source>
        <translation>{0}:尚未签署({1})</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="107" />
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="107" />
        <source>pack</source>
        <translation>扩展包</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="137" />
        <source> — adds to {0}</source>
        <translation> — 扩展 {0}</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="139" />
        <source>&lt;b&gt;{0}&lt;/b&gt; version {1}{2}: {3} sections, {4} items</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; {1} 版{2}:{3} 个章节,{4} 个检查项</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="156" />
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="170" />
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="183" />
        <source>&lt;p&gt;&lt;small&gt;{0} · clause {1} · answers: {2}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;{0} · 条款 {1} · 可选答案:{2}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="191" />
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="208" />
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="216" />
        <source>Import checklist template</source>
        <translation>导入检查表模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="191" />
        <source>Checklist templates (*.toml)</source>
        <translation>检查表模板 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="219" />
        <source>Checklist templates</source>
        <translation>检查表模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="220" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="220" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="220" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="222" />
        <source>Section / item</source>
        <translation>章节 / 检查项</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="222" />
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="222" />
        <source>Owner</source>
        <translation>负责职能</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="222" />
        <source>Applies</source>
        <translation>适用条件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/templates_dialog.py" line="224" />
        <source>Import template…</source>
        <translation>导入模板…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="181" />
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="181" />
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="183" />
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="185" />
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="225" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="489" />
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="225" />
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="251" />
        <source>Added {0}; they choose their own password at their first login.</source>
        <translation>已添加 {0};其首次登录时须设定自己的密码。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="255" />
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="257" />
        <source>Login name:</source>
        <translation>登录名:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="258" />
        <source>Name (printed on signatures):</source>
        <translation>姓名(显示在签名上):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="259" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="284" />
        <source>Functions:</source>
        <translation>职能:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="260" />
        <source>First password:</source>
        <translation>初始密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="261" />
        <source>First password again:</source>
        <translation>再次输入初始密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="262" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="330" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="398" />
        <source>CA passphrase:</source>
        <translation>CA 口令:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="266" />
        <source>The user gets a signing key and a certificate from the organisation's CA.</source>
        <translation>该用户将获得签名密钥以及组织 CA 签发的证书。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="280" />
        <source>Functions of {0} changed.</source>
        <translation>{0} 的职能已修改。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="283" />
        <source>Functions of {0}</source>
        <translation>{0} 的职能</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="321" />
        <source>{0} has a temporary password and a new certificate.</source>
        <translation>{0} 已获得临时密码和新证书。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="326" />
        <source>Reset the password of {0}</source>
        <translation>重置 {0} 的密码</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="328" />
        <source>Temporary password:</source>
        <translation>临时密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="329" />
        <source>Temporary password again:</source>
        <translation>再次输入临时密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="335" />
        <source>The lock is lifted, a new key and certificate are issued, and the user must choose a new password at the next login.</source>
        <translation>锁定将解除,并签发新的密钥和证书;用户下次登录时须设定新密码。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="350" />
        <source>Import key and certificate</source>
        <translation>导入密钥和证书</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="350" />
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="362" />
        <source>{0} now signs with the imported certificate.</source>
        <translation>{0} 现使用导入的证书签名。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="367" />
        <source>Import key and certificate for {0}</source>
        <translation>为 {0} 导入密钥和证书</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="369" />
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="370" />
        <source>File password:</source>
        <translation>文件密码:</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="371" />
        <source>Password of {0} (typed by them):</source>
        <translation>{0} 的密码(由本人输入):</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="376" />
        <source>The key is kept encrypted with the user's own password, so they type it here themselves.</source>
        <translation>密钥将用该用户自己的密码加密保存,因此须由其本人在此输入。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="392" />
        <source>Certificate of {0} revoked; revocation list {1} issued.</source>
        <translation>{0} 的证书已吊销;已签发第 {1} 号吊销列表。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="397" />
        <source>Revoke the certificate of {0}</source>
        <translation>吊销 {0} 的证书</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="402" />
        <source>Only when the key may be compromised: signatures made with it are reported as revoked from now on. Reset the password afterwards to issue a new key.</source>
        <translation>仅在密钥可能泄露时使用:此后用该密钥所做的签名都将显示为已吊销。之后请重置密码以签发新密钥。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="415" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="433" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="436" />
        <source>Export CA certificate</source>
        <translation>导出 CA 证书</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="417" />
        <source>Certificates (*.pem *.cer)</source>
        <translation>证书 (*.pem *.cer)</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="440" />
        <source>Saved {0}. Import it once into a PDF reader as a trusted certificate to see the signatures as trusted.</source>
        <translation>已保存 {0}。将其作为受信任证书导入 PDF 阅读器一次,即可看到签名为受信任。</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="458" />
        <source>login</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="459" />
        <source>failed attempt</source>
        <translation>尝试失败</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="460" />
        <source>locked out</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="461" />
        <source>password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="462" />
        <source>password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="463" />
        <source>signature refused</source>
        <translation>签名被拒绝</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="464" />
        <source>certificate revoked</source>
        <translation>证书已吊销</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="465" />
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="470" />
        <source>Users and security</source>
        <translation>用户与安全</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="471" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="472" />
        <source>Security events</source>
        <translation>安全事件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="475" />
        <location filename="../../src/qms_review/gui/users_dialog.py" line="484" />
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="476" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="477" />
        <source>Functions</source>
        <translation>职能</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="478" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="479" />
        <source>Failed attempts</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="480" />
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="484" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="484" />
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="484" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="487" />
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="488" />
        <source>Functions…</source>
        <translation>职能…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="490" />
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="491" />
        <source>Import PKCS#12…</source>
        <translation>导入 PKCS#12…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="492" />
        <source>Revoke certificate…</source>
        <translation>吊销证书…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/users_dialog.py" line="493" />
        <source>Export CA certificate…</source>
        <translation>导出 CA 证书…</translation>
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
    <name>operations</name>
    <message>
        <location filename="../../src/qms_review/gui/operations.py" line="258" />
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../src/qms_review/gui/operations.py" line="259" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>