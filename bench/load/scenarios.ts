/**
 * Two SIPp behaviours the demo's scenarios (src/demo/scenario.ts) have no action for, made from
 * the demo's own SIP so both stay one dialect: a desk phone that copes with whatever a caller does
 * (hangs up while it rings or while they talk), and a caller who may hang up at a random moment.
 */
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";

/** `text` with the first `find` replaced; a demo scenario that changed shape is an error, not a silent no-op. */
function replaceOnce(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  if (at < 0) throw new Error(`the demo's scenario has no ${JSON.stringify(find)} any more`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** The part of a scenario after `marker` (exclusive) up to its closing tag. */
function after(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`the demo's scenario has no ${JSON.stringify(marker)} any more`);
  const close = text.lastIndexOf("</scenario>");
  return text.slice(at + marker.length, close < 0 ? undefined : close);
}

const END = `  <label id="end"/>\n</scenario>`;

/**
 * A desk phone that rings `ringMs`, answers and talks `talkMs` before hanging up; a CANCEL while it
 * rings (the caller left, or the ring timed out) or a BYE while it talks (the caller hung up) ends
 * the call normally instead of failing it.
 */
export function patientDeskPhone(b: { ringMs: number; talkMs: number }): string {
  const cancelled = after(
    deskPhoneScenario({ ringMs: 0, action: "no-answer" }),
    `<recv request="CANCEL" timeout="120000"/>\n`,
  ).replace(`<recv request="ACK"/>`, `<recv request="ACK" next="end"/>`);
  const byeTaken = after(
    deskPhoneScenario({ ringMs: 0, action: "answer", byeTimeoutMs: 1 }),
    `<recv request="BYE" timeout="1"/>\n`,
  );
  let text = deskPhoneScenario({ ringMs: b.ringMs, action: "answer", talkMs: b.talkMs });
  text = replaceOnce(
    text,
    `  <pause milliseconds="${b.ringMs}"/>\n`,
    `  <recv request="CANCEL" timeout="${b.ringMs}" ontimeout="answer"/>\n${cancelled}  <label id="answer"/>\n`,
  );
  text = replaceOnce(
    text,
    `  <pause milliseconds="${b.talkMs}"/>\n`,
    `  <recv request="BYE" timeout="${b.talkMs}" ontimeout="hangup"/>\n${byeTaken}  <nop next="end"/>\n  <label id="hangup"/>\n`,
  );
  return replaceOnce(text, "</scenario>", END);
}

/**
 * A caller who, in `share` (0–1) of the calls, hangs up at one of `moments` (ms after the answer:
 * in the greeting, waiting, ringing, talking), picked at random per call; the others listen until
 * the hotline hangs up (at most `patienceMs`).
 */
export function impatientCaller(o: { share: number; moments: number[]; patienceMs: number }): string {
  const wait = `  <recv request="BYE" timeout="${o.patienceMs}"/>\n`;
  const listens = callerScenario([{ expectHangup: o.patienceMs }]);
  const byeTaken = after(listens, wait);
  const hangsUp = after(after(callerScenario([{ hangup: true }]), "CSeq: 1 ACK"), "</send>\n");
  const slice = (o.share * 100) / o.moments.length;
  // The first test that holds wins: dice < 1 slice → moment 0, < 2 slices → moment 1, …
  const dice = `  <nop>
    <action>
      <sample assign_to="dice" distribution="uniform" min="0" max="100"/>
${o.moments.map((_, i) => `      <test assign_to="quit${i}" variable="dice" compare="less_than" value="${(slice * (i + 1)).toFixed(3)}"/>`).join("\n")}
    </action>
  </nop>
${o.moments.map((_, i) => `  <nop next="q${i}" test="quit${i}"/>\n`).join("")}`;
  const branches = o.moments
    .map(
      (ms, i) =>
        `  <label id="q${i}"/>\n  <recv request="BYE" timeout="${ms}" ontimeout="bye"/>\n${byeTaken}  <nop next="end"/>\n`,
    )
    .join("");
  let text = replaceOnce(listens, wait, `${dice}${wait}`);
  text = replaceOnce(text, "</scenario>", `  <nop next="end"/>\n${branches}  <label id="bye"/>\n${hangsUp}${END}`);
  return text.replace(`<scenario name="caller">`, `<scenario name="impatient caller">`);
}
