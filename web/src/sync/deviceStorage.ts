/**
 * This device's own memory (localStorage) for small settings that never go into the document. A browser that
 * refuses storage (private mode, a full disk) reads nothing and writes nowhere: the setting lasts for this page.
 */
export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeLocal(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: remembered for this page only.
  }
}
