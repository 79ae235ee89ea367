"use strict";
// The pair timeline's page logic: the two states or actors of the form, every event between
// them (GET /timeline, every page) and their relations and alliances (GET /relations), the
// filters by type (the legend) and period (From, To), the view in the URL
// (/?a=CHN&b=PRK&from=1945&type=war), the drawing (timeline-plot.js) and the list under it.
// Then the page's forms, run on load when the URL names their fields.

const view = {
  pair: null,        // "CHN/PRK" as fetched
  events: [],        // every event of the pair, with start/end times
  summary: null,     // GET /relations/{a}/{b}
  bands: [],         // relations and alliances, with start/end times
  types: null,       // Set of the types shown, null for all
  from: null, to: null,  // the period filter, as typed
};

function visibleEvents() {
  const lo = view.from ? partialStart(view.from) : -Infinity;
  const hi = view.to ? partialEnd(view.to) : Infinity;
  return view.events.filter(e => (!view.types || view.types.has(e.type)) && e.end > lo && e.start < hi);
}

// The window that shows the period asked, or every event shown with a margin.
function fitWindow() {
  const shown = visibleEvents();
  let t0 = view.from ? partialStart(view.from) : Math.min(...shown.map(e => e.start));
  let t1 = view.to ? partialEnd(view.to) : Math.max(...shown.map(e => e.end));
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) { t1 = Date.now(); t0 = t1 - 10 * 365.25 * DAY; }
  if (view.from || view.to) return t1 - t0 >= 5 * DAY ? [t0, t1] : [t0, t0 + 5 * DAY];
  const span = Math.max(t1 - t0, 365 * DAY), mid = (t0 + t1) / 2, pad = span * 0.05;
  return [mid - span / 2 - pad, mid + span / 2 + pad];
}

// The events shown, drawn and listed; `fit` sets the plot's window to them (else it stays).
function draw(fit) {
  const shown = visibleEvents();
  if (plot.ready()) plot.draw(shown, view.bands, fit ? fitWindow() : null);
  else document.getElementById("plot").replaceChildren(el("p", { class: "error" }, "The drawing library did not load: the events are listed below."));
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
    if (view.pair !== `${a}/${b}`) {
      Object.assign(view, await fetchPair(a, b), { pair: `${a}/${b}` });
      if (plot.ready()) plot.forget();
    }
    const unknown = types.filter(t => !view.events.some(e => e.type === t) && !KNOWN_TYPES.has(t));
    if (unknown.length) throw new Error(`unknown event type ${unknown.join(", ")}; one of ${[...KNOWN_TYPES].join(", ")}`);
    Object.assign(view, { a, b, from: from || null, to: to || null, types: types.length ? new Set(types) : null });
    status.replaceChildren(summaryText(view.summary, a, b));
    document.getElementById("event-detail").replaceChildren(el("p", { class: "hint" }, "Point at an event, or Tab to it, to see its sources; a click or Enter keeps it open, Escape lets go."));
    drawn.hidden = false;
    writeUrl();
    drawLegend();
    draw(true);
  } catch (error) {
    view.pair = null;
    drawn.hidden = true;
    document.getElementById("timeline").replaceChildren();
    showError(status, error);
  }
}

// Each form runs on submit, and on load when the page's URL names its fields
// (/?a=CHN&b=PRK&from=1950&type=war, /?code=FIN&at=2024-01-01), so a view can be linked to.
(() => {
  const params = new URLSearchParams(location.search);
  const forms = [["timeline-form", showTimeline, "a"], ["state-form", showState, "code"]];
  Object.assign(plot.hooks, { show: showDetail, fit: () => plot.setWindow(...fitWindow()) });
  plot.wire();
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
})();
