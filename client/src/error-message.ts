/** The message of a thrown value, for a line the user reads (an Error's message, or the value as text). */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
