// CSV and JSON downloads of a table's records, each record with its source and evidence, so that
// a figure taken into a spreadsheet keeps where it comes from.
import { el } from "./dom.js";
import { t } from "./i18n.js";

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (value) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Records as CSV, with a header of every key any record has, in first-seen order. */
export function toCsv(records) {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  return [columns, ...records.map((record) => columns.map((c) => record[c]))].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Download CSV" and "Download JSON" buttons for a table's records; `name` names the files. */
export function exportButtons(name, records) {
  const file = name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "table";
  return el("p", { class: "export", "data-export": file },
    // A byte-order mark, so that a spreadsheet reads the Chinese in the CSV as UTF-8.
    el("button", { type: "button", class: "secondary", "data-format": "csv",
      onclick: () => download(`${file}.csv`, "text/csv;charset=utf-8", `\uFEFF${toCsv(records)}`) }, t("Download CSV")), " ",
    el("button", { type: "button", class: "secondary", "data-format": "json",
      onclick: () => download(`${file}.json`, "application/json", `${JSON.stringify(records, null, 2)}\n`) }, t("Download JSON")));
}
