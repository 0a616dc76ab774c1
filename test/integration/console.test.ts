import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OverrideStore } from "../../src/config/override-store.ts";
import { callerScenario, type DeskPhoneBehaviour, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { PACKAGE_ROOT } from "../../src/package-root.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { hashPassword } from "../../src/web/passwords.ts";
import { eventually, generalQueueHotline, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { expectSippOk } from "../support/calls.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** Screenshots of the pages, kept after the run (and copied into docs/images by hand when they change). */
const ARTIFACTS = join(PACKAGE_ROOT, "var", "test-artifacts", "console");
const QUEUE =
  "{ maxWait: 120, announceEvery: 0, ringTimeout: 15, widenAfter: 0, wrapUp: 5, whisper: false, introduce: false }";
/** SIPp ports: the operator's desk phone 10, the specialist's 15; the caller uses 1. */
const ANA = 10;
const RUIZ = 15;
const EVA = 16;
/** The trunk's far end, for callbacks. */
const TRUNK = 5;
const CALLER = "614000777";
type PageGlobals = { document: { body: { dataset: Record<string, string | undefined> } } };
const PASSWORDS = { ana: "ana-desk-password", boss: "boss-wall-password" };

function yaml(hashes: { ana: string; boss: string }) {
  return (ports: TestPorts) =>
    testConfigYaml(
      ports,
      `topics:
  general:
    name: { en: General questions, es: Preguntas generales }
    competence: general
    guidance:
      en: "**Greet:** Northfield University, {operator} speaking.\\n\\n- Fees are due on the 5th\\n- Never promise a grant"
      es: "**Saludo:** Universidad de Northfield, le atiende {operator}.\\n\\n- Las tasas vencen el día 5"
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(ANA)}" }
supervisors:
  eva: { name: Eva, endpoint: sup-eva, languages: [en, es], contact: "sip:sup-eva@127.0.0.1:${ports.sipp(EVA)}" }
directory:
  ruiz:
    name: Dr Ruiz
    department: Grants office
    code: "11"
    endpoint: desk-ruiz
    contact: "sip:desk-ruiz@127.0.0.1:${ports.sipp(RUIZ)}"
    ringTimeout: 6
    topics: [general]
callbacks: { allow: ["6XXXXXXXX"], offerAfter: 600, ringTimeout: 10 }
web: { listen: "127.0.0.1:0" }
users:
  ana: { role: operator, password: "${hashes.ana}" }
  boss: { role: supervisor, supervisor: eva, password: "${hashes.boss}" }
`,
      generalQueueHotline(QUEUE, ""),
    ).replace("    dtmfMode: info", `    dtmfMode: info\n    contact: "sip:127.0.0.1:${ports.sipp(TRUNK)}"`);
}

describe("the console in Chromium: the operator's desk and the supervisor's wallboard (real Asterisk, SIPp)", () => {
  let h: TestHotline;
  let browser: Browser;
  let url: string;
  let deskContext: BrowserContext;
  let wallContext: BrowserContext;
  let desk: Page;
  let wall: Page;
  /** Scripts that fail in the page fail the test (checked after each). */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const hashes = { ana: await hashPassword(PASSWORDS.ana), boss: await hashPassword(PASSWORDS.boss) };
    h = await startTestHotline({ yaml: yaml(hashes) });
    url = h.app.console?.address ?? "";
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    deskContext = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    wallContext = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    await mkdir(ARTIFACTS, { recursive: true });
    await eventually(() => h.app.acd.statuses().every((s) => s.state === "available"));
  }, 180_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    if (process.env.CONSOLE_LOG)
      (await import("node:fs")).writeFileSync(process.env.CONSOLE_LOG, JSON.stringify(h?.logs ?? []));
    await browser?.close();
    await h?.stop();
  });

  async function signIn(page: Page, user: string, password: string): Promise<void> {
    page.on("pageerror", (err) => pageErrors.push(`${user}: ${err.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`${user}: ${m.text()}`);
    });
    await page.goto(`${url}login`);
    await page.fill("input[name=user]", user);
    await page.fill("input[name=password]", password);
    await Promise.all([page.waitForURL(/\/(desk|wallboard)$/), page.click("button[type=submit]")]);
    await page.waitForSelector("body[data-live=up]");
  }

  function phone(port: number, behaviour: DeskPhoneBehaviour): Promise<SippResult> {
    return runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: h.ports.sipp(port),
      mediaPort: h.ports.media(port),
      timeoutSeconds: 90,
    });
  }

  async function audit(action: string) {
    await h.app.records.flush();
    return h.app.db("audit_log").where({ action }).orderBy("at");
  }

  it("refuses a wrong password, and says so", async () => {
    const page = await deskContext.newPage();
    await page.goto(`${url}login`);
    await page.fill("input[name=user]", "ana");
    await page.fill("input[name=password]", "not-her-password");
    const [response] = await Promise.all([page.waitForResponse(/\/login$/), page.click("button[type=submit]")]);
    expect(response.status()).toBe(401);
    expect(await page.textContent("#login-error")).toBe("Wrong user name or password.");
    const refused = await audit("login");
    expect(refused.map((r) => [r.user, r.result])).toEqual([["ana", "refused"]]);
    await page.close();
  });

  it("signs each user in to their own page; an operator asking for the wallboard gets 403", async () => {
    desk = await deskContext.newPage();
    await signIn(desk, "ana", PASSWORDS.ana);
    expect(new URL(desk.url()).pathname).toBe("/desk");
    const forbidden = await deskContext.request.get(`${url}wallboard`, { maxRedirects: 0 });
    expect(forbidden.status()).toBe(403);
    wall = await wallContext.newPage();
    await signIn(wall, "boss", PASSWORDS.boss);
    expect(new URL(wall.url()).pathname).toBe("/wallboard");
    const cookies = await deskContext.cookies();
    const session = cookies.find((c) => c.name === "hotline_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  });

  it("refuses a write without the CSRF token", async () => {
    const response = await deskContext.request.post(`${url}api/desk/pause`, { data: { reason: "break" } });
    expect(response.status()).toBe(403);
    expect(h.app.acd.statuses().find((s) => s.operator === "ana")?.state).toBe("available");
  });

  it("the supervisor pauses the operator: the ACD and the operator's desk both change", async () => {
    const row = wall.locator('tr[data-operator="ana"]');
    await row.locator("select.op-reason").selectOption("training");
    await row.locator("button.op-pause").click();
    await eventually(() => h.app.acd.statuses().find((s) => s.operator === "ana")?.state === "paused");
    expect(h.app.acd.statuses().find((s) => s.operator === "ana")?.reason).toBe("training");
    await desk.waitForSelector('#my-state[data-state="paused"]', { timeout: 2000 });
    expect(await desk.textContent("#my-state")).toContain("Paused (training)");
    const [pause] = await audit("operator-state");
    expect(pause).toMatchObject({ user: "boss", role: "supervisor", target: "ana", result: "ok" });
  });

  it("a caller arrives, the desk shows the card; the operator transfers to the specialist; notes and disposition are kept", async () => {
    // A call from the same number last week, for the card's history.
    await h.app.db("calls").insert({
      id: "earlier-call",
      did: "+34910000001",
      hotline: "main",
      caller_number: CALLER,
      language: "en",
      topic: "general",
      started_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      ended_at: new Date(Date.now() - 3 * 86_400_000 + 120_000).toISOString(),
      outcome: "answered",
      answered_by: "ana",
      disposition: "resolved",
      notes: "asked when fees are due",
    });
    // The operator resumes from the desk; her phone will ring 4 s before she answers.
    await desk.click("#do-resume");
    await eventually(() => h.app.acd.statuses().find((s) => s.operator === "ana")?.state === "available");
    const ana = phone(ANA, { ringMs: 4000, action: "answer", byeTimeoutMs: 60_000 });
    // Long enough to hear who is coming (the announcement) and then talk with the caller.
    const ruiz = phone(RUIZ, { ringMs: 500, action: "answer", talkMs: 9000 });
    const caller = runSipp({
      scenario: callerScenario([{ wait: 500 }, { press: "1" }, { expectHangup: 80_000 }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(1),
      mediaPort: h.ports.media(1),
      service: "+34910000001",
      keys: { caller: CALLER },
      timeoutSeconds: 90,
    });

    // Waiting (while her phone rings): the wallboard's figure rises within a second of the caller joining the queue.
    await eventually(() => h.app.acd.waitingCallers().length === 1, 30_000);
    await wall
      .locator('[data-hotline="main"] .figure.waiting .value')
      .filter({ hasText: /^1$/ })
      .waitFor({ timeout: 1000 });
    // Ringing: the card is on the desk.
    await desk.waitForSelector("#caller-number", { timeout: 3000 });
    expect(await desk.textContent("#caller-number")).toBe(CALLER);
    expect(await desk.textContent("#caller-topic")).toBe("General questions");
    await desk.waitForSelector("#history tr >> text=asked when fees are due", { timeout: 5000 });
    expect(await desk.innerHTML("#guidance")).toContain("<strong>Greet:</strong> Northfield University, Ana speaking.");
    expect(await desk.textContent("#guidance")).toContain("Never promise a grant");

    // On the call: the desk shows it, with the specialist's transfer buttons.
    await eventually(() => h.app.acd.statuses().find((s) => s.operator === "ana")?.state === "on-call", 20_000);
    await desk.waitForSelector('#my-state[data-state="on-call"]');
    await wall.screenshot({ path: join(ARTIFACTS, "wallboard-en.png"), fullPage: true });
    await wall.goto(`${url}language/es`);
    await wall.waitForSelector("body[data-live=up]");
    expect(await wall.getAttribute("html", "lang")).toBe("es");
    await wall.waitForSelector("text=En llamada");
    await wall.screenshot({ path: join(ARTIFACTS, "wallboard-es.png"), fullPage: true });
    // The supervisor listens in: her own desk phone rings and joins; the desk shows nothing of it.
    const eva = phone(EVA, { ringMs: 300, action: "answer", talkMs: 1500 });
    await wall.locator('tr[data-operator="ana"] button.op-listen').click();
    expectSippOk(await eva);
    const sessions = await eventually(async () => {
      await h.app.records.flush();
      const rows = await h.app.db("monitor_sessions").whereNotNull("ended_at");
      return rows.length > 0 ? rows : undefined;
    });
    expect(sessions).toMatchObject([{ operator: "ana", supervisor: "eva", mode: "listen", endpoint: "sup-eva" }]);
    expect(await desk.locator("main").innerText()).not.toMatch(/listen|monitor|eva/i);

    await desk.fill("#directory-search", "grants");
    const entry = desk.locator('#directory-list li[data-key="ruiz"]');
    await entry.locator("button.transfer-blind").waitFor({ timeout: 5000 });
    await desk.screenshot({ path: join(ARTIFACTS, "desk-en.png"), fullPage: true });
    await desk.goto(`${url}language/es`);
    await desk.waitForSelector("#caller-number");
    await desk.waitForSelector("text=Preguntas generales");
    // The page speaks Spanish; the guidance stays in the caller's language, English, as the words are for them.
    expect(await desk.textContent("#call h3")).toBe("Guía");
    expect(await desk.textContent("#guidance")).toContain("Ana speaking");
    await desk.screenshot({ path: join(ARTIFACTS, "desk-es.png"), fullPage: true });
    await desk.goto(`${url}language/en`);
    await desk.fill("#directory-search", "grants");
    await desk.locator('#directory-list li[data-key="ruiz"] button.transfer-blind').click();

    // The specialist's SIPp phone got the INVITE and talked with the caller; the operator was let go.
    expectSippOk(await ruiz);
    expectSippOk(await ana);
    expectSippOk(await caller);
    const row = await eventually(async () => {
      const r = await h.app
        .db<CallRow>("calls")
        .where({ caller_number: CALLER })
        .whereNot({ id: "earlier-call" })
        .first();
      return r?.ended_at ? r : undefined;
    }, 30_000);
    expect(row).toMatchObject({ outcome: "transferred", outcome_to: "ruiz", answered_by: "ana", topic: "general" });

    // After the call: notes and disposition from the desk land on the call's record.
    await desk.waitForSelector("#wrap-notes");
    await desk.fill("#wrap-notes", "wants a grant appointment");
    await desk.selectOption("#wrap-disposition", "escalated");
    await desk.click("#wrap-save");
    await desk.waitForSelector("#wrap-status >> text=Saved on the call's record.");
    const saved = await eventually(async () => {
      await h.app.records.flush();
      const r = await h.app.db("calls").where({ id: row.id }).first("disposition", "notes", "disposition_by");
      return r?.disposition ? r : undefined;
    });
    expect(saved).toEqual({ disposition: "escalated", notes: "wants a grant appointment", disposition_by: "ana" });
    const [transfer] = await audit("transfer");
    expect(transfer).toMatchObject({ user: "ana", target: "ruiz", result: "ok" });
  }, 150_000);

  it("the supervisor closes the hotline by override, has a callback made now, reads the report and exports; the wall mode has no buttons", async () => {
    await wall.goto(`${url}language/en`);
    await wall.waitForSelector("#override-form");
    await wall.selectOption("#override-hotline", "main");
    await wall.selectOption("#override-state", "closed");
    await wall.fill("#override-reason", "fire drill");
    await wall.click("#override-form button[type=submit]");
    await wall.waitForSelector('[data-hotline="main"] .override-closed >> text=fire drill', { timeout: 3000 });
    expect(await new OverrideStore(h.config.state.dir).active("main")).toMatchObject({
      state: "closed",
      reason: "fire drill",
    });
    // Closed, the callback waits out of line; the supervisor has Ana make it now.
    const request = {
      id: "cb-console",
      callId: "call-console",
      hotline: "main",
      language: "en",
      topic: "general",
      number: "612345678",
      reason: "closed" as const,
      requestedAt: new Date(),
      placeAt: new Date(),
    };
    h.app.records.callbacks.requested(request);
    h.app.acd.callbackRequested(request);
    const row = wall.locator('#callback-list tr[data-callback="cb-console"]');
    await row.waitFor({ timeout: 3000 });
    // Ana hears whom she calls back, the caller answers and talks, then hangs up.
    const farEnd = phone(TRUNK, { ringMs: 300, action: "answer", talkMs: 3000 });
    const ana = phone(ANA, { ringMs: 300, action: "answer", byeTimeoutMs: 30_000 });
    await row.locator("select.cb-operator").selectOption("ana");
    await row.locator("button.cb-reassign").click();
    expectSippOk(await farEnd);
    expectSippOk(await ana);
    const made = await eventually(async () => {
      await h.app.records.flush();
      const cb = await h.app.db("callbacks").where({ id: "cb-console" }).first();
      return cb?.status === "reached" ? cb : undefined;
    }, 20_000);
    expect(made).toMatchObject({ operator: "ana", attempts: 1 });
    await row.waitFor({ state: "detached", timeout: 5000 });
    const [reassigned] = await audit("callback-reassign");
    expect(reassigned).toMatchObject({ user: "boss", target: "cb-console", result: "ok" });

    await wall.selectOption("#override-state", "schedule");
    await wall.click("#override-form button[type=submit]");
    await wall.waitForSelector('[data-hotline="main"] .override', { state: "detached", timeout: 3000 });

    const report = await wallContext.request.get(`${url}report`);
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain("Northfield University");
    const csv = await wallContext.request.get(`${url}export.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\n")[0]).toContain("caller");
    expect((await csv.text()).includes(CALLER)).toBe(true);
    for (const path of ["report", "export.csv", "api/room/monitor"])
      expect((await deskContext.request.get(`${url}${path}`, { maxRedirects: 0 })).status()).not.toBe(200);
    expect((await deskContext.request.get(`${url}report`)).status()).toBe(403);

    const tv = await wallContext.newPage();
    await tv.goto(`${url}wallboard?wall=1`);
    await tv.waitForSelector('[data-hotline="main"] .figure.waiting');
    expect(await tv.locator("button:visible").count()).toBe(0);
    await tv.screenshot({ path: join(ARTIFACTS, "wall-mode.png") });
    await tv.close();
    const [override] = await audit("override");
    expect(override).toMatchObject({ user: "boss", target: "main", result: "ok" });
  });

  it("a page that loses its connection says so and catches up when it is back", async () => {
    const before = Number(await desk.getAttribute("body", "data-updated"));
    // The server's end of the socket goes, as when the app restarts: the page must notice.
    await h.app.console?.dropConnections();
    await desk.waitForSelector("body[data-lost='1']", { timeout: 3000 });
    // This file is compiled without the DOM's types: the page's document is reached through globalThis.
    await desk.waitForFunction(
      (t) => Number((globalThis as unknown as PageGlobals).document.body.dataset.updated) > t,
      before,
      { timeout: 10_000 },
    );
    await desk.waitForSelector("body[data-live=up]");
  });
});
