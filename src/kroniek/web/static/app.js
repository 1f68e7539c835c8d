// kroniek's web page: search, a zoomable timeline, event details, entity and article pages.
// Everything comes from the REST API of the same server; nothing from elsewhere.
(function () {
  "use strict";
  const TEXTS = window.KRONIEK_TEXTS;
  const PAGE = 100;          // entries per request
  const WINDOW = 300;        // at most this many entries on the timeline at once
  let lang = localStorage.getItem("kroniek.lang") ||
    ((navigator.language || "en").toLowerCase().startsWith("nl") ? "nl" : "en");
  let state = { params: null, entries: [], next: null, total: 0, timeline: null, items: null, windowTimer: null };

  const $ = (id) => document.getElementById(id);
  const t = (key, vars) => {
    let s = (TEXTS[lang] && TEXTS[lang][key]) || TEXTS.en[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  };
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };

  async function api(path, params, options) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined && v !== false) url.searchParams.set(k, v);
    const response = await fetch(url, options);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
    return body;
  }

  // -- language ------------------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-i18n-title]").forEach((n) => { n.title = t(n.dataset.i18nTitle); });
    $("lang").textContent = t("lang_button");
    $("lang").setAttribute("aria-label", t("lang_label"));
    $("timeline").setAttribute("aria-label", t("timeline_label"));
  }
  $("lang").addEventListener("click", () => {
    lang = lang === "nl" ? "en" : "nl";
    localStorage.setItem("kroniek.lang", lang);
    applyLanguage();
    route();
  });

  const token = () => $("token").value.trim() || sessionStorage.getItem("kroniek.token") || "";
  $("token").addEventListener("change", () => sessionStorage.setItem("kroniek.token", $("token").value.trim()));

  // -- search form ---------------------------------------------------------------------------------
  function formParams() {
    return { query: $("q").value.trim(), entity: $("entity").value.trim(), from: $("from").value.trim(),
             to: $("to").value.trim(), min_sources: $("min_sources").value > 1 ? $("min_sources").value : "",
             direct: $("direct").checked ? "true" : "" };
  }
  function fillForm(p) {
    $("q").value = p.query || ""; $("entity").value = p.entity || ""; $("from").value = p.from || "";
    $("to").value = p.to || ""; $("min_sources").value = p.min_sources || 1; $("direct").checked = !!p.direct;
  }
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = formParams();
    if (!p.query && !p.entity) { $("q").focus(); return; }
    delete p.event;
    location.hash = "#/?" + new URLSearchParams(Object.entries(p).filter(([, v]) => v)).toString();
  });
  let completeTimer = null;
  $("entity").addEventListener("input", () => {
    clearTimeout(completeTimer);
    const q = $("entity").value.trim();
    if (q.length < 2) return;
    completeTimer = setTimeout(async () => {
      try {
        const found = await api("/api/entities", { q, limit: 10 });
        $("entity-list").replaceChildren(...found.entities.map((e) => el("option", { value: e.name, label: `${e.name} (${e.type}, ${e.mentions})` })));
      } catch (e) { /* autocomplete is a help, not a must */ }
    }, 200);
  });

  // -- formatting ----------------------------------------------------------------------------------
  const day = (iso) => (iso ? iso.slice(0, 10) : "…");
  const lastDay = (iso) => new Date(Date.parse(iso) - 1000).toISOString().slice(0, 10);
  function dateText(e) {
    const i = e.date.interval;
    if (!i.start && i.end) return t("range_open_start", { end: day(i.end) });
    if (i.start && !i.end) return t("range_open_end", { start: day(i.start) });
    if (e.date.value.includes("X") && i.start && i.end) return `${day(i.start)} – ${lastDay(i.end)}`;
    return e.date.value;
  }
  function sourcesText(n) { return n === 1 ? t("source") : t("sources", { n }); }
  function mentionsText(n) { return n === 1 ? t("mention") : t("mentions", { n }); }
  function articlesText(n) { return n === 1 ? t("article_one") : t("articles_n", { n }); }
  const present = (...nodes) => nodes.filter((n) => n !== null && n !== undefined);
  function highlighted(sentence, expr) {
    if (!expr || expr.sentence_start < 0 || expr.sentence_end > sentence.length) return document.createTextNode(sentence);
    return el("span", {}, sentence.slice(0, expr.sentence_start), el("mark", { text: sentence.slice(expr.sentence_start, expr.sentence_end) }),
      sentence.slice(expr.sentence_end));
  }

  // -- the timeline --------------------------------------------------------------------------------
  function item(e) {
    const i = e.date.interval;
    const cls = ["entry", e.sources_disagree ? "disagree" : "", e.factuality === "reported" ? "reported" : ""].join(" ");
    const label = `${e.sentence.slice(0, 80)}${e.sentence.length > 80 ? "…" : ""} · ${e.independent_sources}`;
    const bounded = i.start && i.end && !e.sources_disagree;
    const start = bounded ? i.start : e.date.sort;
    const out = { id: e.id, content: label, start, className: cls, title: `${dateText(e)} — ${sourcesText(e.independent_sources)}` };
    if (bounded && (Date.parse(i.end) - Date.parse(i.start)) > 86400000 * 1.5) { out.end = i.end; out.type = "range"; }
    else out.type = "box";
    return out;
  }
  function ensureTimeline() {
    if (state.timeline) return;
    state.items = new vis.DataSet([]);
    state.timeline = new vis.Timeline($("timeline"), state.items, {
      height: "320px", zoomable: true, moveable: true, stack: true, maxHeight: 420, selectable: true,
      zoomMin: 86400000 * 2, tooltip: { followMouse: true }, margin: { item: 4 },
    });
    state.timeline.on("select", (p) => { if (p.items.length) showEvent(p.items[0]); });
    state.timeline.on("rangechanged", (p) => {
      if (!p.byUser) return;
      clearTimeout(state.windowTimer);
      state.windowTimer = setTimeout(() => loadWindow(p.start, p.end), 250);
    });
  }
  async function loadWindow(start, end) {
    // only the visible window is loaded: the events that happened in it
    const p = { ...state.params, from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10), limit: WINDOW };
    try {
      const page = await api("/api/timeline", p);
      const have = new Set(state.items.getIds());
      state.items.add(page.entries.filter((e) => !have.has(e.id)).map(item));
      if (state.items.length > WINDOW * 3) {
        const keep = new Set(page.entries.map((e) => e.id));
        state.items.remove(state.items.getIds().filter((id) => !keep.has(id)).slice(0, state.items.length - WINDOW * 2));
      }
    } catch (e) { /* the list below still holds the events */ }
  }

  // -- search results ------------------------------------------------------------------------------
  async function runSearch(params) {
    show("view-search");
    fillForm(params);
    state.params = Object.fromEntries(Object.entries(params).filter(([k, v]) => v && k !== "event"));
    state.entries = []; state.next = null;
    $("entries").replaceChildren();
    $("detail").replaceChildren(el("p", { class: "hint", text: t("pick") }));
    $("status").textContent = t("loading");
    try {
      const page = await api("/api/timeline", { ...state.params, limit: PAGE });
      state.total = page.total;
      addEntries(page);
      ensureTimeline();
      state.items.clear();
      state.items.add(page.entries.map(item));
      if (page.entries.length) state.timeline.fit({ animation: false });
      $("legend").hidden = !page.entries.length;
      setExports();
      drawCoverage();
      if (params.event) showEvent(params.event);
    } catch (e) {
      $("status").textContent = t("error", { message: e.message });
    }
  }
  function addEntries(page) {
    state.entries.push(...page.entries);
    state.next = page.next;
    $("status").textContent = page.total ? t("found", { total: page.total.toLocaleString(lang), shown: state.entries.length.toLocaleString(lang) }) : t("none");
    for (const e of page.entries) {
      const li = el("li", { class: "entry-row" + (e.sources_disagree ? " disagree" : "") + (e.factuality === "reported" ? " reported" : "") },
        el("button", { type: "button", class: "entry-button", "data-id": e.id, onclick: () => showEvent(e.id) },
          el("span", { class: "when", text: dateText(e) }),
          el("span", { class: "what", text: e.sentence }),
          el("span", { class: "badge", text: sourcesText(e.independent_sources) })));
      $("entries").append(li);
    }
    $("more").hidden = !state.next;
  }
  $("more").addEventListener("click", async () => {
    const page = await api("/api/timeline", { ...state.params, limit: PAGE, after: state.next });
    addEntries(page);
    state.items.add(page.entries.filter((e) => !state.items.get(e.id)).map(item));
  });
  function setExports() {
    const q = new URLSearchParams(Object.entries(state.params).filter(([k]) => k !== "limit"));
    for (const f of ["timelinejs", "csv", "json"]) {
      q.set("format", f);
      $("export-" + f).href = "/api/export?" + q.toString();
    }
    $("exports").hidden = false;
  }
  async function drawCoverage() {
    const words = state.params.query;
    const box = $("histogram");
    box.replaceChildren();
    if (!words) { $("coverage").hidden = true; return; }
    try {
      const found = await api("/api/search", { q: words, from: state.params.from, to: state.params.to, unit: "month", limit: 1 });
      const buckets = {};
      for (const b of found.histogram.published) (buckets[b.bucket] = buckets[b.bucket] || [0, 0])[0] = b.count;
      for (const b of found.histogram.happened) (buckets[b.bucket] = buckets[b.bucket] || [0, 0])[1] = b.count;
      const keys = Object.keys(buckets).sort().filter((k) => k >= "1900").slice(-120);
      if (!keys.length) { $("coverage").hidden = true; return; }
      const max = Math.max(...keys.map((k) => Math.max(...buckets[k])));
      const step = Math.max(14, Math.min(60, Math.floor(900 / keys.length)));
      const width = Math.max(300, keys.length * step), height = 120;
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", `0 0 ${width} ${height + 20}`);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", `${t("coverage")}: ${t("published")} / ${t("happened")}`);
      keys.forEach((k, n) => {
        [0, 1].forEach((side) => {
          const h = (buckets[k][side] / max) * height;
          const r = document.createElementNS(svg.namespaceURI, "rect");
          const bar = Math.max(5, Math.floor(step / 2) - 2);
          r.setAttribute("x", n * step + side * (bar + 1)); r.setAttribute("y", height - h);
          r.setAttribute("width", bar); r.setAttribute("height", h);
          r.setAttribute("class", side ? "bar happened" : "bar published");
          const title = document.createElementNS(svg.namespaceURI, "title");
          title.textContent = `${k}: ${buckets[k][side]} ${side ? t("happened") : t("published")}`;
          r.append(title); svg.append(r);
        });
        if (n % Math.ceil(keys.length / 10) === 0) {
          const label = document.createElementNS(svg.namespaceURI, "text");
          label.setAttribute("x", n * step); label.setAttribute("y", height + 14); label.textContent = k;
          svg.append(label);
        }
      });
      box.append(svg, el("p", { class: "hint" }, el("span", { class: "swatch published" }), " " + t("published") + "  ",
        el("span", { class: "swatch happened" }), " " + t("happened")));
      $("coverage").hidden = false;
    } catch (e) { $("coverage").hidden = true; }
  }

  // -- one event -----------------------------------------------------------------------------------
  async function showEvent(id) {
    const box = $("detail");
    box.replaceChildren(el("p", { text: t("loading") }));
    try {
      const e = await api(`/api/events/${encodeURIComponent(id)}`);
      const why = e.expression
        ? t("dated_by", { text: e.expression.text, rule: e.expression.rule, reason: e.expression.reason })
        : t("dated_dct", { relation: t("relation_" + e.relation) || e.relation.toLowerCase(), published: e.article.published });
      const sources = el("ol", { class: "sources" });
      for (const s of e.sources) {
        sources.append(el("li", {},
          el("a", { href: `#/article/${encodeURIComponent(s.article.id)}`, text: s.article.title || s.article.id }),
          el("span", { class: "meta", text: ` — ${t("published_on", { date: s.article.published })}${e.sources_disagree ? "; " + t("says", { value: s.value }) : ""}` }),
          el("blockquote", {}, highlighted(s.sentence, s.expression)),
          s.factuality === "reported" ? el("p", { class: "reported-note", text: t("reported", { who: s.claimed_by || t("a_source") }) }) : null));
      }
      const people = e.entities.length ? el("p", {}, t("involves") + ": ", ...e.entities.flatMap((x, n) => [
        n ? ", " : "", x.id ? el("a", { href: `#/entity/${encodeURIComponent(x.id)}`, text: x.name }) : x.name, ` (${x.type})`])) : null;
      box.replaceChildren(...present(
        el("h2", { text: dateText(e) }),
        el("p", { class: "interval", text: `[${day(e.date.interval.start)}, ${day(e.date.interval.end)}) · ${sourcesText(e.independent_sources)} · ${mentionsText(e.mentions)}` }),
        e.sources_disagree ? el("p", { class: "warning", text: t("disagree") }) : null,
        e.factuality === "reported" ? el("p", { class: "reported-note", text: t("reported", { who: e.claimed_by || t("a_source") }) }) : null,
        el("h3", { text: t("why") }), el("p", { class: "why", text: why }),
        people, el("h3", { text: t("all_sources") }), sources));
      box.focus();
      if (state.timeline) state.timeline.setSelection([e.id]);
    } catch (err) {
      box.replaceChildren(el("p", { text: t("error", { message: err.message }) }));
    }
  }

  // -- an entity -----------------------------------------------------------------------------------
  async function showEntity(id) {
    show("view-entity");
    const view = $("view-entity");
    view.replaceChildren(el("p", { text: t("loading") }));
    try {
      const page = await api(`/api/entities/${encodeURIComponent(id)}`, { limit: PAGE });
      const e = page.entity;
      const list = el("ol", { class: "entity-timeline" });
      for (const x of page.timeline.entries) {
        list.append(el("li", {}, el("span", { class: "when", text: dateText(x) }), " ",
          el("a", { href: `#/?entity=${encodeURIComponent(e.id)}&event=${x.id}`, class: "entity-event", "data-id": x.id,
                    text: x.sentence }), " ",
          el("span", { class: "badge", text: sourcesText(x.independent_sources) })));
      }
      const status = el("p", { role: "status" });
      const mergeForm = el("form", { class: "edit", onsubmit: (ev) => edit(ev, "/api/entities/merge",
        () => ({ keep: e.id, other: ev.target.elements.other.value.trim() }), status) },
        el("label", {}, el("span", { text: t("merge_other") }), el("input", { name: "other", required: true })),
        el("button", { type: "submit", text: t("do_merge") }));
      const splitForm = el("form", { class: "edit", onsubmit: (ev) => edit(ev, "/api/entities/split",
        () => ({ entity: e.id, names: ev.target.elements.names.value.split(",").map((n) => n.trim()).filter(Boolean) }), status) },
        el("label", {}, el("span", { text: t("split_names") }), el("input", { name: "names", required: true })),
        el("button", { type: "submit", text: t("do_split") }));
      view.replaceChildren(...present(
        el("p", {}, el("a", { href: "#/", text: t("back") })),
        el("h2", { text: `${e.name} (${e.type})` }),
        el("p", { class: "meta", text: `${e.id} · ${mentionsText(e.mentions)}, ${articlesText(e.articles)}` }),
        e.aliases.length ? el("p", { text: `${t("aliases")}: ${e.aliases.join(", ")}` }) : null,
        el("p", {}, el("a", { href: `#/?entity=${encodeURIComponent(e.id)}`, text: t("timeline_of", { name: e.name }) })),
        el("h3", { text: t("events") }), list,
        el("details", {}, el("summary", { text: t("merge") }), mergeForm),
        el("details", {}, el("summary", { text: t("split") }), splitForm), status));
    } catch (err) {
      view.replaceChildren(el("p", { text: t("error", { message: err.message }) }));
    }
  }
  async function edit(ev, path, body, status) {
    ev.preventDefault();
    if (!token()) { status.textContent = t("need_token"); return; }
    try {
      const result = await api(path, {}, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
                                          body: JSON.stringify(body()) });
      status.textContent = t("done");
      location.hash = `#/entity/${encodeURIComponent(result.id)}`;
    } catch (err) { status.textContent = t("failed", { message: err.message }); }
  }

  // -- an article ----------------------------------------------------------------------------------
  async function showArticle(id) {
    show("view-article");
    const view = $("view-article");
    view.replaceChildren(el("p", { text: t("loading") }));
    try {
      const a = await api(`/api/articles/${encodeURIComponent(id)}`);
      const text = a.article.text;
      const marks = [];
      a.timexes.forEach((x) => marks.push([x.start, x.end, "timex", x]));
      a.mentions.forEach((x) => marks.push([x.start, x.end, "mention", x]));
      marks.sort((p, q) => p[0] - q[0] || q[1] - p[1]);
      const body = el("div", { class: "article-text" });
      let at = 0;
      for (const [s, e, kind, x] of marks) {
        if (s < at) continue;  // overlapping marks: the first one wins
        body.append(text.slice(at, s));
        const node = kind === "timex"
          ? el("mark", { class: "timex", title: `${x.type} ${x.value} — ${x.reason}`, text: text.slice(s, e) })
          : (x.entity ? el("a", { class: "mention " + x.type, href: `#/entity/${encodeURIComponent(x.entity)}`, title: x.type, text: text.slice(s, e) })
                      : el("span", { class: "mention " + x.type, title: x.type, text: text.slice(s, e) }));
        body.append(node);
        at = e;
      }
      body.append(text.slice(at));
      const table = el("table", {}, el("thead", {}, el("tr", {}, ...["", t("value"), t("interval"), t("why")].map((h) => el("th", { text: h })))),
        el("tbody", {}, ...a.timexes.map((x) => el("tr", {}, el("td", { text: x.text }), el("td", { text: x.value }),
          el("td", { text: x.interval_start ? `[${day(x.interval_start)}, ${day(x.interval_end)})` : "—" }), el("td", { text: x.reason })))));
      view.replaceChildren(el("p", {}, el("a", { href: "#/", text: t("back") })),
        el("h2", { text: a.article.title || a.article.ext_id }),
        el("p", { class: "meta", text: `${a.article.ext_id} · ${t("published_on", { date: a.article.dct_value })}${a.article.source ? " · " + a.article.source : ""}` }),
        body, el("h3", { text: t("timexes") }), table);
    } catch (err) {
      view.replaceChildren(el("p", { text: t("error", { message: err.message }) }));
    }
  }

  // -- routing -------------------------------------------------------------------------------------
  function show(id) {
    for (const v of ["view-search", "view-entity", "view-article"]) $(v).hidden = v !== id;
  }
  function route() {
    const hash = location.hash || "#/";
    if (hash.startsWith("#/entity/")) return showEntity(decodeURIComponent(hash.slice(9)));
    if (hash.startsWith("#/article/")) return showArticle(decodeURIComponent(hash.slice(10)));
    const params = Object.fromEntries(new URLSearchParams(hash.split("?")[1] || ""));
    if (params.query || params.entity) return runSearch(params);
    show("view-search");
  }
  window.addEventListener("hashchange", route);
  $("token").value = sessionStorage.getItem("kroniek.token") || "";
  applyLanguage();
  route();
})();
