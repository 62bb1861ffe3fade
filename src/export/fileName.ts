// File names made from a session's name (downloads of PNG, SVG, CSV, JSON and scripts alike). Pure.

/** A file name from the session name: characters file systems reject become "_". */
export function fileBaseName(name: string): string {
  const s = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return s || 'untitled';
}
