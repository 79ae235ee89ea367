"use strict";
// The web UI's shared helpers (el, getJson, query, showError, eventNode, typeLabel, used by
// explorer.js, search.js and review.js too), an event's list entry and detail, type-ahead, and
// a state's leaders and alliances at a date. The pair timeline is drawn by timeline-plot.js
// (vis-timeline) and run by timeline-pair.js. Nothing is fetched but this server's routes.
const DAY = 86400000;
const DATE_TEXT = /^\d{4}(-\d{2}(-\d{2})?)?$/;
let baseIri = "";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
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

// The event types of ontology/namespace.py (docs/data-model.md), each with a colour in timeline.css.
const KNOWN_TYPES = new Set(["diplomatic_relations_established", "diplomatic_relations_severed", "state_visit",
  "summit_meeting", "talks", "message_exchange", "statement", "diplomatic_protest", "treaty_signed", "alliance_formed",
  "sanctions", "arms_transfer", "military_exercise", "armed_clash", "military_intervention", "war", "veto", "other"]);

/* ---------- an event in the list (the text alternative to the drawing) ---------- */

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

/* ---------- an event's detail, under the plot ---------- */

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

function eventLabel(e) {
  return `${typeLabel(e.type)}, ${e.date}, ${e.participants.join(" and ")}, ${e.sources.length} source(s)`;
}

/* ---------- type-ahead: the datalist of a field, from GET /lookup/suggest as one types ---------- */

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
