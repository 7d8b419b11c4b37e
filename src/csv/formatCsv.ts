/**
 * Writes RFC 4180 CSV with CRLF line ends (what the RFC and spreadsheet tools expect). A field is quoted
 * only when it must be: it holds a comma, a quote or a line break, or starts or ends with a space (which
 * some readers would trim).
 */
export function formatCsv(header: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  const lines = [header.map(formatField).join(',')];
  for (const row of rows) lines.push(header.map((name) => formatField(row[name] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

function formatField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
