// An error's code may come from a server: before it reaches the report or the log it must look like a code,
// so that a message or a piece of text cannot ride along in its place.
export function safeCode(v: unknown): string {
  return typeof v === 'string' && /^[A-Za-z][\w.:-]{0,63}$/.test(v) ? v : 'unknown';
}
