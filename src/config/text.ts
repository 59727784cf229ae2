/**
 * Text of a value from user YAML for keys and messages. Never throws: `String()` does on a mapping such as
 * `{ toString: false }`, which YAML input can produce.
 */
export function displayText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "[unprintable value]";
  }
}
