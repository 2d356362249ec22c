/** The canonical key of a loop: its link ids, rotated so the smallest comes first, joined by spaces. */
export function loopKey(links: readonly string[]): string {
  if (links.length === 0) return '';
  let start = 0;
  for (let i = 1; i < links.length; i++) if (links[i]! < links[start]!) start = i;
  return [...links.slice(start), ...links.slice(0, start)].join(' ');
}
