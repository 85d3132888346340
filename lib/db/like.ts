/** Escapes LIKE's wildcards so a search term matches literally inside `contains`. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
