/** Header values never carry CR or LF (or other controls): fold them to spaces. */
export function safeHeader(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
