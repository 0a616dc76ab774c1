import { connect as tcpConnect } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmiClient, type AmiClientOptions } from "../../src/asterisk/ami/client.ts";
import { AmiAuthError, AmiError, AmiNotConnectedError } from "../../src/asterisk/ami/errors.ts";
import { asteriskHealth } from "../../src/asterisk/health.ts";
import { startTestSandbox, type TestSandbox } from "../support/sandbox.ts";

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function captureLogger(lines: LogLine[]) {
  return pino(
    { level: "debug" },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
        if (process.env.HOTLINE_TEST_LOG) process.stderr.write(line);
      },
    },
  );
}

/** A raw AMI session on a plain socket: the control showing what an unsanitized write would do. */
async function rawAmi(port: number, username: string, secret: string, actions: string): Promise<string> {
  const socket = tcpConnect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk) => {
    received += chunk.toString();
  });
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write(`Action: Login\r\nUsername: ${username}\r\nSecret: ${secret}\r\nEvents: off\r\n\r\n${actions}`);
  socket.write("Action: Logoff\r\n\r\n");
  await new Promise((resolve) => socket.once("close", resolve));
  return received;
}

describe("AMI client against a real Asterisk", () => {
  let sbx: TestSandbox;
  let ami: AmiClient;
  const logs: LogLine[] = [];
  const clients: AmiClient[] = [];

  const options = (): AmiClientOptions => ({
    host: "127.0.0.1",
    port: sbx.ports.ami,
    username: sbx.spec.ami.username,
    password: sbx.spec.ami.password,
  });
  const newClient = (extra: Partial<AmiClientOptions> = {}) => {
    const client = new AmiClient({ ...options(), ...extra });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    sbx = await startTestSandbox();
    ami = newClient({ logger: captureLogger(logs) });
    await ami.connect();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sbx?.stop();
  });

  it("connects, logs in and reads the core version and status", async () => {
    expect(ami.isConnected).toBe(true);
    expect(logs.some((l) => l.level === 30 && l.msg === "AMI connected")).toBe(true);
    expect(await ami.coreVersion()).toMatch(/^22\./);
    const status = await ami.coreStatus();
    expect(status.currentCalls).toBe(0);
    expect(status.startup).toBeInstanceOf(Date);
    // Started by beforeAll, moments ago (CoreStatus has one-second resolution).
    const age = (Date.now() - (status.startup as Date).getTime()) / 1000;
    expect(age).toBeGreaterThanOrEqual(-1);
    expect(age).toBeLessThan(120);
  });

  it("rejects a bad password clearly and fast, without retrying", async () => {
    const bad = newClient({ password: "definitely-wrong" });
    const t0 = Date.now();
    const err = await bad.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiAuthError);
    expect((err as Error).message).toMatch(/login to 127\.0\.0\.1:\d+ as "hotline" refused: Authentication failed/);
    expect((err as Error).message).not.toContain("definitely-wrong");
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(bad.isConnected).toBe(false);
    await expect(bad.coreVersion()).rejects.toThrow(AmiNotConnectedError);
  });

  it("rejects clearly when nothing listens on the port", async () => {
    const nobody = newClient({ port: sbx.ports.sipp(50) });
    await expect(nobody.connect()).rejects.toThrow(/AMI connection to 127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/);
  });

  it("lists the PJSIP endpoints with the sandbox trunk, and shows one endpoint in detail", async () => {
    const endpoints = await ami.listEndpoints();
    const trunk = endpoints.find((e) => e.name === "test-trunk");
    expect(trunk).toMatchObject({ name: "test-trunk", deviceState: "Not in use", activeChannels: 0 });
    expect(trunk?.contacts).toEqual([{ uri: `sip:127.0.0.1:${sbx.ports.sipp(0)}` }]);

    const detail = await ami.endpointStatus("test-trunk");
    expect(detail).toMatchObject({ name: "test-trunk", deviceState: "Not in use", activeChannels: 0 });
    expect(detail?.contacts).toEqual([{ uri: `sip:127.0.0.1:${sbx.ports.sipp(0)}`, status: "NonQualified" }]);
    expect(await ami.endpointStatus("no-such-endpoint")).toBeUndefined();
  });

  it("composes the health view from real answers", async () => {
    const health = await asteriskHealth(ami, ["test-trunk", "missing-trunk"]);
    expect(health.version).toMatch(/^22\./);
    expect(health.currentCalls).toBe(0);
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.trunks).toEqual([
      { name: "test-trunk", state: "Not in use" },
      { name: "missing-trunk", state: "not configured" },
    ]);
  });

  it("rejects an action Asterisk answers with Response: Error, with Asterisk's message", async () => {
    const err = await ami.action({ Action: "NoSuchAction" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmiError);
    expect((err as AmiError).amiMessage).toMatch(/^Invalid\/unknown command: NoSuchAction/);
    expect((err as Error).message).toMatch(/^AMI NoSuchAction: Invalid\/unknown command/);
    // The connection is still fine afterwards.
    expect(await ami.action({ Action: "Ping" })).toMatchObject({ response: "Success", ping: "Pong" });
  });

  it("times out an action that gets no answer in time", async () => {
    // WaitEvent holds its answer until an event arrives (none: logged in with Events: off) or its Timeout.
    await expect(ami.action({ Action: "WaitEvent", Timeout: 1 }, { timeoutMs: 300 })).rejects.toThrow(
      "AMI WaitEvent: no answer within 300 ms",
    );
  });

  it("with events on, re-emits Asterisk's events (and not those claimed by a list action)", async () => {
    const listener = newClient({ events: true });
    const seen: string[] = [];
    listener.on("event", (event) => {
      seen.push(`${event.event}:${event.userevent ?? ""}`);
    });
    await listener.connect();
    const got = new Promise<Record<string, unknown>>((resolve) =>
      listener.on("event", (event) => {
        if (event.event === "UserEvent") resolve(event);
      }),
    );
    await ami.action({ Action: "UserEvent", UserEvent: "HotlineAmiTest", Note: "hello\r\nAction: Originate" });
    expect(await got).toMatchObject({
      event: "UserEvent",
      userevent: "HotlineAmiTest",
      note: "helloAction: Originate",
    });
    expect((await listener.listEndpoints()).map((e) => e.name)).toContain("test-trunk");
    expect(seen).not.toContain("EndpointList:");
    expect(seen).not.toContain("EndpointListComplete:");
  });

  it("does not let CR/LF in a value or key smuggle a second action", async () => {
    const smuggle = "\r\n\r\nAction: Setvar\r\nVariable: HOTLINE_INJECTED\r\nValue: yes\r\n\r\n";
    // Control: written raw, exactly this would set HOTLINE_INJECTED (proves the check below can fail).
    const raw = await rawAmi(
      sbx.ports.ami,
      sbx.spec.ami.username,
      sbx.spec.ami.password,
      `Action: Setvar\r\nVariable: HOTLINE_CONTROL\r\nValue: x${smuggle.replace("HOTLINE_INJECTED", "HOTLINE_RAW_INJECTED")}`,
    );
    expect(raw).toContain("Authentication accepted");
    expect((await ami.action({ Action: "Getvar", Variable: "HOTLINE_RAW_INJECTED" })).value).toBe("yes");

    // Through the client: one Setvar, whose value arrives with CR/LF stripped.
    await ami.action({ Action: "Setvar", Variable: "HOTLINE_SAFE", Value: `harmless${smuggle}` });
    const safe = await ami.action({ Action: "Getvar", Variable: "HOTLINE_SAFE" });
    expect(safe.value).toBe("harmlessAction: SetvarVariable: HOTLINE_INJECTEDValue: yes");
    expect((await ami.action({ Action: "Getvar", Variable: "HOTLINE_INJECTED" })).value).toBe("");

    // A key carrying the same payload doesn't inject either (Asterisk just sees an unknown header).
    await ami.action({ Action: "Setvar", Variable: "HOTLINE_SAFE2", Value: "v", [`X${smuggle}`]: "1" });
    expect((await ami.action({ Action: "Getvar", Variable: "HOTLINE_SAFE2" })).value).toBe("v");
    expect((await ami.action({ Action: "Getvar", Variable: "HOTLINE_INJECTED" })).value).toBe("");
  });

  it("survives an Asterisk restart: disconnected, fails fast, reconnects by itself, works again", async () => {
    const disconnected = new Promise<string>((resolve) => ami.once("disconnected", resolve));
    const reconnected = new Promise<void>((resolve) => ami.once("connected", () => resolve()));
    // WaitEvent returns at once while earlier tests' events (VarSet…) are queued for this session:
    // take those first, so the next one really waits until Asterisk dies.
    await ami.action({ Action: "WaitEvent", Timeout: 1 }, { timeoutMs: 5000 });
    // An action in flight when Asterisk dies is rejected, not left hanging.
    const inFlight = ami.action({ Action: "WaitEvent", Timeout: 30 }, { timeoutMs: 30_000 }).catch((e: unknown) => e);

    await sbx.instance.kill();
    expect(await disconnected).toBeTypeOf("string");
    expect(ami.isConnected).toBe(false);
    const pending = await inFlight;
    expect(pending).toBeInstanceOf(AmiNotConnectedError);
    expect((pending as Error).message).toMatch(/^AMI WaitEvent: connection lost/);

    // While it's down: actions fail at once with a clear error; the client keeps retrying quietly.
    const t0 = Date.now();
    const err = await ami.coreVersion().catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(err).toBeInstanceOf(AmiNotConnectedError);
    expect((err as Error).message).toMatch(/^AMI CoreSettings: not connected to 127\.0\.0\.1:\d+ \(reconnecting\)/);
    expect(logs.some((l) => l.level === 40 && l.msg === "AMI connection lost; reconnecting")).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ami.isConnected).toBe(false);

    const started = Date.now();
    await sbx.instance.start();
    await reconnected;
    // Backoff is capped at 5 s (+ the connect itself).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ami.isConnected).toBe(true);
    expect(logs.some((l) => l.level === 30 && l.msg === "AMI reconnected")).toBe(true);
    expect(await ami.coreVersion()).toMatch(/^22\./);
    expect((await ami.listEndpoints()).map((e) => e.name)).toContain("test-trunk");
    // A fresh Asterisk: the startup time moved.
    const status = await ami.coreStatus();
    expect((status.startup as Date).getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 - 1000);
  }, 60_000);

  it("close() stops the client: actions fail fast and no reconnect happens", async () => {
    const client = newClient();
    await client.connect();
    expect(await client.coreVersion()).toMatch(/^22\./);
    const inFlight = client.action({ Action: "WaitEvent", Timeout: 30 }).catch((e: unknown) => e);
    await client.close();
    expect(await inFlight).toBeInstanceOf(AmiNotConnectedError);
    await expect(client.coreVersion()).rejects.toThrow("AMI CoreSettings: client closed");
    let reconnected = false;
    client.on("connected", () => {
      reconnected = true;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(reconnected).toBe(false);
    expect(client.isConnected).toBe(false);
  });
});
