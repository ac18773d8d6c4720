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
  "The API answers at most {max} at a time.": ["API 每次最多返回 {max} 项。", "API 每次最多返回 {max} 項。"],
  facts: ["事实", "事實"],
  figures: ["数字", "數字"],
  forecasts: ["预测", "預測"],
  sources: ["来源", "來源"],
  "Other routes could not be found:": ["无法查找其他路径：", "無法查找其他路徑："],
  "Company": ["公司", "公司"], "Person": ["人物", "人物"], "University": ["大学", "大學"], "Product": ["产品", "產品"],
  "Group": ["团体", "團體"], "StockExchange": ["交易所", "交易所"], "Technology": ["技术", "技術"],
  "BusinessModel": ["商业模式", "商業模式"], "Sector": ["领域", "領域"], "Listing": ["上市", "上市"], "FundingRound": ["融资轮", "融資輪"],
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
