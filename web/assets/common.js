// Shared by the console's pages: words, DOM building (text only), the API with its CSRF token,
// and the live connection that says when it is lost and catches up when it is back.

export const boot = JSON.parse(document.getElementById("boot").textContent);

export function t(key, values) {
  const text = boot.messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (values && name in values ? String(values[name]) : all));
}

/** el("div", {class: "x", onclick: f}, "text", child…): children are text or nodes, never HTML. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function replace(id, ...children) {
  const node = document.getElementById(id);
  if (node) node.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "content-type": "application/json", "x-csrf-token": boot.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) location.href = "/login";
  return { ok: response.ok && data.ok !== false, status: response.status, data };
}

/** Shows an action's outcome for a few seconds. */
export function notify(result) {
  const text = result.ok ? t("action.ok") : t("action.failed", { why: result.data?.error ?? result.status });
  let box = document.getElementById("notice");
  if (!box) {
    box = el("div", { id: "notice", class: "notice", role: "status" });
    document.body.append(box);
  }
  box.className = result.ok ? "notice ok" : "notice failed";
  box.textContent = text;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => {
    box.textContent = "";
    box.className = "notice";
  }, 4000);
}

/** Server time minus ours, so timers agree with the server whatever this machine's clock says. */
let skew = 0;

export function serverNow() {
  return Date.now() + skew;
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function since(at) {
  return duration((serverNow() - new Date(at).getTime()) / 1000);
}

export function percent(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)} %`;
}

export function localTime(at) {
  return new Date(at).toLocaleString(boot.lang, { dateStyle: "short", timeStyle: "short" });
}

/** The page's live view: `render(view)` on each push; a lost connection is shown and retried. */
export function live(render) {
  const banner = document.getElementById("connection");
  let delay = 500;
  let opened = false;
  const connect = () => {
    const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/live`);
    socket.addEventListener("open", () => {
      delay = 500;
      if (opened) {
        banner.textContent = t("live.back");
        banner.className = "connection back";
        setTimeout(() => {
          banner.hidden = true;
        }, 1500);
      }
      opened = true;
      document.body.dataset.live = "up";
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.view?.now) skew = message.view.now - Date.now();
      render(message.view);
      document.body.dataset.updated = String(Date.now());
    });
    socket.addEventListener("close", (event) => {
      document.body.dataset.live = "down";
      document.body.dataset.lost = String(Number(document.body.dataset.lost ?? 0) + 1);
      if (event.code === 4401) {
        location.href = "/login";
        return;
      }
      banner.hidden = false;
      banner.textContent = t("live.lost");
      banner.className = "connection lost";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    });
  };
  connect();
}

/** Timers (time in state, waits) tick here each second between pushes. */
export function tick(update) {
  update();
  setInterval(update, 1000);
}
