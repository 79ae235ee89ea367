"use strict";
// The graph explorer: a state or actor at a date as nodes and edges (GET /neighbourhood),
// drawn by Cytoscape.js (vendored, /static/vendor/cytoscape.min.js; nothing from elsewhere).
// A node click re-centres, an edge click lists its events (GET /timeline), the slider moves
// the date, and the URL keeps the view (/?explore=CHN&at=1961). It uses the helpers of
// timeline.js (el, getJson, query, showError, eventNode, typeLabel), loaded before it.
(() => {
  const EDGE_COLOURS = { ally: "#2a9d4b", partner: "#5aa7d6", diplomatic_relations: "#8a8a8a", rival: "#e08a1e",
    adversary: "#d0452f", at_war: "#7a0000", member: "#6a3d9a", events: "#b8b8b8" };
  const EDGE_NAMES = { member: "alliance member (dashed)", events: "events only" };
  const NODE_COLOURS = { State: "#1a5fb4", Organization: "#9141ac", Alliance: "#6a3d9a", NonStateActor: "#c64600", Unknown: "#999999" };
  const NODE_NAMES = { NonStateActor: "non-state actor", Alliance: "alliance (square)", Unknown: "unknown code" };
  const DATE_TEXT = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const $ = (id) => document.getElementById(id);
  const ex = { cy: null, data: null, request: 0 };
  window.geokgExplorer = ex;  // for the browser tests: the Cytoscape instance and the answer

  const edgeWidth = (events) => 2 + 2.5 * Math.log2(1 + events);
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const nodeOf = (id) => ex.data.nodes.find(n => n.id === id);

  function nodeLabel(n) {
    if (n.code && n.kind !== "Alliance") return n.code;
    return n.name.length > 28 ? n.name.slice(0, 27) + "…" : n.name;
  }

  function elements(data) {
    const nodes = data.nodes.map(n => ({ group: "nodes", data: {
      id: n.id, label: nodeLabel(n), kind: n.kind, centre: n.centre, colour: NODE_COLOURS[n.kind] || "#999999" } }));
    const edges = data.edges.map(e => ({ group: "edges", data: {
      id: e.id, source: e.source, target: e.target, type: e.type, width: edgeWidth(e.events),
      colour: EDGE_COLOURS[e.type] || "#888888", label: e.events ? String(e.events) : "" } }));
    return [...nodes, ...edges];
  }

  const STYLE = [
    { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 11,
      "text-valign": "bottom", "text-margin-y": 4, width: 26, height: 26, "text-wrap": "wrap", "text-max-width": 130 } },
    { selector: "node[kind = 'Alliance']", style: { shape: "round-rectangle" } },
    { selector: "node[?centre]", style: { width: 42, height: 42, "border-width": 3, "border-color": "#222", "font-size": 13, "font-weight": "bold" } },
    { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier", label: "data(label)",
      "font-size": 10, "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
    { selector: "edge[type = 'member']", style: { "line-style": "dashed" } },
    { selector: ":selected", style: { "overlay-color": "#1a5fb4", "overlay-opacity": 0.25, "overlay-padding": 4 } },
  ];

  function draw(data) {
    $("explorer-drawn").hidden = false;
    if (!ex.cy) {
      ex.cy = cytoscape({ container: $("explorer-graph"), style: STYLE, minZoom: 0.2, maxZoom: 4 });
      ex.cy.on("tap", "node", (event) => nodeClicked(event.target.id()));
      ex.cy.on("tap", "edge", (event) => showEdge(event.target.id()));
    }
    ex.cy.resize();
    ex.cy.elements().remove();
    ex.cy.add(elements(data));
    ex.cy.layout({ name: "concentric", concentric: n => (n.data("centre") ? 2 : 1), levelWidth: () => 1,
      minNodeSpacing: 45, padding: 30, animate: false }).run();
    if (ex.cy.zoom() > 1.3) { ex.cy.zoom(1.3); ex.cy.center(); }  // a few nodes: not giant ones
    const graph = $("explorer-graph");
    graph.dataset.centre = data.centre;
    graph.dataset.at = data.at;
    graph.setAttribute("aria-label", `${data.centre} at ${data.at}: ${plural(data.nodes.length, "node")}, ` +
      `${plural(data.edges.length, "edge")}; the list below has the same, with buttons`);
  }

  function describe(e) {
    const when = (e.since ? ` since ${e.since}` : e.reported ? ` (first reported ${e.reported})` : "") + (e.until ? ` until ${e.until}` : "");
    const what = e.kind === "membership" ? "alliance member" : e.kind === "events" ? "events only" : typeLabel(e.type);
    const counts = Object.entries(e.event_counts).map(([t, n]) => `${typeLabel(t)} ${n}`).join(", ");
    if (e.kind === "membership" && !e.events) return `${what}${when}`;
    return `${what}${when}; ${plural(e.events, "event")}${counts ? ` (${counts})` : ""}`;
  }

  function drawList(data) {
    const items = data.edges.map(e => {
      const target = nodeOf(e.target);
      const show = el("button", { type: "button", "data-edge": e.id }, `${target.name}: ${describe(e)}`);
      show.addEventListener("click", () => showEdge(e.id));
      const li = el("li", { class: `rel-${e.type}` }, el("span", { class: "swatch-line", "aria-hidden": "true" }), show);
      if (target.code) {
        const centre = el("button", { type: "button", "data-centre": target.code }, `Centre on ${target.code}`);
        centre.addEventListener("click", () => recentre(target.code));
        li.append(centre);
      }
      return li;
    });
    $("explorer-list").replaceChildren(...(items.length ? items : [el("li", {}, "No relations, alliances or events recorded around then.")]));
  }

  function drawLegend() {
    const line = (type) => el("span", {}, el("span", { class: `line rel-${type}${type === "member" ? " dashed" : ""}`, "aria-hidden": "true" }), EDGE_NAMES[type] || typeLabel(type));
    const dot = (kind) => el("span", {}, el("span", { class: `dot kind-${kind}${kind === "Alliance" ? " square" : ""}`, "aria-hidden": "true" }), NODE_NAMES[kind] || kind.toLowerCase());
    $("explorer-legend").replaceChildren(...Object.keys(EDGE_COLOURS).map(line), ...Object.keys(NODE_COLOURS).map(dot),
      el("span", {}, "line width and number: events in the window"));
  }

  // An edge's events (the pair's timeline over the window), each with its sources.
  async function showEdge(id) {
    const e = ex.data.edges.find(x => x.id === id), target = nodeOf(e.target), box = $("explorer-edge");
    ex.cy.elements().unselect();
    ex.cy.getElementById(id).select();
    const head = el("h3", {}, `${ex.data.centre} – ${target.name}: ${describe(e)}`);
    if (!target.code || !e.events) {
      box.replaceChildren(head, el("p", {}, `No events between ${ex.data.events_from} and ${ex.data.events_to}.`));
      return;
    }
    box.replaceChildren(head, el("p", {}, "Loading events…"));
    try {
      const pair = `${encodeURIComponent(ex.data.centre)}/${encodeURIComponent(target.code)}`;
      const events = [];
      for (let offset = 0, pages = 0; offset !== null && pages < 20; pages++) {
        const page = await getJson(`/timeline/${pair}${query({ from: ex.data.events_from, to: ex.data.events_to, limit: 1000, offset })}`);
        events.push(...page.items);
        offset = page.next_offset;
      }
      box.replaceChildren(head, el("p", {}, `${plural(events.length, "event")} from ${ex.data.events_from} to ${ex.data.events_to}:`), ...events.map(eventNode));
    } catch (error) {
      showError(box, error);
    }
  }

  function nodeClicked(id) {
    const n = nodeOf(id);
    if (n.centre) return;
    if (n.code) recentre(n.code);
    else $("explorer-edge").replaceChildren(el("h3", {}, n.name), el("p", {}, "An alliance without an organization code: it has no neighbourhood of its own."));
  }

  function recentre(code) {
    $("explorer-form").elements.explore.value = code;
    show();
  }

  function writeUrl(code, at, years) {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of [["explore", code], ["at", at], ["years", years === "10" ? "" : years]]) {
      if (v) params.set(k, v); else params.delete(k);
    }
    history.replaceState(null, "", `${location.pathname}?${params}`);
  }

  async function show(scroll = false) {
    const form = $("explorer-form"), code = form.elements.explore.value.trim();
    const at = form.elements.at.value.trim(), years = form.elements.years.value.trim() || "10";
    const request = ++ex.request, status = $("explorer-status");
    status.replaceChildren(el("p", {}, "Loading…"));
    try {
      if (at && !DATE_TEXT.test(at)) throw new Error(`at: ${JSON.stringify(at)} is not a date; write 1961, 1961-07 or 1961-07-11`);
      const data = await getJson(`/neighbourhood/${encodeURIComponent(code)}${query({ at, years })}`);
      if (request !== ex.request) return;  // a later request (the slider moved on) wins
      ex.data = data;
      form.elements.at.value = data.at;
      $("explorer-year").value = $("explorer-year-out").value = data.at.slice(0, 4);
      writeUrl(data.centre, data.at, years);
      const name = data.nodes[0].name;
      status.replaceChildren(el("p", {}, el("strong", {}, `${name} (${data.centre}) at ${data.at}. `),
        `${plural(data.edges.length, "edge")}; events counted from ${data.events_from} to ${data.events_to}. Click a node to centre on it, an edge for its events.`));
      $("explorer-edge").replaceChildren();
      draw(data);
      drawList(data);
      if (scroll) $("explorer").scrollIntoView();
    } catch (error) {
      if (request !== ex.request) return;
      $("explorer-drawn").hidden = true;
      showError(status, error);
    }
  }

  function wire() {
    const form = $("explorer-form"), slider = $("explorer-year");
    slider.max = String(new Date().getUTCFullYear());
    form.addEventListener("submit", (event) => { event.preventDefault(); show(); });
    let timer = null;
    const moved = (wait) => {
      $("explorer-year-out").value = slider.value;
      form.elements.at.value = slider.value;
      clearTimeout(timer);
      timer = setTimeout(() => { if (form.elements.explore.value.trim()) show(); }, wait);
    };
    slider.addEventListener("input", () => moved(250));
    slider.addEventListener("change", () => moved(0));
    drawLegend();
    const params = new URLSearchParams(location.search);
    if (!params.has("explore")) return;
    for (const name of ["explore", "at", "years"]) if (params.has(name)) form.elements[name].value = params.get(name);
    show(true);
  }

  wire();
})();
