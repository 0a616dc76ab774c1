/**
 * SIPp scenarios written from a list of actions, so each test (and the demo) says what its caller or
 * desk phone does in one line: `callerScenario([{ wait: 2500 }, { press: "2" }, { expectHangup: 20000 }])`.
 * Keys travel as SIP INFO (application/dtmf-relay): the test trunk uses dtmf_mode=info.
 */

export type CallerAction =
  /** Listen for this many milliseconds. */
  | { wait: number }
  /** Press keys (each one a SIP INFO, 200 ms apart). */
  | { press: string }
  /** Hang up (BYE). */
  | { hangup: true }
  /** The hotline must hang up within this many milliseconds. */
  | { expectHangup: number };

const SDP = `v=0
      o=user 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-16`;

const FROM = `"Caller [call_number]" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]`;

function request(method: string, cseq: number, extra: string, body = ""): string {
  return `  <send retrans="500">
    <![CDATA[
      ${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${FROM}
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: <sip:[caller]@[local_ip]:[local_port]>
      Max-Forwards: 70
${extra}      Content-Length: [len]

${body}
    ]]>
  </send>
`;
}

/** Wait (at most `timeoutMs`) for the hotline to hang up, and confirm it. */
function answerBye(timeoutMs: number, contactUser: string): string {
  return `  <recv request="BYE" timeout="${timeoutMs}"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:${contactUser}@[local_ip]:[local_port]>
      Content-Length: 0
    ]]>
  </send>
`;
}

/**
 * A caller on the trunk: dials [service] as [caller], answered, then does `actions` in order. With
 * `voice` (a raw 8 kHz µ-law file) the caller "talks" — streams it in a loop — from the answer on,
 * so recordings (voicemail) hear something.
 */
export function callerScenario(actions: CallerAction[], options: { voice?: string } = {}): string {
  let cseq = 2;
  const steps: string[] = [];
  for (const action of actions) {
    if ("wait" in action) steps.push(`  <pause milliseconds="${action.wait}"/>\n`);
    else if ("press" in action) {
      for (const key of action.press) {
        steps.push(
          request(
            "INFO",
            cseq++,
            "      Content-Type: application/dtmf-relay\n",
            `      Signal=${key}\n      Duration=160`,
          ),
          `  <recv response="200"/>\n  <pause milliseconds="200"/>\n`,
        );
      }
    } else if ("hangup" in action) {
      steps.push(request("BYE", cseq++, ""), `  <recv response="200" crlf="true"/>\n`);
    } else {
      steps.push(answerBye(action.expectHangup, "[caller]"));
    }
  }
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="caller">
${request("INVITE", 1, "      Content-Type: application/sdp\n", `      ${SDP}`)}  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${FROM}
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: <sip:[caller]@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
${options.voice ? `  <nop><action><exec rtp_stream="${options.voice},-1,0"/></action></nop>\n` : ""}${steps.join("")}</scenario>
`;
}

export interface DeskPhoneBehaviour {
  /** How long the phone rings before the operator acts. */
  ringMs: number;
  /** answer, reject (486 Busy Here), or let it ring until the caller side cancels. */
  action: "answer" | "reject" | "no-answer";
  /** After answering: talk this long, then hang up (operator ends the call); omit to wait for the hotline's BYE. */
  talkMs?: number;
  /** Waiting for the hotline's BYE after answering, at most this long (default 60 s). */
  byeTimeoutMs?: number;
  /** After answering: keys the operator presses (SIP INFO), each group after a pause (in-call transfer keys). */
  keys?: { afterMs: number; keys: string }[];
}

/** A key pressed on an answered desk phone: SIP INFO (application/dtmf-relay) within its dialog. */
function phoneInfo(cseq: number, key: string): string {
  return `  <send retrans="500">
    <![CDATA[
      INFO [$remote_contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$local_to];tag=[pid]SIPpTag01[call_number]
      To: [$remote_from]
      Call-ID: [call_id]
      CSeq: ${cseq} INFO
      Contact: <sip:[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${key}
      Duration=160
    ]]>
  </send>
  <recv response="200"/>
`;
}

/**
 * An operator's desk phone (or the outside call centre): receives an INVITE and answers, rejects
 * or lets it ring, as told. Run it with -m N to take N calls in a row.
 */
export function deskPhoneScenario(b: DeskPhoneBehaviour): string {
  const reply = (status: string, extra = "", body = "") => `  <send>
    <![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      [last_Record-Route:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
${extra}      Content-Length: [len]

${body}
    ]]>
  </send>
`;
  const head = `  <recv request="INVITE" crlf="true">
    <action>
      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote_from"/>
      <ereg regexp=".*" search_in="hdr" header="To:" assign_to="local_to"/>
      <ereg regexp="&lt;(sip:[^>]*)>" search_in="hdr" header="Contact:" assign_to="contact_all,remote_contact"/>
    </action>
  </recv>
  <Reference variables="contact_all,remote_contact,remote_from,local_to"/>
${reply("180 Ringing")}  <pause milliseconds="${b.ringMs}"/>
`;
  let body: string;
  if (b.action === "reject") {
    body = `${reply("486 Busy Here")}  <recv request="ACK"/>\n`;
  } else if (b.action === "no-answer") {
    body = `  <recv request="CANCEL" timeout="120000"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>
  <send>
    <![CDATA[
      SIP/2.0 487 Request Terminated
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      CSeq: [cseq] INVITE
      Content-Length: 0
    ]]>
  </send>
  <recv request="ACK"/>
`;
  } else {
    body = `${reply("200 OK", "      Content-Type: application/sdp\n", `      ${SDP}`)}  <recv request="ACK" rtd="true" crlf="true"/>
`;
    let cseq = 1;
    for (const group of b.keys ?? []) {
      body += `  <pause milliseconds="${group.afterMs}"/>\n`;
      // No pause after a group's last key: the hotline may hang up at once (a transfer), and SIPp must be listening.
      body += [...group.keys].map((key) => phoneInfo(cseq++, key)).join(`  <pause milliseconds="200"/>\n`);
    }
    if (b.talkMs !== undefined) {
      body += `  <pause milliseconds="${b.talkMs}"/>
  <send retrans="500">
    <![CDATA[
      BYE [$remote_contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$local_to];tag=[pid]SIPpTag01[call_number]
      To: [$remote_from]
      Call-ID: [call_id]
      CSeq: ${cseq} BYE
      Contact: <sip:[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" crlf="true"/>
`;
    } else {
      body += answerBye(b.byeTimeoutMs ?? 60000, "operator");
    }
  }
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="desk phone">
${head}${body}</scenario>
`;
}

/** A caller who must be refused busy (486), e.g. beyond the trunk's channel limit. */
export function busyCallerScenario(): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="caller refused busy">
${request("INVITE", 1, "      Content-Type: application/sdp\n", `      ${SDP}`)}  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="486"/>
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${FROM}
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
</scenario>
`;
}

export interface FeatureCodeCall {
  /** What the operator dials, e.g. "*1", "*32". */
  code: string;
  /** The desk phone's PJSIP endpoint: the digest username Asterisk identifies it by (and the From user). */
  endpoint: string;
  /** Its password (the sandbox's credentials.json, deskPhones[endpoint]). */
  password: string;
  /** Keys typed after the answer, as typed (e.g. "4711#"), each a SIP INFO. */
  pinDigits?: string;
  /** How long after the answer the keys are typed (default 1500 ms: during the PIN prompt). */
  pinAfterMs?: number;
  /** The hotline must hang up within this many milliseconds of the answer (default 30 s). */
  byeTimeoutMs?: number;
  /** Hang up this long after the answer (and the keys) instead of waiting for the hotline's BYE. */
  hangUpAfterMs?: number;
}

/**
 * An operator's desk phone dialling a feature code: INVITE as its endpoint, answers the digest
 * challenge, optionally types keys (the PIN), then waits for the hotline's confirmation and BYE.
 */
export function featureCodeScenario(call: FeatureCodeCall): string {
  // They go unquoted into a SIP URI and SIPp's [authentication …] keyword.
  const usable = [/^[0-9*]+$/.test(call.code), ...[call.endpoint, call.password].map((v) => /^[\w.~-]+$/.test(v))];
  if (usable.includes(false))
    throw new Error(`feature code call not expressible in SIPp: ${call.code} ${call.endpoint}`);
  if (!/^[0-9*#]*$/.test(call.pinDigits ?? "")) throw new Error(`not phone keys: ${call.pinDigits}`);
  const from = `<sip:${call.endpoint}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]`;
  const uri = `sip:${call.code}@[remote_ip]:[remote_port]`;
  const send = (
    method: string,
    cseq: number,
    extra: string,
    body = "",
    to = `<${uri}>[peer_tag_param]`,
  ) => `  <send retrans="500">
    <![CDATA[
      ${method} ${uri} SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: ${to}
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: <sip:${call.endpoint}@[local_ip]:[local_port]>
      Max-Forwards: 70
${extra}      Content-Length: [len]

${body}
    ]]>
  </send>
`;
  const invite = (cseq: number, extra = "") =>
    send("INVITE", cseq, `${extra}      Content-Type: application/sdp\n`, `      ${SDP}`, `<${uri}>`);
  const awaitBye = answerBye(call.byeTimeoutMs ?? 30000, call.endpoint);
  let cseq = 3;
  const keys = [...(call.pinDigits ?? "")].map(
    (key) =>
      `${send("INFO", cseq++, "      Content-Type: application/dtmf-relay\n", `      Signal=${key}\n      Duration=160`)}  <recv response="200"/>\n  <pause milliseconds="200"/>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="desk phone dials ${call.code}">
${invite(1)}  <recv response="100" optional="true"/>
  <recv response="407" auth="true" optional="true" next="challenged"/>
  <recv response="401" auth="true"/>
  <label id="challenged"/>
  <send>
    <![CDATA[
      ACK ${uri} SIP/2.0
      [last_Via:]
      From: ${from}
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
${invite(2, `      [authentication username=${call.endpoint} password=${call.password}]\n`)}  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send>
    <![CDATA[
      ACK ${uri} SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: <${uri}>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 ACK
      Contact: <sip:${call.endpoint}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
${keys.length > 0 ? `  <pause milliseconds="${call.pinAfterMs ?? 1500}"/>\n${keys.join("")}` : ""}${call.hangUpAfterMs === undefined ? awaitBye : `  <pause milliseconds="${call.hangUpAfterMs}"/>\n${send("BYE", cseq++, "")}  <recv response="200" crlf="true"/>\n`}</scenario>
`;
}

/** A desk phone registering at `[remote_ip]:[remote_port]` as its endpoint, answering the digest challenge. */
export function registerScenario(phone: { endpoint: string; password: string; expires?: number }): string {
  if (![phone.endpoint, phone.password].every((v) => /^[\w.~-]+$/.test(v)))
    throw new Error(`registration not expressible in SIPp: ${phone.endpoint}`);
  const register = (cseq: number, extra = "") => `  <send retrans="500">
    <![CDATA[
      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:${phone.endpoint}@[remote_ip]:[remote_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:${phone.endpoint}@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: ${cseq} REGISTER
      Contact: <sip:${phone.endpoint}@[local_ip]:[local_port]>
      Expires: ${phone.expires ?? 300}
      Max-Forwards: 70
${extra}      Content-Length: 0
    ]]>
  </send>
`;
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="desk phone registers">
${register(1)}  <recv response="401" auth="true"/>
${register(2, `      [authentication username=${phone.endpoint} password=${phone.password}]\n`)}  <recv response="200"/>
</scenario>
`;
}
