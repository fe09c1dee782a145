export type ParsedParams = { ok: true; params: Record<string, unknown> } | { ok: false; message: string };

/** The operator's parameter text, checked before it is sent: it must be one JSON object. */
export function parseParams(text: string): ParsedParams {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (e) {
    return { ok: false, message: `Parameters are not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Parameters must be one JSON object, for example {} or {"names": ["HLKSvc"]}' };
  }
  return { ok: true, params: value as Record<string, unknown> };
}
