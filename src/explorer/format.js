// Numbers, metric names and periods as a reader expects them, in the interface language:
// "CNY 312.4 M" in English, "3.124億元" in Traditional and "3.124亿元" in Simplified Chinese; the
// comparator as words ("more than", "about"); camelCase metric ids as titles.
import { language } from "./i18n.js";

const CHINESE_CURRENCY = { CNY: "元", HKD: "港元", USD: "美元" };
const CHINESE_UNIT = { times: "倍", days: "天", shares: "股", count: "", tokens: " token" };
/** Units whose Chinese word differs between the scripts. */
const CHINESE_UNIT_BY_SCRIPT = { parameters: { "zh-Hans": "参数", "zh-Hant": "參數" } };

const fixed = (digits, min = 0) => new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: min });

/** Whether a value is a whole number of `step`s up to float noise (4.8e9 is 48 × 1e8). */
const multipleOf = (value, step) => Math.abs(value / step - Math.round(value / step)) < 1e-6;

/** A number scaled to M / bn (English) or 萬 / 億 (Chinese), without its unit. `digits` fixes the decimals. */
function scaled(value, digits) {
  const size = Math.abs(value);
  const lang = language();
  const format = (x, max) => fixed(digits ?? max, digits ?? 0).format(x);
  if (lang === "en") {
    // bn while that takes at most two decimals (HKD 4.8 bn), else M (HKD 4,348.1 M).
    if (size >= 1e9 && multipleOf(value, 1e7)) return `${format(value / 1e9, 2)} bn`;
    if (size >= 1e6) return `${format(value / 1e6, 4)} M`;
    return null;
  }
  const [wan, yi] = lang === "zh-Hans" ? ["万", "亿"] : ["萬", "億"];
  if (size >= 1e8) return `${format(value / 1e8, 4)}${yi}`;
  if (size >= 1e4 && multipleOf(value, 1)) return `${format(value / 1e4, 4)}${wan}`;
  return null;
}

/** A value with its unit, no comparator: "CNY 312.4 M", "3.124億元", "HKD 116.20", "13.16%", "1,159.46 times". */
export function formatQuantity(value, unit, digits) {
  const lang = language();
  const plain = (max) => fixed(digits ?? max, digits ?? 0).format(value);
  if (unit === "percent") return `${plain(2)}%`;
  const big = scaled(value, digits);
  if (unit === "CNY" || unit === "USD" || unit === "HKD") {
    // A price keeps its cents (HKD 116.20); a whole amount prints none.
    const small = Number.isInteger(value) && digits === undefined ? fixed(0).format(value) : fixed(digits ?? 2, digits ?? 2).format(value);
    return lang === "en" ? `${unit} ${big ?? small}` : `${big ?? small}${CHINESE_CURRENCY[unit]}`;
  }
  const number = big ?? plain(unit === "days" ? 1 : 2);
  if (lang !== "en") return `${number}${CHINESE_UNIT_BY_SCRIPT[unit]?.[lang] ?? CHINESE_UNIT[unit] ?? unit}`;
  if (unit === "count") return number;
  return `${number} ${unit}`;
}

const COMPARATOR = {
  en: { eq: "", gt: "more than ", approx: "about " },
  "zh-Hans": { eq: "", gt: "超过", approx: "约" },
  "zh-Hant": { eq: "", gt: "超過", approx: "約" },
};
export const comparatorWords = (comparator) => COMPARATOR[language()][comparator] ?? "";

/** A figure as read: "more than CNY 6.2 bn", "超過62億元", "about HKD 4.8 bn". */
export const formatAmount = (value, unit, comparator = "eq") => `${comparatorWords(comparator)}${formatQuantity(value, unit)}`;

/** A figure's value as read; a converted one rounded to three significant digits and "about", since
 *  a rate's own rounding makes more digits spurious. */
export function figureAmount(f) {
  return formatAmount(f.conversion ? Number(f.value.toPrecision(3)) : f.value, f.unit, shownComparator(f));
}

/** How exact a figure is as shown: a converted one is "about" (approx) even where the source's was exact. */
export const shownComparator = (f) => (f.conversion && f.comparator === "eq" ? "approx" : f.comparator);

/** An axis tick: the scaled number alone ("312.4 M", "3.124億"), the unit being in the axis title. */
export function formatTick(value, unit) {
  if (unit === "percent") return `${fixed(2).format(value)}%`;
  return scaled(value) ?? fixed(2).format(value);
}

// [English, Simplified, Traditional] for every metric of the model (schema/05-vocabulary.graphql).
const METRICS = {
  revenue: ["Revenue", "收入", "收入"],
  revenueCagr: ["Revenue CAGR", "收入年复合增长率", "收入年復合增長率"],
  revenueGrowth: ["Revenue growth, year on year", "收入同比增长", "收入同比增長"],
  arrGrowthMultiple: ["ARR growth multiple", "ARR 增长倍数", "ARR 增長倍數"],
  netLoss: ["Net loss", "净亏损", "淨虧損"],
  loss: ["Loss", "亏损", "虧損"],
  lossMonthlyAverage: ["Average monthly loss", "月均亏损", "月均虧損"],
  computeSpend: ["Compute spending", "算力投入", "算力投入"],
  cloudServicesSpend: ["Cloud services spending", "云服务采购", "雲服務採購"],
  computeShareOfRnd: ["Compute's share of R&D", "算力占研发比例", "算力佔研發比例"],
  arr: ["Annualised recurring revenue (ARR)", "年化经常性收入（ARR）", "年化經常性收入（ARR）"],
  revenueShare: ["Share of revenue", "收入占比", "收入佔比"],
  grossMargin: ["Gross margin", "毛利率", "毛利率"],
  receivableTurnoverDays: ["Receivable turnover", "应收账款周转天数", "應收賬款周轉天數"],
  enterpriseCustomers: ["Enterprise customers", "企业客户", "企業客戶"],
  developers: ["Developers", "开发者", "開發者"],
  topInternetCompaniesUsingModel: ["Top internet companies using its models", "使用其模型的头部互联网公司", "使用其模型的頭部互聯網公司"],
  marketCap: ["Market capitalisation", "市值", "市值"],
  sharePriceChange: ["Share price change", "股价变动", "股價變動"],
  ipoProceedsToRndShare: ["Share of IPO proceeds for R&D", "募资用于研发比例", "募資用於研發比例"],
  offerPrice: ["Offer price", "发行价", "發行價"],
  grossProceeds: ["Gross proceeds", "募资总额", "募資總額"],
  netProceeds: ["Net proceeds", "募资净额", "募資淨額"],
  sharesOffered: ["Shares offered", "发行股数", "發行股數"],
  firstDayClose: ["First-day close", "首日收盘价", "首日收盤價"],
  publicOfferSubscription: ["Public offer subscription", "公开发售认购倍数", "公開發售認購倍數"],
  cornerstoneTotal: ["Cornerstone subscriptions", "基石认购", "基石認購"],
  fundingAmount: ["Amount raised", "融资金额", "融資金額"],
  postMoneyValuation: ["Post-money valuation", "投后估值", "投後估值"],
  valuation: ["Valuation", "估值", "估值"],
  fxRate: ["Exchange rate", "汇率", "匯率"],
};
/** A metric's human title: "Revenue", "Share of revenue", "收入"; unknown ids are split at capitals. */
export function metricTitle(metric) {
  const names = METRICS[metric];
  if (!names) return metric.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
  return names[{ en: 0, "zh-Hans": 1, "zh-Hant": 2 }[language()]];
}

/** Months a figure's period covers (FY 12, H1 6, Q1–Q3 9, 2022–H1 2025 42), or 0 for a level at a point in time. */
export function periodMonths(figure) {
  if (!figure.periodStart) return 0;
  const [sy, sm] = figure.periodStart.split("-").map(Number);
  const [ey, em] = figure.periodEnd.split("-").map(Number);
  return (ey - sy) * 12 + (em - sm) + 1;
}
