// The operator's desk: my state and controls, the caller card with history and guidance, the
// directory with transfer buttons, notes and disposition after the call, and my worklist.
import { api, boot, duration, el, live, localTime, notify, replace, serverNow, since, t, tick } from "./common.js";

let view = null;
let directoryQuery = "";
let directoryEntries = [];
let wrapFor = null;

function stateControls(me) {
  const reasons = el(
    "select",
    { id: "pause-reason", "aria-label": t("board.reason") },
    boot.pauseReasons.map((r) => el("option", { value: r }, t(`reason.${r}`))),
  );
  const act = async (action) =>
    notify(await api("POST", `/api/desk/${action}`, action === "pause" ? { reason: reasons.value } : {}));
  if (me.state === "logged-out")
    return [el("button", { id: "do-login", onclick: () => act("login") }, t("desk.login"))];
  const buttons = [];
  if (me.state === "paused")
    buttons.push(el("button", { id: "do-resume", onclick: () => act("resume") }, t("desk.resume")));
  else buttons.push(reasons, el("button", { id: "do-pause", onclick: () => act("pause") }, t("desk.pause")));
  buttons.push(el("button", { id: "do-logout", onclick: () => act("logout") }, t("desk.logout")));
  return buttons;
}

function renderMe() {
  const me = view.me;
  const roster = me.roster ?? { shiftsToday: [], breaks: [] };
  const stateText = t(`state.${me.state}`) + (me.reason ? ` (${t(`reason.${me.reason}`)})` : "");
  replace(
    "me",
    el("h2", {}, t("desk.state")),
    el(
      "p",
      { class: `state state-${me.state}`, id: "my-state", dataset: { state: me.state } },
      stateText,
      " ",
      el("span", { class: "timer", dataset: { since: me.since } }, since(me.since)),
    ),
    me.pending
      ? el(
          "p",
          { class: "pending" },
          t("desk.pending", { change: me.pending.kind === "pause" ? t("desk.pause") : t("desk.logout") }),
        )
      : null,
    el("div", { class: "controls" }, stateControls(me)),
    el("h3", {}, t("desk.roster")),
    roster.shiftsToday.length === 0 ? el("p", {}, t("desk.noShift")) : el("p", {}, roster.shiftsToday.join(", ")),
    roster.lunch ? el("p", {}, `${t("desk.lunch")}: ${roster.lunch}`) : null,
    roster.breaks.length ? el("p", {}, `${t("desk.breaks")}: ${roster.breaks.join(", ")}`) : null,
    roster.nextBreak
      ? el("p", { class: "next-break" }, `${t("desk.nextBreak")}: ${roster.nextBreak.from}–${roster.nextBreak.to}`)
      : null,
    el("p", {}, `${t("desk.callsToday")}: `, el("strong", { id: "calls-today" }, me.callsToday)),
  );
}

function row(label, value, id) {
  return value === undefined || value === null || value === ""
    ? null
    : el("tr", {}, el("th", {}, label), el("td", id ? { id } : {}, value));
}

function renderCall() {
  const call = view.call;
  if (!call) {
    replace("call", el("h2", {}, t("card.title")), el("p", { class: "muted" }, t("desk.noCall")));
    return;
  }
  const history = view.history;
  const parts = [
    el("h2", {}, t("card.title"), " ", el("span", { class: "number", id: "caller-number" }, call.number ?? "—")),
    el(
      "table",
      { class: "facts", id: "caller-card" },
      row(t("card.topic"), call.topicName ?? call.topic, "caller-topic"),
      row(t("card.language"), call.language),
      row(t("card.menuPath"), call.menuPath),
      row(t("card.campaign"), call.campaign),
      row(
        t("card.waited"),
        call.waitedSeconds === null || call.waitedSeconds === undefined ? null : duration(call.waitedSeconds),
      ),
    ),
  ];
  if (view.guidance) {
    const box = el("div", { class: "guidance", id: "guidance" });
    // Rendered on the server from the configuration's Markdown, every character escaped there.
    box.innerHTML = view.guidance.html;
    parts.push(el("h3", {}, t("card.guidance")), box);
  }
  parts.push(el("h3", {}, t("card.history")));
  if (history?.calls?.length) {
    parts.push(
      el(
        "table",
        { class: "history", id: "history" },
        el(
          "tr",
          {},
          el("th", {}, t("card.when")),
          el("th", {}, t("card.topic")),
          el("th", {}, t("card.outcome")),
          el("th", {}, t("card.operator")),
          el("th", {}, t("card.notes")),
        ),
        history.calls.map((h) =>
          el(
            "tr",
            {},
            el("td", {}, localTime(h.startedAt)),
            el("td", {}, h.topic ?? ""),
            el("td", {}, [h.outcome, h.disposition].filter(Boolean).join(" · ")),
            el("td", {}, h.answeredBy ?? ""),
            el("td", {}, h.notes ?? ""),
          ),
        ),
      ),
    );
  } else if (history) parts.push(el("p", { class: "muted", id: "history" }, t("card.noHistory")));
  if (history?.callbacks?.length) parts.push(el("p", {}, `${t("card.callbacks")}: ${history.callbacks.length}`));
  if (history?.voicemails?.length) parts.push(el("p", {}, `${t("card.voicemails")}: ${history.voicemails.length}`));
  if (view.consulting)
    parts.push(
      el(
        "div",
        { class: "controls consult" },
        el(
          "button",
          { id: "transfer-complete", onclick: async () => notify(await api("POST", "/api/transfer/complete")) },
          t("transfer.complete"),
        ),
        el(
          "button",
          { id: "transfer-back", onclick: async () => notify(await api("POST", "/api/transfer/swap")) },
          t("transfer.back"),
        ),
        el(
          "button",
          { id: "transfer-cancel", onclick: async () => notify(await api("POST", "/api/transfer/cancel")) },
          t("transfer.cancel"),
        ),
      ),
    );
  replace("call", parts);
}

async function searchDirectory() {
  const response = await fetch(`/api/directory?q=${encodeURIComponent(directoryQuery)}`, {
    credentials: "same-origin",
  });
  directoryEntries = response.ok ? await response.json() : [];
  renderDirectory();
}

function renderDirectory() {
  const onCall = Boolean(view?.call) && view.me.state === "on-call";
  const input =
    document.getElementById("directory-search") ??
    el("input", {
      id: "directory-search",
      type: "search",
      placeholder: t("directory.search"),
      "aria-label": t("directory.search"),
    });
  input.oninput = () => {
    directoryQuery = input.value;
    clearTimeout(renderDirectory.timer);
    renderDirectory.timer = setTimeout(searchDirectory, 150);
  };
  const transfer = async (key, kind) => {
    const result = await api("POST", "/api/transfer", { to: key, kind });
    notify(result);
  };
  const list = el(
    "ul",
    { class: "directory", id: "directory-list" },
    directoryEntries.map((d) =>
      el(
        "li",
        { class: d.reachable ? "reachable" : "unreachable", dataset: { key: d.key } },
        el("strong", {}, d.name),
        d.department ? ` — ${d.department}` : "",
        " ",
        el(
          "span",
          { class: "muted" },
          d.reachable ? t("directory.reachable") : `${t("directory.unreachable")} (${d.why ?? ""})`,
        ),
        onCall && d.reachable && !view.consulting
          ? el(
              "span",
              { class: "controls" },
              el("button", { class: "transfer-blind", onclick: () => transfer(d.key, "blind") }, t("transfer.blind")),
              d.kind !== "queue"
                ? el(
                    "button",
                    { class: "transfer-consult", onclick: () => transfer(d.key, "attended") },
                    t("transfer.consult"),
                  )
                : null,
            )
          : null,
      ),
    ),
  );
  const focused = document.activeElement === input;
  replace("directory", el("h2", {}, t("directory.title")), input, list);
  if (focused) input.focus();
}

function renderWrap() {
  const last = view.call ?? view.lastCall;
  if (!last) {
    replace("wrap");
    wrapFor = null;
    return;
  }
  if (wrapFor === last.callId && document.getElementById("wrap-notes")) {
    updateCountdown();
    return;
  }
  wrapFor = last.callId;
  const notes = el("textarea", { id: "wrap-notes", rows: 3, "aria-label": t("wrap.notes") });
  const select = el(
    "select",
    { id: "wrap-disposition", "aria-label": t("wrap.disposition") },
    boot.dispositions.map((d) => el("option", { value: d.name }, `${d.code} · ${d.label}`)),
  );
  const save = el(
    "button",
    {
      id: "wrap-save",
      onclick: async () => {
        const result = await api("POST", "/api/disposition", {
          callId: wrapFor,
          code: select.value,
          notes: notes.value,
        });
        notify(result.ok ? { ok: true, data: {} } : result);
        if (result.ok) document.getElementById("wrap-status").textContent = t("wrap.saved");
      },
    },
    t("wrap.save"),
  );
  replace(
    "wrap",
    el("h2", {}, t("wrap.title")),
    el("label", {}, t("wrap.notes"), notes),
    boot.dispositions.length ? el("label", {}, t("wrap.disposition"), select) : null,
    save,
    el("p", { id: "wrap-status", class: "muted" }),
    el("p", { id: "wrap-countdown", class: "countdown" }),
  );
  updateCountdown();
}

function updateCountdown() {
  const box = document.getElementById("wrap-countdown");
  if (!box) return;
  const ends = view?.wrapUpEndsAt;
  const left = ends ? (new Date(ends).getTime() - serverNow()) / 1000 : 0;
  box.textContent = view?.me.state === "wrap-up" && left > 0 ? t("wrap.countdown", { s: Math.ceil(left) }) : "";
}

async function loadWorklist() {
  const response = await fetch("/api/worklist", { credentials: "same-origin" });
  const items = response.ok ? await response.json() : [];
  replace(
    "worklist",
    el("h2", {}, t("worklist.title")),
    items.length === 0
      ? el("p", { class: "muted" }, t("worklist.empty"))
      : el(
          "ul",
          { id: "worklist-items" },
          items.map((item) =>
            el(
              "li",
              {},
              el("strong", {}, item.kind === "voicemail" ? t("worklist.voicemail") : t("worklist.callback")),
              ` ${item.number ?? ""} · ${item.topic ?? ""} · ${localTime(item.at)}`,
              item.kind === "voicemail"
                ? el("audio", {
                    controls: true,
                    preload: "none",
                    src: `/api/voicemails/${encodeURIComponent(item.id)}/audio`,
                  })
                : null,
              item.kind === "voicemail"
                ? el(
                    "button",
                    {
                      onclick: async () => {
                        notify(await api("POST", `/api/voicemails/${encodeURIComponent(item.id)}/done`));
                        loadWorklist();
                      },
                    },
                    t("worklist.done"),
                  )
                : el(
                    "button",
                    {
                      class: "call-now",
                      onclick: async () => {
                        notify(await api("POST", `/api/callbacks/${encodeURIComponent(item.id)}/call`));
                        loadWorklist();
                      },
                    },
                    t("worklist.callNow"),
                  ),
            ),
          ),
        ),
  );
}

let worklistVersion = null;
let directoryKey = null;
live((next) => {
  const key = `${next.call?.callId}:${next.me.state}:${next.consulting}`;
  const callChanged = key !== directoryKey;
  directoryKey = key;
  view = next;
  renderMe();
  renderCall();
  renderWrap();
  if (callChanged || !document.getElementById("directory-list")) renderDirectory();
  if (next.worklistVersion !== worklistVersion) {
    worklistVersion = next.worklistVersion;
    loadWorklist();
  }
});
searchDirectory();
tick(() => {
  for (const node of document.querySelectorAll(".timer[data-since]")) node.textContent = since(node.dataset.since);
  updateCountdown();
});
