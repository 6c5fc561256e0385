/** Small helpers for the sentences shown to users. */

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** User text inside a short message: quoted, and cut so the sentence stays short. */
export function quote(text: string, max = 24): string {
  return `"${clip(text, max)}"`;
}

/** Document text inside a short message, cut so the sentence stays short. */
export function clip(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
