"use strict";
// Full-text search on the web UI (GET /search): each hit with its matched text, the searched
// words marked; an event opens its pair's timeline (timeline-pair.js) with the event
// shown, an entity or an article opens its page. The URL keeps the words (/?q=armistice).
(() => {
  const form = document.getElementById("search-form");
  const box = document.getElementById("search-results");
  const PAGE = 20;
  let base = "";

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  // The snippet as text nodes and <mark>s: nothing from the data is ever parsed as HTML.
  function marked(text, marks) {
    const out = el("span", { class: "snippet" });
    let at = 0;
    for (const [start, end] of marks) {
      out.append(text.slice(at, start), el("mark", {}, text.slice(start, end)));
      at = end;
    }
    out.append(text.slice(at));
    return out;
  }

  function pageOf(iri) {
    if (base && iri.startsWith(base)) return "/id/" + iri.slice(base.length);
    try { return ["http:", "https:"].includes(new URL(iri).protocol) ? iri : "#"; } catch { return "#"; }
  }

  // The pair's timeline, drawn from its form (timeline-pair.js), then the event pinned open.
  async function openEvent(hit) {
    const timeline = document.getElementById("timeline-form");
    const [a, b] = hit.participants;
    for (const [name, value] of [["a", a], ["b", b], ["from", ""], ["to", ""], ["type", ""]]) timeline.elements[name].value = value;
    timeline.scrollIntoView();
    await showTimeline(timeline);
    if (plot.ready()) plot.pin(hit.iri);
  }

  function hitNode(hit) {
    const item = el("li", { class: `hit hit-${hit.kind}`, "data-iri": hit.iri, "data-kind": hit.kind });
    const pair = hit.kind === "event" && hit.participants.length >= 2;
    const link = el("a", { href: pair ? `/?a=${encodeURIComponent(hit.participants[0])}&b=${encodeURIComponent(hit.participants[1])}` : pageOf(hit.kind === "article" && hit.url ? hit.url : hit.iri), class: "open" }, hit.label);
    if (pair) link.addEventListener("click", (event) => { event.preventDefault(); openEvent(hit); });
    item.append(el("span", { class: "kind" }, hit.kind), " ", link, hit.kind === "event" ? "" : ` (${hit.type || hit.date || ""})`.replace(" ()", ""), el("div", {}, marked(hit.snippet, hit.marks)));
    return item;
  }

  async function run(q, offset = 0) {
    const list = offset ? box.querySelector("ol") : el("ol", { class: "hits" });
    if (!offset) box.replaceChildren(el("p", {}, "Searching…"));
    try {
      const response = await fetch(`/search?${new URLSearchParams({ q, limit: PAGE, offset })}`, { headers: { Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
      list.append(...body.items.map(hitNode));
      const more = body.next_offset === null ? [] : [el("button", { type: "button", class: "more" }, "More")];
      more.forEach(b => b.addEventListener("click", () => { b.remove(); run(q, body.next_offset); }));
      const head = el("p", { class: "search-count" }, body.total ? `${body.total} hit${body.total === 1 ? "" : "s"} for ${JSON.stringify(q)}` : `Nothing found for ${JSON.stringify(q)}.`);
      if (!offset) box.replaceChildren(head, list);
      box.append(...more);
    } catch (error) {
      box.replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = form.elements.q.value.trim();
    const params = new URLSearchParams(location.search);
    params.set("q", q);
    history.replaceState(null, "", `${location.pathname}?${params}`);
    run(q);
  });
  fetch("/health").then(r => r.json()).then(h => { base = h.base_iri.endsWith("/") ? h.base_iri : h.base_iri + "/"; }).catch(() => {});
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) { form.elements.q.value = asked; run(asked); }
})();
