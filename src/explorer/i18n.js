// The interface language: English, Simplified or Traditional Chinese. Strings are keyed by their
// English text, so a missing translation shows English rather than a key. Names come from the
// entity's own name fields (name, nameZhHans, nameZhHant), never from a converter.

export const LANGUAGES = { en: "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文" };

const STORAGE_KEY = "explorer-language";
let current = (() => {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored in LANGUAGES ? stored : "en";
  } catch {
    return "en";
  }
})();

export const language = () => current;
export function setLanguage(lang) {
  if (!(lang in LANGUAGES)) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A private window may refuse storage: the choice then lasts for this page only.
  }
}

// [Simplified, Traditional] for each English string of the interface.
const STRINGS = {
  "China LLM industry graph": ["中国大模型产业图谱", "中國大模型產業圖譜"],
  "Search entities in English, 简体 or 繁體": ["以英文、简体或繁體搜索实体", "以英文、简体或繁體搜尋實體"],
  Search: ["搜索", "搜尋"],
  Retry: ["重试", "重試"],
  "Regulatory action": ["监管行动", "監管行動"],
  "Model release": ["模型发布", "模型發布"],
  "Issued by": ["发布机构", "發布機構"],
  "Released (earliest date a source gives)": ["发布（来源所给最早日期）", "發布（來源所給最早日期）"],
  "Open weights": ["开放权重", "開放權重"],
  "yes, as a source states": ["是，据来源所述", "是，據來源所述"],
  "no source states it": ["无来源陈述", "無來源陳述"],

  "Model releases": ["模型发布", "模型發布"],
  // What's new (changes.js)
  "What's new": ["最新变化", "最新變化"],
  "Each load of the graph that changed it is a release: the entities, facts, figures and sources it added, removed or changed, with the values before and after.": [
    "每次改变图谱的加载即为一个版本：它新增、删除或修改的实体、事实、数据和来源，以及修改前后的值。",
    "每次改變圖譜的載入即為一個版本：它新增、刪除或修改的實體、事實、數據和來源，以及修改前後的值。",
  ],
  added: ["新增", "新增"],
  removed: ["删除", "刪除"],
  changed: ["修改", "修改"],
  entity: ["实体", "實體"],
  fact: ["事实", "事實"],
  entities: ["实体", "實體"],
  "(none)": ["（无）", "（無）"],
  "Release {n}": ["版本 {n}", "版本 {n}"],
  "Loaded {at}.": ["载入于 {at}。", "載入於 {at}。"],
  "The first graph of this database: everything in it is new.": ["此数据库的第一个图谱：其中一切皆为新增。", "此資料庫的第一個圖譜：其中一切皆為新增。"],
  "More changes than this page holds.": ["变化多于本页所能容纳。", "變化多於本頁所能容納。"],
  "Nothing changed in the facts; the files did.": ["事实未变，仅文件有变。", "事實未變，僅檔案有變。"],
  "{shown} of {total} changes shown.": ["显示 {total} 项变化中的 {shown} 项。", "顯示 {total} 項變化中的 {shown} 項。"],
  "{n} release(s) after {since}.": ["{since} 之后的 {n} 个版本。", "{since} 之後的 {n} 個版本。"],
  "The latest release of the graph.": ["图谱的最新版本。", "圖譜的最新版本。"],
  "No release recorded yet.": ["尚无版本记录。", "尚無版本記錄。"],
  "Every release of the history": ["历史上的所有版本", "歷史上的所有版本"],
  "Every dated release of a model, as each source dates it: two sources that date one release differently are two rows. The access and licence are what the sources state.": [
    "每个有日期的模型发布，按各来源所给日期列出：两个来源对同一发布给出不同日期，即为两行。开放方式与许可证均为来源所述。",
    "每個有日期的模型發布，按各來源所給日期列出：兩個來源對同一發布給出不同日期，即為兩行。開放方式與許可證均為來源所述。",
  ],
  "Open weights only": ["仅开放权重", "僅開放權重"],
  Licence: ["许可证", "許可證"],
  Lab: ["研发机构", "研發機構"],
  any: ["全部", "全部"],
  "{n} releases of {m} models, each as its source dates it.": ["{m} 个模型的 {n} 次发布，各按其来源所给日期。", "{m} 個模型的 {n} 次發布，各按其來源所給日期。"],
  "No release matches these filters.": ["没有符合这些条件的发布。", "沒有符合這些條件的發布。"],
  lab: ["研发机构", "研發機構"],
  model: ["模型", "模型"],
  access: ["开放方式", "開放方式"],
  licence: ["许可证", "許可證"],
  announced: ["已宣布", "已宣佈"],
  "open-weights": ["开放权重", "開放權重"],
  api: ["仅 API", "僅 API"],
  closed: ["不开放", "不開放"],

  // Source kinds (Source.kind).
  article: ["文章", "文章"], filing: ["公告", "公告"], prospectus: ["招股书", "招股書"], "broker-report": ["券商研报", "券商研報"],
  "market-data": ["市场数据", "市場數據"], "web-article": ["网络文章", "網絡文章"], repository: ["代码仓库文件", "程式碼倉庫檔案"], background: ["背景资料", "背景資料"],
  "Skip to content": ["跳到正文", "跳到正文"],
  "Each fact quotes its source or, where we do not hold the source's text, gives our": ["每项事实引用其来源原文；若我们未持有来源全文，则给出我们的", "每項事實引用其來源原文；若我們未持有來源全文，則給出我們的"],
  "marks a fact only one publisher could be found for.": ["表示仅找到一家发布方陈述该事实。", "表示僅找到一家發布方陳述該事實。"],
  "marks a fact the source qualifies, with its own words; “according to” names the document the source attributes it to; dates are as precise as the source gives them.": [
    "表示来源有所保留的事实，并附其原话；“据”指来源所引述的文件；日期精确到来源所给的程度。",
    "表示來源有所保留的事實，並附其原話；「據」指來源所引述的文件；日期精確到來源所給的程度。",
  ],
  "Every CAGR, year-on-year growth, multiple or average a source states, recomputed from the figures it is derived from. The computed range allows for the rounding of those figures as printed; unverifiable means the source does not give them.": [
    "来源陈述的每个复合增长率、同比增长、倍数或平均值，均按其所依据的数字重新计算。计算区间已考虑这些数字印出时的四舍五入；“无法核实”表示来源未给出这些数字。",
    "來源陳述的每個複合增長率、同比增長、倍數或平均值，均按其所依據的數字重新計算。計算區間已考慮這些數字印出時的四捨五入；「無法核實」表示來源未給出這些數字。",
  ],
  "Amounts keep their own currency unless you choose one: then each is converted at exchange rates the sources themselves give, and says so. Figures of different period lengths or scopes are never drawn as one series.": [
    "金额保留其原币种，除非你选择一种：届时按来源自身给出的汇率换算，并注明。不同期间长度或范围的数字绝不画成同一序列。",
    "金額保留其原幣種，除非你選擇一種：屆時按來源自身給出的匯率換算，並註明。不同期間長度或範圍的數字絕不畫成同一序列。",
  ],
  "Data:": ["数据：", "數據："],
  "GraphQL API": ["GraphQL 接口", "GraphQL 介面"],
  "every fact links to the source that states it.": ["每项事实都链接到陈述它的来源。", "每項事實都連結到陳述它的來源。"],

  Language: ["语言", "語言"],
  "Shortest connection": ["最短关联", "最短關聯"],
  "Compare companies": ["公司比较", "公司比較"],
  "Audit of derived figures": ["衍生数字核查", "衍生數字核查"],
  "Where sources disagree": ["来源分歧", "來源分歧"],
  Results: ["结果", "結果"],
  Sources: ["来源", "來源"],
  kind: ["类别", "類別"],
  publisher: ["出版方", "出版方"],
  date: ["日期", "日期"],
  Network: ["关系网络", "關係網絡"],
  "Facts, with their source": ["事实及来源", "事實及來源"],
  "Figures over time": ["数字随时间变化", "數字隨時間變化"],
  Forecasts: ["预测", "預測"],
  "forecasts, with their sources, below": ["项预测，来源见下文", "項預測，來源見下文"],
  "Forecasts this company made, with their sources": ["该公司作出的预测及来源", "該公司作出的預測及來源"],
  Facts: ["事实", "事實"],
  Figures: ["数字", "數字"],
  "Entities named": ["提及的实体", "提及的實體"],
  From: ["从", "從"],
  To: ["到", "到"],
  Connect: ["查找关联", "查找關聯"],
  Compare: ["比较", "比較"],
  "Compare with other companies": ["与其他公司比较", "與其他公司比較"],
  Metric: ["指标", "指標"],
  Companies: ["公司", "公司"],
  Currency: ["币种", "幣種"],
  "as given": ["按原币种", "按原幣種"],
  Kind: ["类型", "類型"],
  actual: ["实际", "實際"],
  forecast: ["预测", "預測"],
  plan: ["计划", "計劃"],
  "Not found": ["未找到", "未找到"],
  "Other routes of the same length": ["同样长度的其他路径", "同樣長度的其他路徑"],
  "No connection": ["没有关联", "沒有關聯"],
  "Loading…": ["加载中…", "載入中…"],
  "Searching…": ["搜索中…", "搜尋中…"],
  "Finding the shortest connection…": ["正在查找最短关联…", "正在查找最短關聯…"],
  "Recomputing…": ["重新计算中…", "重新計算中…"],
  "Download CSV": ["下载 CSV", "下載 CSV"],
  "Download JSON": ["下载 JSON", "下載 JSON"],
  period: ["期间", "期間"],
  value: ["数值", "數值"],
  scope: ["范围", "範圍"],
  certainty: ["确定性", "確定性"],
  evidence: ["证据", "證據"],
  source: ["来源", "來源"],
  company: ["公司", "公司"],
  "company or event": ["公司或事件", "公司或事件"],
  metric: ["指标", "指標"],
  "converted from": ["换算自", "換算自"],
  stated: ["明确", "明確"],
  hedged: ["有保留", "有保留"],
  "single source": ["单一来源", "單一來源"],
  "{n} publishers": ["{n} 家发布方", "{n} 家發布方"],
  "Only one publisher among the graph's sources states this": ["图中来源只有一家发布方陈述此项", "圖中來源只有一家發布方陳述此項"],
  "Distinct publishers among the graph's sources that state this": ["图中来源里陈述此项的不同发布方", "圖中來源裡陳述此項的不同發布方"],
  "more than": ["超过", "超過"],
  about: ["约", "約"],
  "lower bound (more than)": ["下限（超过）", "下限（超過）"],
  "approximate (about)": ["约数", "約數"],
  "as stated": ["确数", "確數"],
  "hedged by the source": ["来源有保留", "來源有保留"],
  "full year": ["全年", "全年"],
  "half year": ["半年", "半年"],
  quarter: ["季度", "季度"],
  "nine months": ["九个月", "九個月"],
  "point in time": ["时点", "時點"],
  "Colours": ["颜色", "顏色"],
  "hedged fact (dashed)": ["有保留的事实（虚线）", "有保留的事實（虛線）"],
  "according to": ["据", "據"],
  ", as reported by": ["，转引自", "，轉引自"],
  "source:": ["来源：", "來源："],
  "sources:": ["来源：", "來源："],
  "1 source:": ["1 个来源：", "1 個來源："],
  ongoing: ["进行中", "進行中"],
  "paraphrase (our words)": ["转述（非原文）", "轉述（非原文）"],
  "also known as": ["又名", "又名"],
  "named in": ["见于", "見於"],
  "figure": ["数字", "數字"],
  "Not drawn: a different period length from the chart's": ["未绘制：期间长度与图表不同", "未繪製：期間長度與圖表不同"],
  "Showing {shown} of {total} {noun}.": ["显示 {total} 项{noun}中的 {shown} 项。", "顯示 {total} 項{noun}中的 {shown} 項。"],
  "Show more": ["显示更多", "顯示更多"],
  "The {n} best matches; there are more.": ["最匹配的 {n} 项；还有更多。", "最匹配的 {n} 項；還有更多。"],
  "The API answers at most {max} at a time.": ["API 每次最多返回 {max} 项。", "API 每次最多返回 {max} 項。"],
  facts: ["事实", "事實"],
  figures: ["数字", "數字"],
  forecasts: ["预测", "預測"],
  sources: ["来源", "來源"],
  "Other routes could not be found:": ["无法查找其他路径：", "無法查找其他路徑："],
  // Status messages and notes.
  "Search for it by name above, in English, 简体 or 繁體.": ["请在上方按名称搜索，可用英文、简体或繁體。", "請在上方按名稱搜尋，可用英文、简体或繁體。"],
  "Figures, with their sources": ["数字及来源", "數字及來源"],
  "Sources disagree": ["来源分歧", "來源分歧"],
  "Sources give these figures differently; every version is kept with its source. A different scope often explains the gap.": ["各来源给出的这些数字不同；每个版本连同其来源均予保留。范围不同往往可以解释差异。", "各來源給出的這些數字不同；每個版本連同其來源均予保留。範圍不同往往可以解釋差異。"],
  "A chart joins only figures of one metric, unit, scope and period length, on a time axis where each figure spans its period: a half year never sits among full years, a cumulative figure never beside an annual one. A figure with no other of its kind is a card. Every figure has its evidence and source.": ["图表只合并同一指标、单位、范围和期间长度的数字，时间轴上每个数字跨越其期间：半年数字不与全年数字并列，累计数字不与年度数字并列。没有同类数字的单个数字以卡片显示。每个数字都附有证据和来源。", "圖表只合併同一指標、單位、範圍和期間長度的數字，時間軸上每個數字跨越其期間：半年數字不與全年數字並列，累計數字不與年度數字並列。沒有同類數字的單個數字以卡片顯示。每個數字都附有證據和來源。"],
  "Every source the graph holds: the articles and filings whose words are quoted, the documents they cite (prospectuses, brokers' reports), web articles we paraphrase, and our background source. Each page says what the source states.": ["图谱收录的所有来源：引用其原文的文章和文件、它们引用的文件（招股书、券商报告）、我们转述的网络文章，以及我们的背景来源。每个页面列出该来源所述内容。", "圖譜收錄的所有來源：引用其原文的文章和文件、它們引用的文件（招股書、券商報告）、我們轉述的網絡文章，以及我們的背景來源。每個頁面列出該來源所述內容。"],
  "Figures that sources give differently for the same company or event, period and unit, every version side by side with its source. Nothing is averaged or picked: a different scope (with or without the over-allotment option, expected or final) often explains the gap.": ["各来源对同一公司或事件、同一期间和单位给出不同数字的情况，每个版本并列，各附来源。", "各來源對同一公司或事件、同一期間和單位給出不同數字的情況，每個版本並列，各附來源。"],
  "{n} result(s) for “{text}”.": ["“{text}”的结果：{n} 项。", "「{text}」的結果：{n} 項。"],
  "Nothing found for “{text}”.": ["未找到“{text}”。", "未找到「{text}」。"],
  "Nothing found for {names}.": ["未找到 {names}。", "未找到 {names}。"],
  " and ": [" 和 ", " 和 "],
  " or ": [" 或 ", " 或 "],
  ".": ["。", "。"],
  "No entity with id “{id}”.": ["没有 id 为“{id}”的实体。", "沒有 id 為「{id}」的實體。"],
  "No source with id “{id}”.": ["没有 id 为“{id}”的来源。", "沒有 id 為「{id}」的來源。"],
  "No company with id {ids}.": ["没有 id 为 {ids} 的公司。", "沒有 id 為 {ids} 的公司。"],
  "No connection between {from} and {to} within 6 hops: no chain of facts in the graph links them.":
    ["{from} 与 {to} 在 6 步之内没有关联：图谱中没有任何事实链将两者相连。", "{from} 與 {to} 在 6 步之內沒有關聯：圖譜中沒有任何事實鏈將兩者相連。"],
  "{from} → {to}: {n} hop(s). ": ["{from} → {to}：{n} 步。", "{from} → {to}：{n} 步。"],
  "{n} other route(s) of {hops} hop(s)": ["另有 {n} 条 {hops} 步的路径", "另有 {n} 條 {hops} 步的路徑"],
  ", of {total} shortest paths counted by source (not all shown)": ["（按来源计共 {total} 条最短路径，未全部显示）", "（按來源計共 {total} 條最短路徑，未全部顯示）"],
  "No figure is given differently by two sources.": ["没有两个来源给出不同数字的情况。", "沒有兩個來源給出不同數字的情況。"],
  "No derived figure to check.": ["没有需要核查的衍生数字。", "沒有需要核查的衍生數字。"],
  "Converted to {currency} at exchange rates the sources give: ": ["按来源给出的汇率换算为 {currency}：", "按來源給出的匯率換算為 {currency}："],
  "None of these companies has a figure for {metric}.": ["这些公司都没有“{metric}”的数字。", "這些公司都沒有「{metric}」的數字。"],
  "{n} sources": ["{n} 个来源", "{n} 個來源"],
  // Dates: "from Jan 2026" and the like (the dates themselves read 2026年1月).
  "from {date}": ["自{date}起", "自{date}起"],
  "since {date}": ["自{date}起", "自{date}起"],
  "until {date}": ["至{date}止", "至{date}止"],
  "as of {date}": ["截至{date}", "截至{date}"],
  "stake {stake}": ["持股 {stake}", "持股 {stake}"],
  // A view at a date (time-view.js): "as of" what was true then, "known at" what had been published by then.
  "View at a date": ["按日期查看", "按日期查看"],
  "As of": ["截至日期", "截至日期"],
  "what was true on that day": ["当日属实的内容", "當日屬實的內容"],
  "Known at": ["来源发布截至", "來源發布截至"],
  "only what had been published by then": ["仅限当日或之前发布的来源", "僅限當日或之前發布的來源"],
  Apply: ["应用", "套用"],
  "known at {date}": ["仅限{date}或之前发布的来源", "僅限{date}或之前發布的來源"],
  "Narrowed by date: {dates}.": ["已按日期限定：{dates}。", "已按日期限定：{dates}。"],
  "Clear the dates": ["清除日期", "清除日期"],
  "Only the facts and the sources that name it are narrowed; figures are left out here.": [
    "仅事实及提及它的来源按日期限定；此处不显示数字。",
    "僅事實及提及它的來源按日期限定；此處不顯示數字。",
  ],
  "Its figures at these dates": ["按这些日期查看其数字", "按這些日期查看其數字"],
  "No connection between {from} and {to} within 6 hops at these dates: no chain of facts in the view links them.":
    ["按这些日期，{from} 与 {to} 在 6 步之内没有关联：此视图中没有任何事实链将两者相连。", "按這些日期，{from} 與 {to} 在 6 步之內沒有關聯：此檢視中沒有任何事實鏈將兩者相連。"],
  "stake {stake} as of {date}": ["截至{date}持股 {stake}", "截至{date}持股 {stake}"],
  year: ["年", "年"],
  month: ["月", "月"],
  day: ["日", "日"],
  // Events.
  "Funding round": ["融资轮", "融資輪"],
  Date: ["日期", "日期"],
  Exchange: ["交易所", "交易所"],
  Ticker: ["股票代码", "股票代碼"],
  Board: ["板块", "板塊"],
  "Listing rule": ["上市规则", "上市規則"],
  Stage: ["轮次", "輪次"],
  " (known to the {precision})": ["（精确到{precision}）", "（精確到{precision}）"],
  "Cornerstone investors": ["基石投资者", "基石投資者"],
  Investors: ["投资者", "投資者"],
  "sources disagree": ["来源有分歧", "來源有分歧"],
  // Disagreements and the audit.
  "{metric}{kind}, in {unit}, as of {date}": ["{metric}{kind}，单位 {unit}，截至 {date}", "{metric}{kind}，單位 {unit}，截至 {date}"],
  "audit: differs": ["核查：不符", "核查：不符"],
  "Open the audit of derived figures": ["打开衍生数字核查", "打開衍生數字核查"],
  consistent: ["一致", "一致"],
  "consistent within rounding": ["在四舍五入范围内一致", "在四捨五入範圍內一致"],
  differs: ["不符", "不符"],
  unverifiable: ["无法核实", "無法核實"],
  CAGR: ["复合年增长率", "複合年增長率"],
  "year-on-year growth": ["同比增长", "按年增長"],
  multiple: ["倍数", "倍數"],
  average: ["平均", "平均"],
  share: ["占比", "佔比"],
  "currency conversion": ["货币换算", "貨幣換算"],
  "stated {stated}, {verdict}: {explanation}": ["来源称 {stated}，{verdict}：{explanation}", "來源稱 {stated}，{verdict}：{explanation}"],
  "stated {stated}, computed {computed} from {inputs} — {verdict}": ["来源称 {stated}，由 {inputs} 计算得 {computed} — {verdict}", "來源稱 {stated}，由 {inputs} 計算得 {computed} — {verdict}"],
  "{value} or more": ["{value} 或以上", "{value} 或以上"],
  "range {range} given the rounding of the inputs": ["考虑输入数字的四舍五入，范围为 {range}", "考慮輸入數字的四捨五入，範圍為 {range}"],
  "not given by the source": ["来源未给出", "來源未給出"],
  none: ["无", "無"],
  "percentage points": ["个百分点", "個百分點"],
  "inputs, as printed": ["输入（按原文）", "輸入（按原文）"],
  "stated value": ["来源数值", "來源數值"],
  computed: ["计算值", "計算值"],
  difference: ["差异", "差異"],
  verdict: ["结论", "結論"],
  // A source's page.
  "dated {date}": ["日期 {date}", "日期 {date}"],
  undated: ["未注明日期", "未註明日期"],
  "retrieved {date}": ["读取于 {date}", "讀取於 {date}"],
  "Read it at ": ["原文见 ", "原文見 "],
  " — its text is not held: the evidence below is our paraphrase.": ["——本图谱未收录其原文：以下证据为我们的转述。", "——本圖譜未收錄其原文：以下證據為我們的轉述。"],
  "Cites: ": ["引用：", "引用："],
  "Cited by: ": ["被引用于：", "被引用於："],
  " — the facts and figures below are what these sources attribute to it.": ["——以下事实与数字为这些来源引述自它的内容。", "——以下事實與數字為這些來源引述自它的內容。"],
  "Company": ["公司", "公司"], "Person": ["人物", "人物"], "University": ["大学", "大學"], "Product": ["产品", "產品"],
  "Group": ["团体", "團體"], "StockExchange": ["交易所", "交易所"], "Technology": ["技术", "技術"],
  "BusinessModel": ["商业模式", "商業模式"], "Sector": ["领域", "領域"], "Listing": ["上市", "上市"], "FundingRound": ["融资轮", "融資輪"],
  "Model": ["模型", "模型"], "License": ["许可证", "許可證"], "Regulator": ["监管机构", "監管機構"], "RegulatoryAction": ["监管行动", "監管行動"],
};

/** The interface string in the current language (English when no translation is held), its
 *  {placeholders} filled from `values`. */
export function t(english, values = {}) {
  const pair = current === "en" ? null : STRINGS[english];
  const text = pair ? pair[current === "zh-Hans" ? 0 : 1] : english;
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// Relationship types in Chinese; English keeps the model's own names (SPUN_OUT_OF), which the
// query API, Bloom and the Cypher examples use too.
const RELATIONSHIPS = {
  FORECASTS: ["预测", "預測"], SPUN_OUT_OF: ["孵化自", "孵化自"], FOUNDED: ["创立", "創立"], WORKED_AT: ["曾任职于", "曾任職於"], DEVELOPS: ["开发", "開發"],
  MEMBER_OF: ["属于", "屬於"], BUYS_CLOUD_FROM: ["采购云服务自", "採購雲服務自"], SUBSIDIARY_OF: ["隶属于", "隸屬於"],
  COMPETES_WITH: ["竞争", "競爭"], ENTERED: ["进入", "進入"], LISTED_ON: ["上市于", "上市於"], USES_TECHNOLOGY: ["采用技术", "採用技術"],
  HAS_BUSINESS_MODEL: ["商业模式", "商業模式"], PIVOTED_TO: ["转向", "轉向"], SHIFTING_TO: ["正转向", "正轉向"], EXITED: ["退出", "退出"],
  REBRANDED_AS: ["更名为", "更名為"], STUDIED_AT: ["就读于", "就讀於"], HAD_LISTING: ["上市", "上市"], ON_EXCHANGE: ["交易所", "交易所"],
  RAISED: ["融资", "融資"], INVESTED_IN: ["投资", "投資"], SHAREHOLDER_OF: ["持股", "持股"], CORNERSTONE_IN: ["基石投资", "基石投資"],
  RELEASED: ["发布", "發布"], IN_FAMILY: ["属于系列", "屬於系列"], LICENSED_UNDER: ["采用许可证", "採用許可證"],
  FINE_TUNED_FROM: ["微调自", "微調自"], DISTILLED_FROM: ["蒸馏自", "蒸餾自"], QUANTIZED_FROM: ["量化自", "量化自"], MERGED_FROM: ["合并自", "合併自"],
  SUCCESSOR_OF: ["继任", "繼任"], BASED_ON: ["基于", "基於"], LEADS: ["领导", "領導"], ISSUED: ["发布", "發布"], NAMED_IN: ["列入", "列入"],
};
export const relationshipWords = (type) => (current === "en" || !RELATIONSHIPS[type] ? type : RELATIONSHIPS[type][current === "zh-Hans" ? 0 : 1]);

/** An entity's name in the chosen script. */
export const nameOf = (entity) =>
  !entity ? "" : current === "zh-Hans" ? entity.nameZhHans ?? entity.name : current === "zh-Hant" ? entity.nameZhHant ?? entity.name : entity.name;

/** The entity's name in another script, shown beside it: Traditional beside English, English beside Chinese. */
export const otherNameOf = (entity) => (current === "en" ? entity.nameZhHant : entity.name);

/** Sets every element's text that carries data-i18n (its English text) to the current language. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
}
