// CSV files analysts open in a spreadsheet: UTF-8 with a byte-order mark (Excel reads Chinese
// right), every cell quoted when it holds a comma, a quote or a line break.

export function cell(v) {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) v = v.join("；");
  else if (typeof v === "object") v = JSON.stringify(v);
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCSV(header, rows) {
  return "\ufeff" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function download(filename, text, type) {
  const blob = new Blob([text], { type: type || "text/csv;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
