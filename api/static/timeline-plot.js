"use strict";
// The pair timeline drawn by vis-timeline (vendored: /static/vendor/vis-timeline-graph2d.min.js,
// pinned by web/package.json): one item per event, coloured by type (timeline.css); a period,
// a month or a year is a range over all of it, and an item narrower than POINT pixels at the
// current zoom is a point at its middle (a day, until zoomed in to days). The pair's relations
// and alliances are labelled ranges above the events and shaded backgrounds behind them. Each
// event is a button to the keyboard (Tab to it, Enter keeps its detail open); with the plot
// focused, the arrows pan and + and - zoom. Uses the helpers of timeline.js.
const plot = (() => {
  const MIN_SPAN = 5 * DAY, MAX_SPAN = 1000 * 365.25 * DAY;
  const POINT = 8;  // an event narrower than this many pixels is drawn as a point
  const FAR_PAST = Date.parse("0001-01-01T00:00:00Z"), FAR_FUTURE = Date.parse("9999-01-01T00:00:00Z");
  const OUT_OF_SIGHT = [Date.parse("9999-06-01T00:00:00Z"), Date.parse("9999-12-01T00:00:00Z")];
  const hooks = { show() {}, fit() {} };
  let timeline = null, items = null, groups = null;
  let byIri = new Map(), kinds = new Map(), pinned = null, wantFocus = null;
  const box = () => document.getElementById("plot");

  // The width vis-timeline scales time to (its centre panel's, borders included).
  function centreWidth() { return box().querySelector(".vis-panel.vis-center")?.offsetWidth || 800; }
  function msPerPx() { const w = timeline.getWindow(); return (w.end - w.start) / centreWidth(); }

  function eventItem(e, scale) {
    const point = (e.end - e.start) / scale < POINT;
    const item = { id: e.iri, group: "events", iri: e.iri, className: `event-item type-${e.type}` };
    return point ? { ...item, type: "point", start: new Date((e.start + e.end) / 2), end: null, label: "" }
      : { ...item, type: "range", start: new Date(e.start), end: new Date(e.end), label: typeLabel(e.type) };
  }

  function bandLabel(band) {
    const when = band.since ? ` since ${band.since}` : " (dates not recorded)";
    return band.label + when + (band.until ? ` until ${band.until}` : "");
  }

  function bandItems(bands) {
    return bands.flatMap((band, i) => {
      const start = new Date(band.start ?? FAR_PAST), end = new Date(Number.isFinite(band.end) ? band.end : FAR_FUTURE);
      const kind = `band-${band.kind}${band.start === null ? " undated" : ""}`;
      return [
        { id: `band-${i}`, group: "bands", type: "range", start, end, label: bandLabel(band), className: `band ${kind}`, selectable: false },
        { id: `area-${i}`, type: "background", start, end, label: "", className: `band-area ${kind}`, selectable: false },
      ];
    });
  }

  // Item text goes in as a text node, never as HTML.
  function template(item) { const span = document.createElement("span"); span.textContent = item.label || ""; return span; }

  function create(t0, t1) {
    items = new vis.DataSet();
    groups = new vis.DataSet();
    timeline = new vis.Timeline(box(), items, groups, {
      moment: (date) => vis.moment(date).utc(), locale: "en",
      start: new Date(t0), end: new Date(t1), zoomMin: MIN_SPAN, zoomMax: MAX_SPAN,
      stack: true, selectable: true, multiselect: false, showCurrentTime: false, showTooltips: false,
      orientation: { axis: "bottom", item: "top" }, groupOrder: "order",
      margin: { item: { horizontal: 6, vertical: 4 }, axis: 4 },
      dataAttributes: ["iri"], template,
    });
    // vis-timeline keeps a loading screen over the plot (catching the wheel and the pointer)
    // until its first range change settles, 200 ms on: the window given is settled already.
    timeline.emit("rangechanged", { start: new Date(t0), end: new Date(t1), byUser: false });
    timeline.on("changed", () => { if (Number(box().dataset.px) !== centreWidth()) { syncRange(); restyle(); } decorate(); });
    timeline.on("rangechange", syncRange);
    timeline.on("rangechanged", () => { restyle(); syncRange(); });
    timeline.on("itemover", ({ item }) => { if (!pinned && byIri.has(item)) hooks.show(byIri.get(item)); });
    timeline.on("select", ({ items: picked }) => toggle(picked.find(id => byIri.has(id)) ?? null));
  }

  // What vis-timeline draws, made reachable: each event's element a labelled button in the tab order.
  function decorate() {
    for (const node of box().querySelectorAll(".vis-item[data-iri]:not([tabindex])")) {
      const e = byIri.get(node.dataset.iri);
      if (!e) continue;
      Object.assign(node.dataset, { type: e.type, start: e.start, end: e.end });
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", eventLabel(e));
      node.title = `${typeLabel(e.type)} ${e.date}`;
    }
    for (const node of box().querySelectorAll(".vis-item[data-iri]")) {
      const pressed = String(node.dataset.iri === pinned);
      if (node.getAttribute("aria-pressed") !== pressed) node.setAttribute("aria-pressed", pressed);
    }
    if (wantFocus) {  // the focused event redrawn (a point become a range), or moved out of view
      const node = itemNode(wantFocus);
      if (node) node.focus({ preventScroll: true });
      else if (!box().contains(document.activeElement)) box().focus({ preventScroll: true });
      wantFocus = null;
    }
  }

  function itemNode(iri) { return box().querySelector(`.vis-item[data-iri="${CSS.escape(iri)}"]`); }

  // At each new zoom, an event becomes a point or a range by its width in pixels.
  function restyle() {
    if (!timeline) return;
    const scale = msPerPx(), changed = [];
    for (const e of byIri.values()) {
      const item = eventItem(e, scale);
      if (kinds.get(e.iri) !== item.type) { changed.push(item); kinds.set(e.iri, item.type); }
    }
    if (!changed.length) return;
    const focused = document.activeElement?.closest?.("#plot .vis-item[data-iri]")?.dataset.iri;
    if (focused && changed.some(i => i.id === focused)) wantFocus = focused;
    items.update(changed);
    if (pinned) timeline.setSelection([pinned]);
  }

  function syncRange() {
    const w = timeline.getWindow();
    Object.assign(box().dataset, { t0: w.start.getTime(), t1: w.end.getTime(), px: centreWidth() });
    document.getElementById("view-range").textContent = `${isoDay(w.start.getTime())} – ${isoDay(w.end.getTime())}`;
  }

  function setWindow(t0, t1) {
    timeline.setWindow(new Date(t0), new Date(t1), { animation: false });
    syncRange();
    restyle();
  }

  // Zoom around `centre` (a time; the middle of the window when not given).
  function zoom(factor, centre) {
    const w = timeline.getWindow(), span = w.end - w.start, c = centre ?? (w.start.getTime() + w.end.getTime()) / 2;
    const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
    setWindow(c - next / 2, c + next / 2);
  }

  function pan(fraction) {
    const w = timeline.getWindow(), dt = (w.end - w.start) * fraction;
    setWindow(w.start.getTime() + dt, w.end.getTime() + dt);
  }

  // Pin an event open (its detail stays while the pointer moves on), or let go (null).
  function setPinned(iri) {
    pinned = iri;
    timeline.setSelection(iri ? [iri] : []);
    if (iri) hooks.show(byIri.get(iri));
    decorate();
  }

  function toggle(iri) { setPinned(iri && iri !== pinned ? iri : null); }

  function wireKeys() {
    // With an event focused, + and - zoom around it, so it stays in view.
    const keys = { ArrowLeft: () => pan(-0.1), ArrowRight: () => pan(0.1), "+": (c) => zoom(0.5, c), "=": (c) => zoom(0.5, c), "-": (c) => zoom(2, c) };
    box().addEventListener("keydown", (event) => {
      const node = event.target.closest?.(".vis-item[data-iri]"), e = node && byIri.get(node.dataset.iri);
      if (node && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); toggle(node.dataset.iri); return; }
      if (keys[event.key]) { event.preventDefault(); wantFocus = e?.iri ?? null; keys[event.key](e ? (e.start + e.end) / 2 : undefined); }
      if (event.key === "Escape" && pinned) setPinned(null);
    });
    box().addEventListener("focusin", (event) => {
      const node = event.target.closest?.(".vis-item[data-iri]");
      if (node && byIri.has(node.dataset.iri)) hooks.show(byIri.get(node.dataset.iri));
    });
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
    document.getElementById("pan-left").addEventListener("click", () => pan(-0.25));
    document.getElementById("pan-right").addEventListener("click", () => pan(0.25));
    document.getElementById("zoom-fit").addEventListener("click", () => hooks.fit());
  }

  return {
    ready: () => typeof vis !== "undefined",
    hooks,
    wire() { if (this.ready()) wireKeys(); },
    // Draw `events` (each with start/end times) over `bands`; `span` ([t0, t1]) sets the window.
    draw(events, bands, span) {
      if (!timeline) create(...(span || [Date.UTC(1945, 0, 1), Date.now()]));
      byIri = new Map(events.map(e => [e.iri, e]));
      if (pinned && !byIri.has(pinned)) pinned = null;
      groups.clear();
      groups.add([...(bands.length ? [{ id: "bands", content: "Relations", order: 0 }] : []), { id: "events", content: "Events", order: 1 }]);
      const w = timeline.getWindow(), [t0, t1] = span || [w.start.getTime(), w.end.getTime()];
      const scale = (t1 - t0) / centreWidth();
      const eventItems = events.map(e => eventItem(e, scale));
      kinds = new Map(eventItems.map(i => [i.id, i.type]));
      // vis-timeline draws and measures each item added inside its window at once, one by one
      // (a layout each: 1,000 events took seconds): add them out of sight, then show them together.
      timeline.setWindow(new Date(OUT_OF_SIGHT[0]), new Date(OUT_OF_SIGHT[1]), { animation: false });
      items.clear();
      items.add([...bandItems(bands), ...eventItems]);
      timeline.setWindow(new Date(t0), new Date(t1), { animation: false });
      timeline.setSelection(pinned ? [pinned] : []);
      syncRange();
    },
    setWindow,
    pin(iri) {
      if (!byIri.has(iri)) return false;
      setPinned(iri);
      const node = itemNode(iri);
      if (node) node.focus({ preventScroll: true }); else wantFocus = iri;
      return true;
    },
    has: (iri) => byIri.has(iri),
    forget() { pinned = null; },
  };
})();
