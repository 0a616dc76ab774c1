// The supervisor's wallboard: per hotline and topic the live figures, operators by state with time
// in state, trunks against their limits, alerts; actions on operators, hotlines and calls.
import { api, boot, duration, el, live, notify, percent, replace, since, t, tick } from "./common.js";

let view = null;

function figure(label, value, cls) {
  return el(
    "div",
    { class: `figure ${cls ?? ""}` },
    el("span", { class: "value" }, value),
    el("span", { class: "label" }, label),
  );
}

function renderAlerts() {
  const alerts = view.alerts ?? [];
  replace(
    "alerts",
    alerts.length === 0
      ? el("p", { class: "muted", id: "no-alerts" }, t("board.noAlerts"))
      : alerts.map((a) => {
          const where = [a.hotline, a.topic].filter(Boolean).join(" / ");
          const text =
            a.kind === "trunk-limit"
              ? t("board.alert.trunk-limit", { trunk: a.trunk, inUse: a.inUse, limit: a.limit })
              : a.kind === "service-level"
                ? t("board.alert.service-level", {
                    where,
                    value: percent(a.serviceLevel ?? a.value),
                    target: percent(a.target),
                  })
                : t("board.alert.understaffed", {
                    where,
                    waiting: a.waiting ?? a.waitingNow,
                    staff: a.staff ?? a.qualified ?? 0,
                  });
          return el("p", { class: `alert alert-${a.kind}`, role: "alert" }, text);
        }),
  );
}

function hotlineBlock(h) {
  const override = view.overrides?.[h.hotline];
  return el(
    "article",
    { class: "hotline", dataset: { hotline: h.hotline } },
    el(
      "h2",
      {},
      h.hotline,
      override
        ? el(
            "span",
            { class: `override override-${override.state}` },
            ` ${t(override.state === "open" ? "board.open" : "board.close")}${override.reason ? ` — ${override.reason}` : ""}`,
          )
        : null,
    ),
    el(
      "div",
      { class: "row" },
      figure(t("board.waiting"), h.waitingNow, "waiting"),
      figure(t("board.longest"), h.longestWaitSeconds ? duration(h.longestWaitSeconds) : "—", "longest"),
      figure(t("board.serviceLevel"), percent(h.serviceLevel), "service-level"),
      figure(t("board.abandon"), percent(h.abandonRate), "abandon"),
      figure(t("board.answered"), h.answeredToday, "answered"),
    ),
    view.wall
      ? null
      : el(
          "table",
          { class: "topics" },
          el(
            "tr",
            {},
            [
              t("board.topic"),
              t("board.waiting"),
              t("board.longest"),
              t("board.serviceLevel"),
              t("board.abandon"),
              t("board.answered"),
            ].map((x) => el("th", {}, x)),
          ),
          (h.topics ?? []).map((tp) =>
            el(
              "tr",
              { dataset: { topic: tp.topic } },
              el("td", {}, tp.topic),
              el("td", { class: "waiting" }, tp.waitingNow),
              el("td", {}, tp.longestWaitSeconds ? duration(tp.longestWaitSeconds) : "—"),
              el("td", {}, percent(tp.serviceLevel)),
              el("td", {}, percent(tp.abandonRate)),
              el("td", {}, tp.answeredToday),
            ),
          ),
        ),
  );
}

function operatorActions(o) {
  if (view.wall) return null;
  const post = async (action, body) =>
    notify(await api("POST", `/api/room/operators/${encodeURIComponent(o.operator)}/${action}`, body));
  const monitor = async (mode) => notify(await api("POST", "/api/room/monitor", { operator: o.operator, mode }));
  const buttons = [];
  if (o.state === "paused")
    buttons.push(el("button", { class: "op-resume", onclick: () => post("resume") }, t("desk.resume")));
  else if (o.state !== "logged-out") {
    const reason = el(
      "select",
      { class: "op-reason", "aria-label": t("board.reason") },
      boot.pauseReasons.map((r) => el("option", { value: r }, t(`reason.${r}`))),
    );
    buttons.push(
      reason,
      el("button", { class: "op-pause", onclick: () => post("pause", { reason: reason.value }) }, t("desk.pause")),
    );
  }
  if (o.state !== "logged-out")
    buttons.push(el("button", { class: "op-logout", onclick: () => post("logout") }, t("board.logout")));
  if (boot.canMonitor && o.state === "on-call")
    for (const mode of ["listen", "whisper", "barge"])
      buttons.push(el("button", { class: `op-${mode}`, onclick: () => monitor(mode) }, t(`board.${mode}`)));
  return el("td", { class: "controls" }, buttons);
}

function renderOperators() {
  replace(
    "operators",
    el("h2", {}, t("board.operators")),
    el(
      "table",
      { class: "operators" },
      el(
        "tr",
        {},
        [
          t("board.operator"),
          t("board.state"),
          t("board.inState"),
          t("board.reason"),
          t("board.calls"),
          view.wall ? null : t("board.actions"),
        ]
          .filter(Boolean)
          .map((x) => el("th", {}, x)),
      ),
      (view.operators ?? []).map((o) =>
        el(
          "tr",
          {
            class: `state-${o.state}${o.pausedTooLong ? " too-long" : ""}`,
            dataset: { operator: o.operator, state: o.state },
          },
          el("td", {}, o.name ?? o.operator),
          el("td", { class: "state" }, t(`state.${o.state}`), o.call?.topic ? ` · ${o.call.topic}` : ""),
          el("td", { class: "timer", dataset: { since: o.since } }, since(o.since)),
          el(
            "td",
            {},
            o.reason ? t(`reason.${o.reason}`) : "",
            o.pausedTooLong ? el("span", { class: "warn" }, ` ⚠ ${t("board.tooLong")}`) : "",
          ),
          el("td", {}, o.callsToday),
          operatorActions(o),
        ),
      ),
    ),
  );
}

function renderTrunks() {
  replace(
    "trunks",
    el("h2", {}, t("board.trunks")),
    el(
      "table",
      { class: "trunks" },
      el("tr", {}, el("th", {}, t("board.trunks")), el("th", {}, t("board.channels"))),
      (view.trunks ?? []).map((tr) =>
        el(
          "tr",
          { class: tr.atLimit ? "at-limit" : "" },
          el("td", {}, tr.name),
          el("td", {}, `${tr.inUse} / ${tr.limit}`),
        ),
      ),
    ),
  );
}

function renderCallbacks() {
  const list = view.callbacks ?? [];
  if (view.wall) return;
  replace(
    "callbacks",
    el("h2", {}, t("board.callbacks")),
    list.length === 0
      ? el("p", { class: "muted" }, t("worklist.empty"))
      : el(
          "table",
          { id: "callback-list" },
          list.map((cb) => {
            const who = el(
              "select",
              { class: "cb-operator", "aria-label": t("board.operator") },
              Object.entries(boot.operators).map(([key, name]) => el("option", { value: key }, name)),
            );
            return el(
              "tr",
              { dataset: { callback: cb.id } },
              el("td", {}, cb.number),
              el("td", {}, [cb.hotline, cb.topic].filter(Boolean).join(" / ")),
              el("td", {}, since(cb.placeAt)),
              el(
                "td",
                { class: "controls" },
                who,
                el(
                  "button",
                  {
                    class: "cb-reassign",
                    onclick: async () =>
                      notify(
                        await api("POST", `/api/room/callbacks/${encodeURIComponent(cb.id)}/reassign`, {
                          operator: who.value,
                        }),
                      ),
                  },
                  t("board.reassign"),
                ),
              ),
            );
          }),
        ),
  );
}

function renderControls() {
  if (view.wall || document.getElementById("override-form")) return;
  const hotline = el(
    "select",
    { id: "override-hotline", "aria-label": t("board.hotline") },
    boot.hotlines.map((h) => el("option", { value: h }, h)),
  );
  const state = el(
    "select",
    { id: "override-state", "aria-label": t("board.override") },
    el("option", { value: "closed" }, t("board.close")),
    el("option", { value: "open" }, t("board.open")),
    el("option", { value: "schedule" }, t("board.clear")),
  );
  const until = el("input", { id: "override-until", type: "datetime-local", "aria-label": t("board.until") });
  const reason = el("input", {
    id: "override-reason",
    type: "text",
    maxlength: 200,
    "aria-label": t("board.overrideReason"),
    placeholder: t("board.overrideReason"),
  });
  const form = el(
    "form",
    {
      id: "override-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const body = {
          state: state.value,
          reason: reason.value || undefined,
          until: until.value ? new Date(until.value).toISOString() : undefined,
        };
        notify(await api("POST", `/api/room/hotlines/${encodeURIComponent(hotline.value)}/override`, body));
      },
    },
    hotline,
    state,
    el("label", {}, t("board.until"), until),
    reason,
    el("button", { type: "submit" }, t("board.override")),
  );
  replace("controls", el("h2", {}, t("board.override")), form);
}

live((next) => {
  view = { ...next, wall: boot.wall };
  renderAlerts();
  replace("hotlines", (view.hotlines ?? []).map(hotlineBlock));
  renderOperators();
  renderTrunks();
  renderCallbacks();
  renderControls();
});
tick(() => {
  for (const node of document.querySelectorAll(".timer[data-since]")) node.textContent = since(node.dataset.since);
});
