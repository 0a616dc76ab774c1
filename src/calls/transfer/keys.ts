/**
 * The keys an operator presses during a conversation, read as commands (docs/transfers.md):
 * *1<code># blind transfer, *2<code># attended (consult), then *3 complete, *4 swap, *0 cancel;
 * *5<d> a disposition (handed on). Pure: keys and the instant they came in.
 */
export type InCallAction =
  | { kind: "transfer"; transfer: "blind" | "attended"; code: string }
  | { kind: "complete" }
  | { kind: "swap" }
  | { kind: "cancel" }
  | { kind: "disposition"; digit: string }
  /** A sequence that means nothing (*1# without a code, *9…). */
  | { kind: "invalid"; keys: string };

/** Longest code the directory allows (schema-directory.ts). */
const MAX_CODE = 6;

export class InCallKeys {
  private keys = "";
  private last = 0;

  /** `timeoutMs`: a pause this long between keys starts over (a stray * is forgotten). */
  constructor(private readonly timeoutMs = 5000) {}

  /** One key at `at` (ms); the command it completes, if any. */
  press(key: string, at: number): InCallAction | undefined {
    if (this.keys && at - this.last > this.timeoutMs) this.keys = "";
    this.last = at;
    if (key === "*") {
      this.keys = "*";
      return undefined;
    }
    const keys = this.keys + key;
    if (keys.length === 1) return undefined; // keys outside a sequence are the conversation's own
    const [, verb = ""] = keys;
    if (keys.length === 2) {
      this.keys = verb === "1" || verb === "2" || verb === "5" ? keys : "";
      if (verb === "3") return { kind: "complete" };
      if (verb === "4") return { kind: "swap" };
      if (verb === "0") return { kind: "cancel" };
      return this.keys ? undefined : { kind: "invalid", keys };
    }
    if (verb === "5") {
      this.keys = "";
      return /^[0-9]$/.test(key) ? { kind: "disposition", digit: key } : { kind: "invalid", keys };
    }
    if (key === "#") {
      this.keys = "";
      const code = keys.slice(2, -1);
      if (code === "") return { kind: "invalid", keys };
      return { kind: "transfer", transfer: verb === "1" ? "blind" : "attended", code };
    }
    if (!/^[0-9]$/.test(key) || keys.length - 2 > MAX_CODE) {
      this.keys = "";
      return { kind: "invalid", keys };
    }
    this.keys = keys;
    return undefined;
  }
}
