/**
 * Splits what a builder pasted into address entries: one address, a list separated by commas,
 * semicolons or newlines, or a CSV with an "email" column. Pure.
 */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

export function splitAddressInput(input: string): string[] {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const header = lines.find((line) => line.trim() !== '');
  if (header?.includes(',')) {
    const columns = parseCsvLine(header).map((c) => c.toLowerCase());
    const emailColumn = columns.findIndex((c) => c === 'email' || c === 'e-mail' || c === 'email address');
    if (emailColumn >= 0) {
      return lines
        .slice(lines.indexOf(header) + 1)
        .filter((line) => line.trim() !== '')
        .map((line) => parseCsvLine(line)[emailColumn] ?? '')
        .map((cell) => cell.trim());
    }
  }
  return input
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}
