"use strict";
// The web UI: a drawn timeline between two states or actors (SVG, drawn here: no library, no
// network beyond this server's REST routes), and a state's leaders and alliances at a date.
const SVGNS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const MIN_SPAN = 5 * DAY, MAX_SPAN = 1000 * 365.25 * DAY;
const POINT = 8;  // a mark narrower than this many pixels is drawn as a dot this wide
const LANE = 22, BAND = 16, AXIS = 28, PAD = 12;
const DATE_TEXT = /^\d{4}(-\d{2}(-\d{2})?)?$/;
let baseIri = "";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// Only http(s) links from the data: a stored javascript: or data: url is never an href.
function safeUrl(url) {
  try { return Boolean(url) && ["http:", "https:"].includes(new URL(url).protocol); }
  catch { return false; }
}

function idHref(iri) {
  if (baseIri && iri.startsWith(baseIri)) return "/id/" + iri.slice(baseIri.length);
  return safeUrl(iri) ? iri : "#";
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = {};
  try { body = await response.json(); } catch { /* not JSON: the status says enough */ }
  if (!response.ok) throw new Error(body.detail || body.title || `${response.status} ${response.statusText}`);
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const text = q.toString();
  return text ? "?" + text : "";
}

function showError(target, error) {
  target.replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
}

// Dates at their precision: "1950" is all of 1950, "1961-07" all of July 1961. Times are UTC
// milliseconds; an end is exclusive (the day after the last day).
function dayStart(iso) { const [y, m, d] = iso.split("-").map(Number); return Date.UTC(y, (m || 1) - 1, d || 1); }
function partialStart(text) { return dayStart(text); }
function partialEnd(text) {
  const [y, m, d] = text.split("-").map(Number);
  if (d) return Date.UTC(y, m - 1, d + 1);
  return m ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
}
function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
const typeLabel = (type) => type.replaceAll("_", " ");

/* ---------- the list: the text alternative, and the page's first view ---------- */

function eventNode(event) {
  const head = el("div", {},
    el("span", { class: "date" }, event.date),
    el("span", { class: `type type-${event.type}` }, event.type),
    event.participants.join(" – "),
    event.initiator ? ` (initiated by ${event.initiator}) ` : " ",
    el("a", { href: idHref(event.iri) }, "details"));
  const box = el("div", { class: "event" }, head);
  for (const s of event.sources) {
    if (s.evidence) box.append(el("blockquote", {}, s.evidence));
    box.append(el("div", { class: "src" }, "Source: ", sourceLink(s), s.published ? ` (${s.published})` : ""));
  }
  return box;
}

function sourceLink(s) {
  return safeUrl(s.url) ? el("a", { href: s.url }, s.title || s.url) : el("a", { href: idHref(s.article) }, s.title || "article");
}

/* ---------- the state of the drawn view ---------- */

const view = {
  pair: null,        // "CHN/PRK" as fetched
  events: [],        // every event of the pair, with start/end times
  summary: null,     // GET /relations/{a}/{b}
  bands: [],         // relations and alliances, with start/end times
  types: null,       // Set of the types shown, null for all
  from: null, to: null,  // the period filter, as typed
  t0: 0, t1: 1,      // the time the plot shows
  pinned: null,      // the IRI of the event whose detail was clicked open
};

function visibleEvents() {
  const lo = view.from ? partialStart(view.from) : -Infinity;
  const hi = view.to ? partialEnd(view.to) : Infinity;
  return view.events.filter(e => (!view.types || view.types.has(e.type)) && e.end > lo && e.start < hi);
}

function fitView() {
  const shown = visibleEvents();
  let t0 = view.from ? partialStart(view.from) : Math.min(...shown.map(e => e.start));
  let t1 = view.to ? partialEnd(view.to) : Math.max(...shown.map(e => e.end));
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) { t1 = Date.now(); t0 = t1 - 10 * 365.25 * DAY; }
  const span = Math.max(t1 - t0, 365 * DAY), mid = (t0 + t1) / 2;
  const pad = (view.from || view.to) ? 0 : span * 0.05;
  view.t0 = mid - span / 2 - pad;
  view.t1 = mid + span / 2 + pad;
}

function zoom(factor, center) {
  const span = view.t1 - view.t0;
  const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  const c = center ?? (view.t0 + view.t1) / 2;
  view.t0 = c - (c - view.t0) * next / span;
  view.t1 = view.t0 + next;
  draw();
}

function pan(fraction) {
  const dt = (view.t1 - view.t0) * fraction;
  view.t0 += dt; view.t1 += dt;
  draw();
}

/* ---------- drawing ---------- */

// Tick steps, finest first: [unit, count]; the first at least 90 px apart is used.
const STEPS = [["d", 1], ["d", 2], ["d", 7], ["m", 1], ["m", 3], ["m", 6], ["y", 1], ["y", 2], ["y", 5],
  ["y", 10], ["y", 20], ["y", 50], ["y", 100], ["y", 200]];
const STEP_DAYS = { d: 1, m: 30.44, y: 365.25 };

function ticks(pxPerMs) {
  const [unit, n] = STEPS.find(([u, k]) => k * STEP_DAYS[u] * DAY * pxPerMs >= 90) || STEPS.at(-1);
  const first = new Date(view.t0);
  let y = first.getUTCFullYear(), m = first.getUTCMonth(), d = first.getUTCDate();
  if (unit === "y") { y = Math.floor(y / n) * n; m = 0; d = 1; }
  if (unit === "m") { m = Math.floor(m / n) * n; d = 1; }
  const out = [];
  for (let i = 0; i < 500; i++) {
    const t = Date.UTC(y, m, d);
    if (t > view.t1) break;
    const iso = isoDay(t);
    if (t >= view.t0) out.push([t, unit === "y" ? iso.slice(0, 4) : unit === "m" ? iso.slice(0, 7) : iso]);
    if (unit === "y") y += n; else if (unit === "m") m += n; else d += n;
  }
  return out;
}

function bandLabel(band) {
  const when = band.since ? ` since ${band.since}` : " (dates not recorded)";
  return band.label + when + (band.until ? ` until ${band.until}` : "");
}

// Each event in the first lane where it does not touch the one before.
function lanes(marks) {
  const ends = [];
  for (const mark of marks) {
    let lane = ends.findIndex(end => end + 3 <= mark.x);
    if (lane < 0) { lane = ends.length; ends.push(0); }
    ends[lane] = mark.x + mark.w;
    mark.lane = lane;
  }
  return ends.length;
}

function eventMark(mark, y) {
  const e = mark.event;
  const g = svg("g", {
    class: `event type-${e.type}${mark.point ? " point" : ""}${view.pinned === e.iri ? " pinned" : ""}`,
    tabindex: "0", role: "button", "data-iri": e.iri, "data-type": e.type,
    "data-start": e.start, "data-end": e.end,
    "aria-label": `${typeLabel(e.type)}, ${e.date}, ${e.participants.join(" and ")}, ${e.sources.length} source(s)`,
  }, svg("title", {}, `${typeLabel(e.type)} ${e.date}`),
  svg("rect", { class: "mark", x: mark.x, y: y + 3, width: mark.w, height: LANE - 6, rx: mark.point ? POINT / 2 : 2 }));
  g.addEventListener("mouseenter", () => { if (!view.pinned) showDetail(e); });
  g.addEventListener("focus", () => showDetail(e));
  g.addEventListener("click", () => pin(e));
  g.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(e); }
  });
  return g;
}

function draw() {
  const box = document.getElementById("plot");
  const width = Math.max(320, box.clientWidth || 800);
  const x0 = PAD, x1 = width - PAD, pxPerMs = (x1 - x0) / (view.t1 - view.t0);
  const X = (t) => x0 + (t - view.t0) * pxPerMs;
  const marks = visibleEvents().map(event => {
    const x = X(event.start), w = X(event.end) - x;
    return w >= POINT ? { event, x, w, point: false } : { event, x: x + w / 2 - POINT / 2, w: POINT, point: true };
  }).sort((p, q) => p.x - q.x);
  const laneCount = Math.max(1, lanes(marks));
  const top = PAD + view.bands.length * BAND, axisY = top + laneCount * LANE + 6;
  const height = axisY + AXIS;
  const root = svg("svg", {
    id: "timeline-svg", width, height, role: "group", "aria-label": "Events on a time axis: Tab moves between them, arrows pan, + and - zoom",
    "data-t0": view.t0, "data-t1": view.t1, "data-x0": x0, "data-x1": x1,
  }, svg("defs", {}, svg("clipPath", { id: "plot-clip" }, svg("rect", { x: x0, y: 0, width: x1 - x0, height }))));
  const bands = svg("g", { class: "bands", "clip-path": "url(#plot-clip)" });
  view.bands.forEach((band, i) => {
    const bx = band.start === null ? x0 : Math.max(x0 - 1, X(band.start));
    const bw = Math.max(2, Math.min(x1 + 1, X(band.end)) - bx);
    const y = PAD + i * BAND;
    bands.append(svg("g", { class: `band band-${band.kind}${band.start === null ? " undated" : ""}` },
      svg("title", {}, bandLabel(band)),
      svg("rect", { class: "band-area", x: bx, y, width: bw, height: axisY - y }),
      svg("rect", { class: "band-strip", x: bx, y, width: bw, height: BAND - 2 }),
      svg("text", { x: Math.max(bx, x0) + 4, y: y + BAND - 5 }, bandLabel(band))));
  });
  const axis = svg("g", { class: "axis" }, svg("line", { x1: x0, x2: x1, y1: axisY, y2: axisY }));
  for (const [t, label] of ticks(pxPerMs)) {
    axis.append(svg("line", { class: "grid", x1: X(t), x2: X(t), y1: PAD, y2: axisY + 5 }),
      svg("text", { x: X(t) + 3, y: axisY + 18 }, label));
  }
  const events = svg("g", { class: "events", "clip-path": "url(#plot-clip)" });
  for (const mark of marks) events.append(eventMark(mark, top + mark.lane * LANE));
  root.append(bands, axis, events);
  box.replaceChildren(root);
  document.getElementById("view-range").textContent = `${isoDay(view.t0)} – ${isoDay(view.t1)}`;
  drawList();
}

function drawList() {
  const shown = visibleEvents();
  document.getElementById("timeline").replaceChildren(...(shown.length ? shown.map(eventNode) : [el("p", {}, "No events in this period.")]));
}

function drawLegend() {
  const counts = new Map();
  for (const e of view.events) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  const legend = document.getElementById("legend");
  legend.replaceChildren(...[...counts].map(([type, n]) => {
    const box = el("input", { type: "checkbox", value: type, "data-type": type });
    box.checked = !view.types || view.types.has(type);
    box.addEventListener("change", () => {
      const on = [...legend.querySelectorAll("input:checked")].map(i => i.value);
      view.types = on.length === counts.size ? null : new Set(on);
      writeUrl();
      draw();
    });
    return el("label", { class: "legend-item" }, box, el("span", { class: `swatch type-${type}`, "aria-hidden": "true" }), `${typeLabel(type)} (${n})`);
  }));
}

/* ---------- an event's detail ---------- */

function sourceNode(s) {
  const where = s.char_start !== null && s.char_start !== undefined ? ` (characters ${s.char_start}–${s.char_end} of the article)` : "";
  return el("li", { class: "source" },
    s.evidence ? el("blockquote", {}, el("mark", { class: "evidence" }, s.evidence)) : el("p", {}, "No sentence recorded."),
    el("div", { class: "src" }, sourceLink(s), s.published ? `, published ${s.published}` : "", where,
      s.confidence !== null && s.confidence !== undefined ? `, confidence ${s.confidence}` : ""));
}

function showDetail(e) {
  const n = e.sources.length;
  document.getElementById("event-detail").replaceChildren(
    el("h3", {}, el("span", { class: `swatch type-${e.type}`, "aria-hidden": "true" }), `${typeLabel(e.type)}, ${e.date}`),
    el("p", {}, `Participants: ${e.participants.join(", ")}`, e.initiator ? `; initiated by ${e.initiator}` : "",
      `. Corroboration: ${n} source${n === 1 ? "" : "s"}. `, el("a", { href: idHref(e.iri) }, "Linked data page")),
    el("ol", { class: "sources" }, ...e.sources.map(sourceNode)));
}

function pin(e) {
  view.pinned = view.pinned === e.iri ? null : e.iri;
  showDetail(e);
  for (const g of document.querySelectorAll("#timeline-svg g.event")) g.classList.toggle("pinned", g.dataset.iri === view.pinned);
}

/* ---------- loading, the URL, the form ---------- */

async function fetchPair(a, b) {
  const pair = `${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  const summary = await getJson(`/relations/${pair}`);
  const events = [];
  for (let offset = 0, pages = 0; offset !== null && pages < 100; pages++) {
    const page = await getJson(`/timeline/${pair}${query({ limit: 1000, offset })}`);
    events.push(...page.items);
    offset = page.next_offset;
  }
  for (const e of events) { e.start = dayStart(e.earliest); e.end = dayStart(e.latest) + DAY; }
  const now = Date.now(), bands = [];
  for (const r of summary.relations) {
    bands.push({ kind: r.type, label: typeLabel(r.type), since: r.since, until: r.until,
      start: r.since ? partialStart(r.since) : null, end: r.until ? partialEnd(r.until) : now });
  }
  for (const x of summary.alliances) {
    const since = x.member_since || x.start, until = x.member_until || x.end;
    bands.push({ kind: "alliance", label: `alliance: ${x.name}`, since, until,
      start: since ? partialStart(since) : null, end: until ? partialEnd(until) : now });
  }
  for (const band of bands) if (band.start === null) band.end = Infinity;
  return { summary, events, bands };
}

function checkPeriod(from, to) {
  for (const [name, value] of [["from", from], ["to", to]]) {
    if (value && !DATE_TEXT.test(value)) throw new Error(`${name}: ${JSON.stringify(value)} is not a date; write 1950, 1950-06 or 1950-06-25`);
  }
  if (from && to && partialStart(from) >= partialEnd(to)) throw new Error(`the period ends (${to}) before it begins (${from})`);
}

function writeUrl() {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of [["a", view.a], ["b", view.b], ["from", view.from], ["to", view.to], ["type", view.types ? [...view.types].join(",") : ""]]) {
    if (v) params.set(k, v); else params.delete(k);
  }
  history.replaceState(null, "", `${location.pathname}?${params}`);
  document.querySelector("#timeline-form input[name=type]").value = params.get("type") || "";
}

function summaryText(summary, a, b) {
  const counts = Object.entries(summary.event_counts).map(([t, n]) => `${t}: ${n}`).join(", ");
  return el("p", {}, el("strong", {}, `${a} – ${b}. `),
    summary.diplomatic_relations_since ? `Diplomatic relations since ${summary.diplomatic_relations_since}. ` : "",
    summary.alliances.length ? `Shared alliances: ${summary.alliances.map(x => x.name).join(", ")}. ` : "",
    counts ? `Events: ${counts}.` : "No events recorded.");
}

async function showTimeline(form) {
  const data = new FormData(form);
  const a = data.get("a").trim(), b = data.get("b").trim();
  const from = data.get("from").trim(), to = data.get("to").trim();
  const types = (data.get("type") || "").split(",").map(t => t.trim()).filter(Boolean);
  const status = document.getElementById("summary"), drawn = document.getElementById("drawn");
  status.replaceChildren(el("p", {}, "Loading…"));
  try {
    checkPeriod(from, to);
    if (view.pair !== `${a}/${b}`) Object.assign(view, await fetchPair(a, b), { pair: `${a}/${b}`, pinned: null });
    const unknown = types.filter(t => !view.events.some(e => e.type === t) && !KNOWN_TYPES.has(t));
    if (unknown.length) throw new Error(`unknown event type ${unknown.join(", ")}; one of ${[...KNOWN_TYPES].join(", ")}`);
    Object.assign(view, { a, b, from: from || null, to: to || null, types: types.length ? new Set(types) : null });
    status.replaceChildren(summaryText(view.summary, a, b));
    document.getElementById("event-detail").replaceChildren(el("p", { class: "hint" }, "Point at an event, or Tab to it, to see its sources; click or Enter keeps it open."));
    drawn.hidden = false;
    writeUrl();
    drawLegend();
    fitView();
    draw();
  } catch (error) {
    view.pair = null;
    drawn.hidden = true;
    document.getElementById("timeline").replaceChildren();
    showError(status, error);
  }
}

// The event types of ontology/namespace.py (docs/data-model.md), each with a colour in timeline.css.
const KNOWN_TYPES = new Set(["diplomatic_relations_established", "diplomatic_relations_severed", "state_visit",
  "summit_meeting", "talks", "message_exchange", "statement", "diplomatic_protest", "treaty_signed", "alliance_formed",
  "sanctions", "arms_transfer", "military_exercise", "armed_clash", "military_intervention", "war", "veto", "other"]);

/* ---------- zoom, pan and keys ---------- */

function plotTime(clientX) {
  const root = document.getElementById("timeline-svg");
  const x = clientX - root.getBoundingClientRect().left;
  const x0 = Number(root.dataset.x0), x1 = Number(root.dataset.x1);
  return view.t0 + (x - x0) / (x1 - x0) * (view.t1 - view.t0);
}

function wireControls() {
  const plot = document.getElementById("plot");
  document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
  document.getElementById("zoom-fit").addEventListener("click", () => { fitView(); draw(); });
  document.getElementById("pan-left").addEventListener("click", () => pan(-0.25));
  document.getElementById("pan-right").addEventListener("click", () => pan(0.25));
  plot.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(Math.exp(event.deltaY * 0.0015), plotTime(event.clientX));
  }, { passive: false });
  let drag = null;
  plot.addEventListener("pointerdown", (event) => {
    if (event.button === 0) drag = { x: event.clientX, t0: view.t0, t1: view.t1, moved: false };
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag || Math.abs(event.clientX - drag.x) < 3 && !drag.moved) return;
    const root = document.getElementById("timeline-svg");
    const msPerPx = (drag.t1 - drag.t0) / (root.dataset.x1 - root.dataset.x0);
    drag.moved = true;
    plot.classList.add("dragging");
    view.t0 = drag.t0 - (event.clientX - drag.x) * msPerPx;
    view.t1 = drag.t1 - (event.clientX - drag.x) * msPerPx;
    draw();
  });
  window.addEventListener("pointerup", () => { drag = null; plot.classList.remove("dragging"); });
  plot.addEventListener("keydown", (event) => {
    const keys = { ArrowLeft: () => pan(-0.1), ArrowRight: () => pan(0.1), "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2) };
    if (keys[event.key]) {
      const focused = document.activeElement?.dataset?.iri;
      event.preventDefault();
      keys[event.key]();
      if (focused) document.querySelector(`#timeline-svg g.event[data-iri="${CSS.escape(focused)}"]`)?.focus();
    }
    if (event.key === "Escape" && view.pinned) { view.pinned = null; draw(); }
  });
  let resize = null;
  window.addEventListener("resize", () => { clearTimeout(resize); resize = setTimeout(() => { if (view.pair) draw(); }, 100); });
}

// Type-ahead: the datalist of each pair field, from GET /lookup/suggest as one types.
function wireSuggestions(input) {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null, asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q || q === asked) return;
      asked = q;
      try {
        const found = await getJson(`/lookup/suggest${query({ q, limit: 8 })}`);
        if (input.value.trim() !== q) return;
        list.replaceChildren(...found.map(s => el("option", { value: s.code, label: `${s.name}${s.matched !== s.code && s.matched !== s.name ? ` (${s.matched})` : ""} · ${s.kind}${s.former ? ", former" : ""}` })));
      } catch { /* no suggestions: the field still takes any code or name */ }
    }, 150);
  });
}

/* ---------- a state at a date ---------- */

function table(headers, rows) {
  const t = el("table", {}, el("tr", {}, ...headers.map(h => el("th", {}, h))));
  for (const row of rows) t.append(el("tr", {}, ...row.map(c => el("td", {}, c ?? ""))));
  return t;
}

async function showState(form) {
  const data = new FormData(form);
  const code = encodeURIComponent(data.get("code").trim());
  const at = query({ at: data.get("at") });
  const box = document.getElementById("state");
  box.replaceChildren(el("p", {}, "Loading…"));
  try {
    const [state, leaders, alliances] = await Promise.all([
      getJson(`/states/${code}`), getJson(`/states/${code}/leaders${at}`), getJson(`/states/${code}/alliances${at}`),
    ]);
    box.replaceChildren(
      el("h3", {}, el("a", { href: idHref(state.iri) }, state.name)),
      el("h4", {}, "Leaders"),
      leaders.items.length ? table(["name", "role", "from", "to"], leaders.items.map(l => [l.name, l.role, l.start, l.end])) : el("p", {}, "None recorded."),
      el("h4", {}, "Alliances"),
      alliances.items.length ? table(["alliance", "obligations", "member since", "until"], alliances.items.map(x => [x.name, x.obligations.join(", "), x.member_since, x.member_until])) : el("p", {}, "None recorded."));
  } catch (error) {
    showError(box, error);
  }
}

// Each form runs on submit, and on load when the page's URL names its fields
// (/?a=CHN&b=PRK&from=1950&type=war, /?code=FIN&at=2024-01-01), so a view can be linked to.
const params = new URLSearchParams(location.search);
const forms = [["timeline-form", showTimeline, "a"], ["state-form", showState, "code"]];
wireControls();
for (const input of document.querySelectorAll("input[list]")) wireSuggestions(input);
getJson("/health")
  .then(h => { baseIri = h.base_iri.endsWith("/") ? h.base_iri : h.base_iri + "/"; })
  .catch(() => {})
  .finally(() => {
    for (const [id, handler, key] of forms) {
      const form = document.getElementById(id);
      form.addEventListener("submit", (event) => { event.preventDefault(); handler(form); });
      if (!params.has(key)) continue;
      for (const input of form.elements) if (input.name && params.has(input.name)) input.value = params.get(input.name);
      handler(form);
    }
  });
