"use strict";
// The DnsLb status page: reads /api/status every few seconds and updates the page in place (only what
// changed is rebuilt, so nothing flickers and focus stays put); relative times tick every second between
// reads. Drain and undrain POST to the API, asking for the token when the endpoint needs one. Every value
// from the server is written as text, never as markup.
(() => {
  const REFRESH_MS = 3000;
  const STATE_WORDS = { up: "Up", down: "Down", unknown: "Unknown" };
  const $ = (id) => document.getElementById(id);

  let doc = null;          // the latest /api/status document
  let clockOffset = 0;     // server time minus browser time, so "ago" follows the server's clock
  let lastRead = 0;        // when the latest document arrived (browser time)
  let failures = 0;
  let timer = 0;

  const now = () => Date.now() + clockOffset;

  // ---- formatting ---------------------------------------------------------------------------------

  function duration(seconds) {
    if (seconds < 10) return `${trim(seconds.toFixed(seconds < 1 ? 2 : 1))} s`;
    if (seconds < 90) return `${Math.round(seconds)} s`;
    const m = Math.floor(seconds / 60);
    if (m < 90) {
      const s = Math.round(seconds - m * 60);
      return s && m < 10 ? `${m} min ${s} s` : `${m} min`;
    }
    const h = Math.floor(m / 60);
    if (h < 48) return m % 60 && h < 10 ? `${h} h ${m % 60} min` : `${h} h`;
    const d = Math.floor(h / 24);
    return h % 24 && d < 10 ? `${d} d ${h % 24} h` : `${d} d`;
  }

  // The budget keeps its hundredths below ten seconds (7.35 s): it is the sum the tooltip explains.
  function budget(seconds) { return seconds < 10 ? `${trim(seconds.toFixed(2))} s` : duration(seconds); }

  function trim(text) { return text.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1"); }

  function age(iso) {
    const seconds = Math.max(0, (now() - Date.parse(iso)) / 1000);
    if (seconds < 2) return "just now";
    if (seconds < 60) return `${Math.floor(seconds)} s`;
    const m = Math.floor(seconds / 60);
    if (m < 60) return `${m} min`;
    const h = Math.floor(m / 60);
    if (h < 48) return `${h} h`;
    return `${Math.floor(h / 24)} d`;
  }

  function ago(iso) { const a = age(iso); return a === "just now" ? a : `${a} ago`; }

  function latency(ms) {
    if (ms >= 1000) return `${trim((ms / 1000).toFixed(2))} s`;
    if (ms >= 10) return `${Math.round(ms)} ms`;
    return `${trim(ms.toFixed(1))} ms`;
  }

  function absolute(iso) { return new Date(iso).toLocaleString(); }

  // ---- DOM helpers --------------------------------------------------------------------------------

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // A relative time that the ticker keeps current: "5 min ago", with the exact time on hover.
  function when(iso, format) {
    const node = el("time", "rel");
    node.dateTime = iso;
    node.dataset.format = format;
    node.title = absolute(iso);
    node.textContent = format === "age" ? age(iso) : ago(iso);
    return node;
  }

  function tick() {
    for (const node of document.querySelectorAll("time.rel")) {
      const text = node.dataset.format === "age" ? age(node.dateTime) : ago(node.dateTime);
      if (node.textContent !== text) node.textContent = text;
    }
    for (const node of document.querySelectorAll("[data-safe-at]")) renderStop(node);
    renderLive();
  }

  // ---- summary ------------------------------------------------------------------------------------

  function renderSummary() {
    const members = doc.pools.flatMap((p) => p.members);
    const count = (f) => members.filter(f).length;
    const up = count((m) => m.state === "up");
    const down = count((m) => m.state === "down");
    const unknown = count((m) => m.state === "unknown");
    const drained = count((m) => m.drained);
    const zoneErrors = doc.zones.filter((z) => z.lastError).length;
    const tile = (dot, label, value, extra, alert) => el("div", alert ? "tile alert" : "tile",
      el("div", "label", el("span", `dot ${dot}`), label),
      el("div", "value", value, extra ? el("span", "of", ` ${extra}`) : null));
    $("summary").replaceChildren(
      tile("up", "Up", up, `of ${members.length}`, false),
      tile("down", "Down", down, null, down > 0),
      tile("unknown", "Unknown", unknown, null, false),
      tile("drained", "Drained", drained, null, false),
      tile("zone", "Zones", doc.zones.length, zoneErrors ? `· ${zoneErrors} error${zoneErrors === 1 ? "" : "s"}` : null, zoneErrors > 0));
    document.title = down ? `(${down} down) DnsLb status` : "DnsLb status";
    renderFavicon(down ? "down" : drained ? "drained" : "up");
  }

  function renderFavicon(state) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 32;
    const g = canvas.getContext("2d");
    if (!g) return;
    g.fillStyle = { up: "#22a35f", down: "#e0483d", drained: "#7c68e6" }[state];
    g.beginPath();
    g.arc(16, 16, 12, 0, 2 * Math.PI);
    g.fill();
    $("favicon").href = canvas.toDataURL("image/png");
  }

  // ---- pools --------------------------------------------------------------------------------------

  function renderPools() {
    const host = $("pools");
    if (doc.pools.length === 0) {
      host.replaceChildren(el("div", "empty", "No pools configured. A pool is a name under Pools in appsettings.json whose A/AAAA records are probed."));
      return;
    }
    const existing = new Map([...host.querySelectorAll(":scope > .pool")].map((n) => [n.dataset.pool, n]));
    const cards = doc.pools.map((pool) => {
      const card = existing.get(pool.name) || el("article", "pool");
      card.dataset.pool = pool.name;
      renderPoolHead(card, pool);
      renderMembers(card, pool);
      return card;
    });
    host.replaceChildren(...cards);
  }

  function renderPoolHead(card, pool) {
    const b = pool.failoverBudget;
    const t = pool.timing;
    const answered = pool.members.filter((m) => m.state !== "down" && !m.drained).length;
    const signature = JSON.stringify([pool.name, pool.ttlSeconds, pool.probe, t, b, answered, pool.members.length]);
    if (card.dataset.head === signature) return;
    card.dataset.head = signature;

    const meta = el("p", "pool-meta",
      el("span", null, pool.probe),
      el("span", null, "every ", el("b", null, duration(t.intervalMs / 1000)), ", timeout ", el("b", null, duration(t.timeoutMs / 1000))),
      el("span", null, "rise ", el("b", null, t.rise), " · fall ", el("b", null, t.fall)),
      el("span", null, "TTL ", el("b", null, duration(pool.ttlSeconds))));

    const tip = el("span", "tip",
      `Detection ${budget(b.nextProbeSeconds + b.confirmSeconds)}: the next probe within ${budget(b.nextProbeSeconds)} ` +
      `(interval + 10% jitter), then ${budget(b.confirmSeconds)} to ${t.fall} failure${t.fall === 1 ? "" : "s"} of a silent member ` +
      `(timeout ${duration(t.timeoutMs / 1000)}, recheck ${duration(t.recheckMs / 1000)}). Then a client may keep the answer for the TTL.`,
      el("span", "sum", `${budget(b.nextProbeSeconds)} + ${budget(b.confirmSeconds)} + ${duration(b.ttlSeconds)} TTL = ${budget(b.totalSeconds)}`));
    const box = el("div", b.isLong ? "budget long" : "budget",
      el("span", "b-label", "Failover budget"),
      el("span", "b-value", budget(b.totalSeconds), el("span", "note-mark", "*")),
      tip);
    box.tabIndex = 0;
    box.setAttribute("aria-describedby", "budget-note");

    const serving = el("span", answered ? "serving" : "serving none",
      answered ? `${answered} of ${pool.members.length} in the answers` : "none healthy: answered as WhenAllDown says");
    serving.title = "Members answered now: up or not yet probed, and not drained";
    const head = el("header", "pool-head", el("div", null, el("div", "pool-title", el("h3", null, pool.name), serving), meta), box);
    const parts = [head];
    if (b.isLong) {
      const detection = b.nextProbeSeconds + b.confirmSeconds;
      const advice = b.ttlSeconds >= detection
        ? `Most of it is the TTL (${duration(b.ttlSeconds)}): lower the TTL of ${pool.name} in its zone file, e.g. to 5–30 s.`
        : "Most of it is detection: shorten IntervalMs or TimeoutMs, or lower Fall.";
      parts.push(el("p", "warning", el("strong", null, `A client may be handed a dead member for up to ${budget(b.totalSeconds)}. `), advice));
    }
    const old = card.querySelector(":scope > .members");
    card.replaceChildren(...parts, old || el("div", "members"));
  }

  function renderMembers(card, pool) {
    const list = card.querySelector(":scope > .members");
    list.setAttribute("role", "table");
    list.setAttribute("aria-label", `Members of ${pool.name}`);
    if (pool.members.length === 0) {
      list.replaceChildren(el("div", "empty", `No members: ${pool.name} has no A or AAAA records in its zone.`));
      return;
    }
    const existing = new Map([...list.querySelectorAll(":scope > .member")].map((n) => [n.dataset.address, n]));
    const othersUp = (m) => pool.members.some((o) => o !== m && o.state === "up" && !o.drained);
    const rows = pool.members.map((member) => {
      const signature = JSON.stringify([member, pool.ttlSeconds, othersUp(member), busy.has(key(pool.name, member.address))]);
      const row = existing.get(member.address);
      if (row && row.dataset.sig === signature) return row;
      const fresh = memberRow(pool, member, othersUp(member));
      fresh.dataset.sig = signature;
      return fresh;
    });
    list.replaceChildren(memberHead(), ...rows);
  }

  function memberHead() {
    const row = el("div", "m-row m-head",
      el("div", null, "Member"), el("div", null, "State"), el("div", null, "Last probe"),
      el("div", null, "For"), el("div", "h-history", "Recent changes"), el("div", null, ""));
    row.setAttribute("role", "row");
    row.children[3].title = "How long it has been in its state";
    return row;
  }

  function memberRow(pool, m, othersUp) {
    const state = el("div", "cell-state",
      el("span", `pill ${m.state}`, el("span", `dot ${m.state}`), STATE_WORDS[m.state] || m.state),
      m.drained ? el("span", "pill drained", "Drained", el("span", "by", ` · ${m.drain.by === "file" ? "file" : "API"}`)) : null);
    const byFile = m.drained && m.drain.by === "file";
    const file = byFile ? m.drain.file || "a file in the drain directory" : null;
    if (m.drained) state.lastChild.title = `Drained ${byFile ? `by ${file}` : "through the API"}, ${absolute(m.drain.at)}`;

    const probe = el("div", "probe");
    probe.dataset.label = "Last probe";
    if (m.lastProbe) {
      const p = m.lastProbe;
      probe.append(el("span", `verdict ${p.result}`, p.result === "ok" ? "OK" : "Failed"), " · ",
        el("span", "reason", p.reason), " ", el("span", "lat", `· ${latency(p.latencyMs)}`));
      probe.title = `Probed ${absolute(p.at)}`;
    } else {
      probe.append(el("span", "never", "not probed yet"));
    }

    const word = STATE_WORDS[m.state] || m.state;
    const since = el("div", "since", m.lastChange ? when(m.lastChange, "age") : "since start");
    since.dataset.label = m.lastChange ? `${word} for` : word;

    const history = el("ul", "history");
    history.dataset.label = "Recent changes";
    if (m.transitions.length === 0) history.append(el("li", "none", "no changes"));
    for (const t of m.transitions.slice(0, 3)) {
      const item = el("li", null, el("span", `to ${t.to}`, `${STATE_WORDS[t.to] || t.to}`), when(t.at, "ago"));
      item.title = `${STATE_WORDS[t.from] || t.from} → ${STATE_WORDS[t.to] || t.to} ${absolute(t.at)}: ${t.reason}`;
      history.append(item);
    }

    const act = el("div", "act");
    if (m.drained) act.append(stopNote(pool, m, othersUp));
    const pending = busy.has(key(pool.name, m.address));
    const button = el("button", m.drained ? "btn primary" : "btn drain",
      pending ? (m.drained ? "Undraining…" : "Draining…") : m.drained ? "Undrain" : "Drain");
    button.type = "button";
    button.disabled = pending || byFile;
    button.title = byFile ? `Drained by ${file}: remove the file to undrain it`
      : m.drained ? "Put it back in the answers (while it is up)" : "Take it out of the answers; it is still probed";
    if (byFile) button.classList.add("held");
    button.addEventListener("click", () => drain(pool.name, m.address, !m.drained));
    act.append(button);

    const row = el("div", "m-row member", el("div", "addr", m.address), state, probe, since, history, act);
    row.setAttribute("role", "row");
    row.dataset.address = m.address;
    row.dataset.state = m.state;
    row.classList.toggle("is-down", m.state === "down");
    row.classList.toggle("is-drained", m.drained);
    return row;
  }

  // "Safe to stop", "safe to stop in 4 s" or why not; the countdown ticks with the clock.
  function stopNote(pool, m, othersUp) {
    const node = el("span", "stop");
    node.dataset.safe = m.safeToStop ? "1" : "0";
    node.dataset.othersUp = othersUp ? "1" : "0";
    if (m.outOfAnswersSince) node.dataset.safeAt = String(Date.parse(m.outOfAnswersSince) + (pool.ttlSeconds + 1) * 1000);
    renderStop(node);
    return node;
  }

  function renderStop(node) {
    let text, kind;
    if (node.dataset.safe === "1") {
      [text, kind] = ["✓ Safe to stop", "safe"];
    } else if (node.dataset.othersUp !== "1") {
      [text, kind] = ["Not safe to stop: no other member is up", "unsafe"];
    } else {
      const left = (Number(node.dataset.safeAt) - now()) / 1000;
      [text, kind] = left > 0 ? [`Safe to stop in ${duration(Math.ceil(left))}`, "wait"] : ["Safe to stop in a moment", "wait"];
    }
    node.className = `stop ${kind}`;
    node.title = "Safe once the TTL plus a second has passed since it left the answers, while another member is up: no client that asked DnsLb still holds its address.";
    if (node.textContent !== text) node.textContent = text;
  }

  // ---- zones --------------------------------------------------------------------------------------

  function renderZones() {
    const host = $("zones");
    if (doc.zones.length === 0) {
      host.replaceChildren(el("div", "empty", "No zones loaded. Put zone files (name.zone) in the zones directory."));
      return;
    }
    const head = el("div", "z-row z-head m-head", el("div", null, "Zone"), el("div", null, "Serial"),
      el("div", null, "Records"), el("div", null, "Loaded"), el("div", null, "Status"));
    const rows = doc.zones.map((z) => {
      const status = z.lastError
        ? el("div", "zone-status zone-err", el("span", "what", z.lastError),
            el("span", "when", "Reload failed ", z.lastErrorAt ? when(z.lastErrorAt, "ago") : null, z.lastReload ? " · the last good version is served" : " · not served"))
        : el("div", "zone-status zone-ok", "✓ Loaded");
      const loaded = el("div", "muted", z.lastReload ? when(z.lastReload, "ago") : "never");
      const row = el("div", "z-row zone", el("div", "zname", z.name), el("div", "serial", z.serial),
        el("div", "muted", `${z.records.toLocaleString()} records`), loaded, status);
      row.title = `${z.sourceFile} · ${z.reloads} load${z.reloads === 1 ? "" : "s"}, ${z.reloadFailures} failed`;
      row.dataset.zone = z.name;
      return row;
    });
    const table = el("div", "zones", head, ...rows);
    host.replaceChildren(table);
  }

  // ---- refresh ------------------------------------------------------------------------------------

  function renderLive() {
    const live = $("live");
    if (!doc) return;
    const seconds = (Date.now() - lastRead) / 1000;
    if (failures > 0) {
      live.dataset.state = "lost";
      $("live-text").textContent = `connection lost · retrying · data from ${duration(Math.round(seconds))} ago`;
    } else {
      live.dataset.state = "ok";
      $("live-text").textContent = seconds < 2 ? "live · updated just now" : `live · updated ${Math.floor(seconds)} s ago`;
    }
  }

  async function refresh() {
    clearTimeout(timer);
    let next = null;
    try {
      const response = await fetch("/api/status", { cache: "no-store", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      next = await response.json();
    } catch {
      failures++;
      renderLive();
    }
    if (next) {
      clockOffset = Date.parse(next.at) - Date.now();
      lastRead = Date.now();
      failures = 0;
      doc = next;
      try {
        renderSummary();
        renderPools();
        renderZones();
        tick();
      } catch (e) {
        console.error("the status page could not show the status", e); // a bug here, not a lost connection
      }
    }
    timer = setTimeout(refresh, failures ? Math.min(REFRESH_MS * failures, 15000) : REFRESH_MS);
  }

  // ---- drain --------------------------------------------------------------------------------------

  const busy = new Set();
  const key = (pool, address) => `${pool}\n${address}`;

  async function drain(pool, address, on) {
    const k = key(pool, address);
    if (busy.has(k)) return;
    busy.add(k);
    renderPools();
    try {
      let response = await post(pool, address, on, sessionStorage.getItem("dnslb-token"));
      while (response.status === 401) {
        const token = await askToken(sessionStorage.getItem("dnslb-token") !== null);
        if (token === null) return;
        sessionStorage.setItem("dnslb-token", token);
        response = await post(pool, address, on, token);
      }
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        toast(body.error || `The server answered HTTP ${response.status}.`, true);
      } else {
        toast(on ? `${address} drained: out of the answers, still probed.` : `${address} undrained: answered again while up.`);
      }
    } catch {
      toast("The server could not be reached.", true);
    } finally {
      busy.delete(k);
      await refresh();
    }
  }

  function post(pool, address, on, token) {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    const url = `/api/pools/${encodeURIComponent(pool)}/members/${encodeURIComponent(address)}/${on ? "drain" : "undrain"}`;
    return fetch(url, { method: "POST", headers });
  }

  function askToken(rejected) {
    const dialog = $("token-dialog");
    const input = $("token-input");
    $("token-error").hidden = !rejected;
    input.value = "";
    return new Promise((resolve) => {
      const done = (value) => {
        $("token-form").removeEventListener("submit", submit);
        $("token-cancel").removeEventListener("click", cancel);
        dialog.removeEventListener("cancel", cancel);
        dialog.close();
        resolve(value);
      };
      const submit = (e) => { e.preventDefault(); if (input.value) done(input.value.trim()); };
      const cancel = (e) => { e.preventDefault(); done(null); };
      $("token-form").addEventListener("submit", submit);
      $("token-cancel").addEventListener("click", cancel);
      dialog.addEventListener("cancel", cancel);
      dialog.showModal();
      input.focus();
    });
  }

  let toastTimer = 0;
  function toast(text, error) {
    const node = $("toast");
    node.textContent = text;
    node.className = error ? "toast error" : "toast";
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, error ? 8000 : 4000);
  }

  setInterval(tick, 1000);
  refresh();
})();
