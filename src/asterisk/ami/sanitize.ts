/** One AMI action as callers write it: `Action` plus headers; undefined headers are left out. */
export interface AmiAction {
  Action: string;
  [header: string]: string | number | undefined;
}

const CRLF = /[\r\n]/g;

/** Removes every CR and LF: the only characters that end an AMI header line (or, doubled, a whole action). */
export function stripCrLf(text: string): string {
  return text.replace(CRLF, "");
}

/**
 * The action with CR and LF stripped from every key and value, numbers stringified, undefined values
 * dropped. Without this, a value such as "x\r\n\r\nAction: Originate…" would smuggle a second action
 * onto the socket. Throws on a key that is empty once stripped (it could only produce a broken header).
 */
export function sanitizeAction(action: AmiAction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(action)) {
    if (rawValue === undefined) continue;
    const key = stripCrLf(rawKey).trim();
    if (!key) throw new Error(`AMI action ${JSON.stringify(action.Action)}: empty header name`);
    out[key] = stripCrLf(String(rawValue));
  }
  if (!out.Action) throw new Error("AMI action without an Action header");
  return out;
}
