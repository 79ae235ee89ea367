"use strict";
// The ingest review (POST /articles/preview, then POST /articles): an article pasted with the
// API key, what the extractor reads from it highlighted in its text (mentions, dates, event
// triggers, each event's and relation's evidence sentence, with its confidence) before
// anything is stored; then Store posts exactly what was previewed, and each stored event
// opens its pair's timeline (the form of timeline-pair.js). Nothing from the data is ever parsed
// as HTML: text goes in as text nodes.
(() => {
  const form = document.getElementById("review-form");
  const status = document.getElementById("review-status");
  const shown = document.getElementById("review-shown");
  const storeButton = document.getElementById("review-store");
  let previewed = null;  // the article the preview was made from: Store posts exactly it

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  function say(text, error = false) {
    status.replaceChildren(el("p", error ? { class: "error", role: "alert" } : {}, text));
  }

  function article() {
    const data = new FormData(form);
    const found = { text: data.get("text") };
    for (const name of ["url", "title", "published"]) {
      const value = data.get(name).trim();
      if (value) found[name] = value;
    }
    return found;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-API-Key": form.elements.key.value },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.detail || answer.title || response.statusText);
    return answer;
  }

  // Every span of the preview: its ends, its classes, the fact it belongs to, a tooltip.
  function spans(p) {
    const out = [];
    p.extraction.events.forEach((e, i) => out.push({ start: e.start, end: e.end, cls: "hl-evidence", fact: `e${i}` }));
    p.extraction.relations.forEach((r, i) => out.push({ start: r.start, end: r.end, cls: "hl-evidence", fact: `r${i}` }));
    for (const m of p.mentions) out.push({ start: m.start, end: m.end, cls: `hl-mention hl-mention-${m.kind}`, title: `${m.kind} ${m.value || ""}` });
    for (const d of p.dates) out.push({ start: d.start, end: d.end, cls: "hl-date", title: `date ${d.value || ""}` });
    p.triggers.forEach((t, i) => t && out.push({ start: t.start, end: t.end, cls: "hl-trigger", fact: `e${i}`, title: `announces ${t.kind}` }));
    return out;
  }

  // The text cut at every span's ends; each piece under a span is a <mark> with the classes
  // (and the facts) of every span over it, so nested spans need no nested markup.
  function highlighted(p) {
    const all = spans(p);
    const cuts = [...new Set([0, p.text.length, ...all.flatMap(s => [s.start, s.end])])].sort((a, b) => a - b);
    const out = el("div", { id: "review-text", class: "review-text" });
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [a, b] = [cuts[k], cuts[k + 1]];
      const over = all.filter(s => s.start <= a && b <= s.end);
      if (!over.length) { out.append(p.text.slice(a, b)); continue; }
      const cls = [...new Set(over.flatMap(s => s.cls.split(" ")))].join(" ");
      const mark = el("mark", { class: cls, "data-facts": over.filter(s => s.fact).map(s => s.fact).join(" ") }, p.text.slice(a, b));
      const titles = over.map(s => s.title).filter(Boolean);
      if (titles.length) mark.title = titles.join("; ");
      out.append(mark);
    }
    return out;
  }

  // Pointing at (or focusing) a fact marks its evidence, trigger included, in the text.
  function factItem(id, children) {
    const item = el("li", { "data-fact": id, tabindex: "0" }, ...children);
    const focus = (on) => document.querySelectorAll("#review-text mark").forEach(m => {
      if (m.dataset.facts.split(" ").includes(id)) m.classList.toggle("focus", on);
    });
    for (const [kind, on] of [["mouseenter", true], ["mouseleave", false], ["focus", true], ["blur", false]]) item.addEventListener(kind, () => focus(on));
    return item;
  }

  function factList(p) {
    const events = p.extraction.events.map((e, i) => factItem(`e${i}`, [
      el("span", { class: "type" }, e.type.replaceAll("_", " ")), el("span", { class: "date" }, e.date),
      e.participants.join(", "), " ", el("span", { class: "confidence" }, `confidence ${e.confidence.toFixed(2)}`),
      p.triggers[i] ? el("span", { class: "hint" }, ` trigger “${p.triggers[i].text}”`) : "",
    ]));
    const relations = p.extraction.relations.map((r, i) => factItem(`r${i}`, [
      el("span", { class: "type" }, r.type.replaceAll("_", " ")), `${r.a}–${r.b}`, r.since ? ` since ${r.since}` : "", " ",
      el("span", { class: "confidence" }, `confidence ${r.confidence.toFixed(2)}`),
    ]));
    const lists = [el("h3", {}, `Events (${events.length})`), el("ul", { id: "review-events", class: "review-facts" }, ...events)];
    if (relations.length) lists.push(el("h3", {}, `Relations (${relations.length})`), el("ul", { class: "review-facts" }, ...relations));
    const warnings = p.extraction.warnings.map(w => el("li", {}, w));
    if (warnings.length) lists.push(el("h3", {}, "Warnings"), el("ul", {}, ...warnings));
    return lists;
  }

  async function showPreview() {
    previewed = null;
    storeButton.disabled = true;
    say("Reading the article…");
    try {
      const body = article();
      const p = await post("/articles/preview", body);
      previewed = body;
      shown.hidden = false;
      shown.replaceChildren(el("p", { class: "review-legend" }, ...["mention", "date", "trigger", "evidence"].map(c => el("mark", { class: `hl-${c}` }, c))), highlighted(p), ...factList(p));
      storeButton.disabled = false;
      say(`Nothing stored yet: ${p.extraction.events.length} events and ${p.extraction.relations.length} relations found (id ${p.id}). Review them, then Store.`);
    } catch (error) {
      say(error.message, true);
    }
  }

  // The stored events' pairs, each a button that draws that pair's timeline (read afresh).
  function openPair(a, b) {
    const timeline = document.getElementById("timeline-form");
    for (const [name, value] of [["a", a], ["b", b], ["from", ""], ["to", ""], ["type", ""]]) timeline.elements[name].value = value;
    if (typeof view !== "undefined") view.pair = null;  // timeline-pair.js keeps the pair it drew: read it again
    timeline.requestSubmit();
    timeline.scrollIntoView();
  }

  async function store() {
    if (!previewed) return;
    storeButton.disabled = true;
    say("Storing…");
    try {
      const done = await post("/articles", previewed);
      const pairs = [...new Set(done.extraction.events.filter(e => e.participants.length >= 2).map(e => e.participants.slice(0, 2).join("/")))];
      const buttons = pairs.map(pair => {
        const button = el("button", { type: "button", class: "review-open", "data-pair": pair }, `Show ${pair.replace("/", "–")} in the timeline`);
        button.addEventListener("click", () => openPair(...pair.split("/")));
        return button;
      });
      status.replaceChildren(el("p", { class: "stored" }, `Stored (${done.status}) as `, el("a", { href: done.href }, done.href), `: ${done.events} events, ${done.new_events} new, ${done.corroborated_events} corroborated.`), ...buttons);
    } catch (error) {
      say(error.message, true);
      storeButton.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); showPreview(); });
  form.addEventListener("input", (event) => {
    if (event.target.name === "key" || !previewed) return;
    previewed = null;
    storeButton.disabled = true;
    say("The article changed: Preview it again before storing.");
  });
  storeButton.addEventListener("click", store);
})();
