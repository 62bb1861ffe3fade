// Saving data the page made as a file: an object URL clicked through a temporary link (no network), released
// once the browser has taken the download over.

/** Offers `blob` as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers text (or text in parts, joined without copying into one string) as a download. */
export function downloadText(text: string | readonly string[], filename: string, type: string): void {
  downloadBlob(new Blob(typeof text === 'string' ? [text] : [...text], { type }), filename);
}
