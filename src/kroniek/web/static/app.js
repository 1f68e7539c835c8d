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
    if (!response.ok) {
      const err = new Error((body.error && body.error.message) || response.statusText);
      err.user = response.status >= 400 && response.status < 500;  // the request's fault: say what, not "went wrong"
      throw err;
    }
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
    if (!p.query && !p.entity && !p.from && !p.to) { $("q").focus(); $("status").textContent = t("need_something"); return; }
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
  // Intervals are half-open [start, end); people read inclusive days, so the last day shown is end - 1 s.
  const day = (iso) => (iso ? iso.slice(0, 10) : "…");
  const locale = () => (lang === "nl" ? "nl-NL" : "en-GB");
  const fmt = (opts) => new Intl.DateTimeFormat(locale(), { timeZone: "UTC", ...opts });
  const LONG = { day: "numeric", month: "long", year: "numeric" }, SHORT = { day: "numeric", month: "short", year: "numeric" };
  const MONTH = { month: "long", year: "numeric" };
  function humanInterval(i, value, short) {
    const dayFmt = fmt(short ? SHORT : LONG);
    if (!i || (!i.start && !i.end)) return value || "…";
    if (!i.start) return t("range_open_start", { end: dayFmt.format(new Date(i.end)) });
    if (!i.end) return t("range_open_end", { start: dayFmt.format(new Date(i.start)) });
    const s = new Date(i.start), e = new Date(Date.parse(i.end) - 1000);
    const end = new Date(i.end), span = (end - s) / 86400000;
    if (span <= 1.0001) return dayFmt.format(s);
    const firstOfMonth = (d) => d.getUTCDate() === 1 && d.getUTCHours() === 0;
    if (firstOfMonth(s) && firstOfMonth(end)) {
      const months = (end.getUTCFullYear() - s.getUTCFullYear()) * 12 + end.getUTCMonth() - s.getUTCMonth();
      if (months === 1) return fmt(short ? { month: "short", year: "numeric" } : MONTH).format(s);
      if (months === 12 && s.getUTCMonth() === 0) return String(s.getUTCFullYear());
    }
    try { return dayFmt.formatRange(s, e); } catch (err) { return `${dayFmt.format(s)} – ${dayFmt.format(e)}`; }
  }
  const humanDay = (iso) => (iso ? fmt(LONG).format(new Date(iso)) : "…");
  function humanPublished(value) {
    // a publication date as precise as it is known: "March 2017", not "1 March 2017"
    if (/^\d{4}$/.test(value)) return value;
    if (/^\d{4}-\d{2}$/.test(value)) return fmt(MONTH).format(new Date(value + "-01T00:00:00Z"));
    return humanDay(value);
  }
  const typeName = (type) => t("type_" + type) === "type_" + type ? type : t("type_" + type);
  const dateText = (e, short) => humanInterval(e.date.interval, e.date.value, short);
  // an event dated by the publication date rather than by a time expression of its own
  const fromDct = (e) => e.anchoring === "dct";
  function plural(n, one, many) { return n === 1 ? t(one) : t(many, { n: n.toLocaleString(locale()) }); }
  const sourcesText = (n) => plural(n, "source", "sources");
  const mentionsText = (n) => plural(n, "mention", "mentions");
  const articlesText = (n) => plural(n, "article_one", "articles_n");
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
    const cls2 = fromDct(e) ? cls + " dct" : cls;
    const bounded = i.start && i.end && !e.sources_disagree;
    const start = bounded ? i.start : e.date.sort;
    const out = { id: e.id, content: label, start, className: cls2,
                  title: `${fromDct(e) ? "≈ " : ""}${dateText(e)} — ${sourcesText(e.independent_sources)}` };
    if (bounded && (Date.parse(i.end) - Date.parse(i.start)) > 86400000 * 1.5) { out.end = i.end; out.type = "range"; }
    else out.type = "box";
    return out;
  }
  function axisLabel(major) {
    // the axis in the page's language, without moment.js locales
    const MINOR = { millisecond: { hour: "2-digit", minute: "2-digit", second: "2-digit" }, second: { minute: "2-digit", second: "2-digit" },
                    minute: { hour: "2-digit", minute: "2-digit" }, hour: { hour: "2-digit", minute: "2-digit" },
                    weekday: { weekday: "short", day: "numeric" }, day: { day: "numeric" }, week: { day: "numeric", month: "short" },
                    month: { month: "short" }, year: { year: "numeric" } };
    const MAJOR = { millisecond: LONG, second: LONG, minute: LONG, hour: LONG, weekday: MONTH, day: MONTH, week: MONTH,
                    month: { year: "numeric" }, year: null };
    return (date, scale) => {
      const opts = (major ? MAJOR : MINOR)[scale];
      return opts ? fmt(opts).format(new Date(date.valueOf())) : "";
    };
  }
  function newTimeline(show) {
    // a new timeline for every search: items of an earlier search (or language) never linger
    if (state.timeline) { state.timeline.destroy(); state.timeline = null; }
    $("timeline").replaceChildren();
    $("timeline").hidden = !show;
    if (!show) return;
    state.items = new vis.DataSet([]);
    state.timeline = new vis.Timeline($("timeline"), state.items, {
      minHeight: 220, maxHeight: 420, verticalScroll: true, zoomKey: "", zoomable: true, moveable: true, stack: true,
      selectable: true, zoomMin: 86400000 * 2, tooltip: { followMouse: true }, margin: { item: 4 },
      cluster: { maxItems: 4, clusterCriteria: () => true, titleTemplate: t("cluster_title") },
      format: { minorLabels: axisLabel(false), majorLabels: axisLabel(true) },
    });
    state.timeline.on("select", (p) => { if (p.items.length && state.items.get(p.items[0])) showEvent(p.items[0]); });
    state.timeline.on("click", (p) => {  // a cluster of events: zoom in on it
      if (p.isCluster && p.time) {
        state.timeline.moveTo(p.time, { animation: false });
        state.timeline.zoomIn(0.6, { animation: false });
      }
    });
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
    $("start").hidden = true; $("results").hidden = false;
    fillForm(params);
    if (params.entity) entityName(params.entity).then((name) => { if ($("entity").value === params.entity) $("entity").value = name; });
    state.params = Object.fromEntries(Object.entries(params).filter(([k, v]) => v && k !== "event"));
    state.entries = []; state.next = null;
    $("entries").replaceChildren();
    $("detail").replaceChildren(el("p", { class: "hint", text: t("pick") }));
    $("status").textContent = t("loading");
    try {
      const page = await api("/api/timeline", { ...state.params, limit: PAGE });
      state.total = page.total;
      addEntries(page);
      const any = page.entries.length > 0;
      newTimeline(any);
      if (any) {
        state.items.add(page.entries.map(item));
        state.timeline.fit({ animation: false });
        const w = state.timeline.getWindow();
        if (w.end - w.start < 14 * 86400000) {  // a few days' events: show a fortnight, not hours
          const mid = (w.start.valueOf() + w.end.valueOf()) / 2;
          state.timeline.setWindow(mid - 7 * 86400000, mid + 7 * 86400000, { animation: false });
        }
        if (page.next) {  // more events than the first page: load the ones in view
          const v = state.timeline.getWindow();
          loadWindow(v.start, v.end);
        }
      }
      $("legend").hidden = !any;
      $("exports").hidden = !any;
      if (any) setExports();
      drawCoverage();
      if (params.event) showEvent(params.event);
    } catch (e) {
      $("status").textContent = e.user ? t("bad_search", { message: e.message }) : t("error", { message: e.message });
      newTimeline(false); $("legend").hidden = true; $("exports").hidden = true; $("coverage").hidden = true;
    }
  }
  function addEntries(page) {
    state.entries.push(...page.entries);
    state.next = page.next;
    $("status").textContent = !page.total ? t("none") : page.total === 1 ? t("found_one")
      : t("found", { total: page.total.toLocaleString(locale()), shown: state.entries.length.toLocaleString(locale()) });
    for (const e of page.entries) {
      const when = el("span", { class: "when" }, dateText(e, true),
        fromDct(e) ? el("span", { class: "approx", title: t("dct_title"), text: t("dct_short") }) : null);
      const li = el("li", { class: "entry-row" + (e.sources_disagree ? " disagree" : "") + (e.factuality === "reported" ? " reported" : "") },
        el("button", { type: "button", class: "entry-button", "data-id": e.id, onclick: () => showEvent(e.id) },
          when, el("span", { class: "what", text: e.sentence }),
          el("span", { class: "badge", text: sourcesText(e.independent_sources) })));
      $("entries").append(li);
    }
    $("more").hidden = !state.next;
  }
  async function entityName(ref) {
    // the form shows an entity's name; the address keeps its id
    if (!/^[a-z]+:/.test(ref)) return ref;
    try { return (await api(`/api/entities/${encodeURIComponent(ref)}`, { limit: 1 })).entity.name; } catch (e) { return ref; }
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
  function months(first, last) {
    // every month from first to last ("YYYY-MM"), so that a quiet month shows as a gap, not as nothing
    const out = [];
    let [y, m] = first.split("-").map(Number);
    const [ly, lm] = last.split("-").map(Number);
    while (y < ly || (y === ly && m <= lm)) { out.push(`${y}-${String(m).padStart(2, "0")}`); m += 1; if (m > 12) { m = 1; y += 1; } }
    return out;
  }
  async function drawCoverage() {
    const words = state.params.query;
    const box = $("histogram");
    box.replaceChildren();
    if (!words) { $("coverage").hidden = true; return; }
    try {
      // the whole span of the words, whatever the date filter, so that it shows where the filter sits
      const found = await api("/api/search", { q: words, unit: "month", limit: 1 });
      const chosen = (k) => (!state.params.from || k >= state.params.from.slice(0, 7)) && (!state.params.to || k <= state.params.to.slice(0, 7));
      const buckets = {};
      for (const b of found.histogram.published) (buckets[b.bucket.slice(0, 7)] = buckets[b.bucket.slice(0, 7)] || [0, 0])[0] += b.count;
      for (const b of found.histogram.happened) (buckets[b.bucket.slice(0, 7)] = buckets[b.bucket.slice(0, 7)] || [0, 0])[1] += b.count;
      const present = Object.keys(buckets).filter((k) => /^\d{4}-\d{2}$/.test(k) && k >= "1900").sort();
      if (!present.length) { $("coverage").hidden = true; return; }
      const keys = months(present[0], present[present.length - 1]).slice(-240);
      const max = Math.max(1, ...keys.map((k) => Math.max(...(buckets[k] || [0, 0]))));
      const step = Math.max(8, Math.min(60, Math.floor(900 / keys.length)));
      const width = Math.max(300, keys.length * step), height = 120;
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", `0 0 ${width} ${height + 20}`);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", `${t("coverage")}: ${t("published")} / ${t("happened")}`);
      const monthName = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-US", { timeZone: "UTC", month: "short", year: "numeric" });
      const every = Math.ceil(keys.length / 10);
      keys.forEach((k, n) => {
        const counts = buckets[k] || [0, 0];
        const g = document.createElementNS(svg.namespaceURI, "g");
        g.setAttribute("class", "month" + (chosen(k) && (state.params.from || state.params.to) ? " chosen" : ""));
        g.dataset.month = k;
        if (counts[0] || counts[1]) {
          g.setAttribute("tabindex", "0"); g.setAttribute("role", "button");
          g.setAttribute("aria-label", `${monthName.format(new Date(k + "-01T00:00:00Z"))}: ${counts[0]} ${t("published")}, ${counts[1]} ${t("happened")}`);
          g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); filterMonth(k); } });
        }
        const hit = document.createElementNS(svg.namespaceURI, "rect");  // the whole column is the click target
        hit.setAttribute("x", n * step); hit.setAttribute("y", 0); hit.setAttribute("width", step); hit.setAttribute("height", height);
        hit.setAttribute("class", "hit");
        g.append(hit);
        [0, 1].forEach((side) => {
          const h = (counts[side] / max) * height;
          const r = document.createElementNS(svg.namespaceURI, "rect");
          const bar = Math.max(3, Math.floor(step / 2) - 1);
          r.setAttribute("x", n * step + side * bar); r.setAttribute("y", height - h);
          r.setAttribute("width", bar); r.setAttribute("height", h);
          r.setAttribute("class", side ? "bar happened" : "bar published");
          g.append(r);
        });
        const title = document.createElementNS(svg.namespaceURI, "title");
        title.textContent = `${monthName.format(new Date(k + "-01T00:00:00Z"))}: ${counts[0]} ${t("published")}, ${counts[1]} ${t("happened")} — ${t("coverage_click")}`;
        g.append(title);
        g.addEventListener("click", () => filterMonth(k));
        svg.append(g);
        if (n % every === 0) {
          const label = document.createElementNS(svg.namespaceURI, "text");
          label.setAttribute("x", n * step + step / 2); label.setAttribute("y", height + 14);
          label.setAttribute("text-anchor", "middle");
          label.textContent = monthName.format(new Date(k + "-01T00:00:00Z"));
          svg.append(label);
        }
      });
      box.append(svg, el("p", { class: "hint" }, el("span", { class: "swatch published" }), " " + t("published") + "  ",
        el("span", { class: "swatch happened" }), " " + t("happened") + " · " + t("coverage_click")));
      $("coverage").hidden = false;
    } catch (e) { $("coverage").hidden = true; }
  }
  function filterMonth(month) {
    // a click on a month of the coverage chart narrows the search to the events of that month
    const p = { ...state.params, from: month, to: month };
    location.hash = "#/?" + new URLSearchParams(Object.entries(p).filter(([k, v]) => v && k !== "limit")).toString();
  }

  // -- one event -----------------------------------------------------------------------------------
  function why(e) {
    // in plain words first; the rule and its reasoning behind a toggle
    const published = humanPublished(e.article.published);
    const plain = e.expression
      ? t("why_timex", { text: e.expression.text, date: dateText(e), published })
      : t("why_dct_" + (["IS_INCLUDED", "BEFORE", "AFTER", "INCLUDES"].includes(e.relation) ? e.relation : "other"), { published });
    const technical = e.expression
      ? t("why_rule", { value: e.expression.value + (e.expression.mod ? ` (${e.expression.mod})` : ""), rule: e.expression.rule,
                        reason: e.expression.reason })
      : t("why_tense", { relation: e.relation, published: e.article.published });
    return [el("p", { class: "why", text: plain }),
            el("details", { class: "technical" }, el("summary", { text: t("why_details") }),
               el("p", { text: technical }),
               el("p", { text: `TIMEX3 ${e.date.value} · [${day(e.date.interval.start)}, ${day(e.date.interval.end)}) · ${t("half_open")}` }))];
  }
  function sourceItem(e, s, count) {
    const title = s.article.title || t("untitled");
    const meta = [s.article.source || t("no_outlet"), t("published_on", { date: humanPublished(s.article.published) }),
                  count > 1 ? t("mentions_here", { n: count }) : null].filter(Boolean).join(" · ");
    const at = s.expression ? `?at=${s.expression.start - s.expression.sentence_start}&len=${s.sentence.length}` : "";
    return el("li", {},
      el("a", { href: `#/article/${encodeURIComponent(s.article.id)}${at}`, class: s.article.title ? "" : "untitled", text: title,
                onclick: () => { state.quote = s.sentence; } }),
      el("span", { class: "meta", text: ` — ${meta}` }),
      s.article.url ? el("span", { class: "meta" }, " · ", el("a", { href: s.article.url, rel: "noopener noreferrer", target: "_blank", text: t("original") })) : null,
      e.sources_disagree ? el("p", { class: "says", text: t("says", { value: humanInterval(s.interval, s.value) }) }) : null,
      el("blockquote", {}, highlighted(s.sentence, s.expression)),
      s.factuality === "reported" ? el("p", { class: "reported-note", text: t("reported", { who: s.claimed_by || t("a_source") }) }) : null);
  }
  function markSelected(id) {
    document.querySelectorAll(".entry-button[aria-current]").forEach((b) => b.removeAttribute("aria-current"));
    const row = document.querySelector(`.entry-button[data-id="${Number(id)}"]`);
    if (row) row.setAttribute("aria-current", "true");
    return row;
  }
  function rememberEvent(id) {
    // the address names the open event, so a link or a reload shows it again
    if (!location.hash.startsWith("#/?")) return;
    const p = new URLSearchParams(location.hash.slice(3));
    p.set("event", id);
    history.replaceState(null, "", "#/?" + p.toString());
  }
  async function showEvent(id) {
    const box = $("detail");
    box.replaceChildren(el("p", { text: t("loading") }));
    state.selected = id;
    markSelected(id);
    rememberEvent(id);
    try {
      const e = await api(`/api/events/${encodeURIComponent(id)}`);
      const seen = new Map();  // two mentions in one sentence of one article are one source line
      for (const s of e.sources) {
        const key = s.article.id + "\u0000" + s.sentence;
        if (seen.has(key)) seen.get(key).count += 1; else seen.set(key, { s, count: 1 });
      }
      const sources = el("ol", { class: "sources" }, ...[...seen.values()].map(({ s, count }) => sourceItem(e, s, count)));
      const people = e.entities.length ? el("p", {}, t("involves") + ": ", ...e.entities.flatMap((x, n) => [
        n ? ", " : "", x.id ? el("a", { href: `#/entity/${encodeURIComponent(x.id)}`, text: x.name }) : x.name, ` (${typeName(x.type)})`])) : null;
      box.replaceChildren(...present(
        el("button", { type: "button", class: "back-to-list", onclick: backToList, text: t("back_to_list") }),
        el("h2", {}, fromDct(e) ? "≈ " : "", dateText(e)),
        el("p", { class: "interval", text: `${sourcesText(e.independent_sources)} · ${mentionsText(e.mentions)}` }),
        e.sources_disagree ? el("p", { class: "warning", text: t("disagree") }) : null,
        e.factuality === "reported" ? el("p", { class: "reported-note", text: t("reported", { who: e.claimed_by || t("a_source") }) }) : null,
        el("h3", { text: t("why") }), ...why(e),
        people, el("h3", { text: t("all_sources") }), sources));
      box.focus({ preventScroll: true });
      if (window.matchMedia("(max-width: 900px)").matches) box.scrollIntoView({ block: "start" });
      if (state.timeline && state.items.get(e.id)) state.timeline.setSelection([e.id]);
    } catch (err) {
      box.replaceChildren(el("p", { text: t("error", { message: err.message }) }));
    }
  }
  function backToList() {
    const row = markSelected(state.selected);
    if (row) { row.focus(); row.scrollIntoView({ block: "nearest" }); } else $("entries").focus();
  }
  $("detail").addEventListener("keydown", (ev) => { if (ev.key === "Escape") backToList(); });

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
        list.append(el("li", {}, el("span", { class: "when", text: (fromDct(x) ? "≈ " : "") + dateText(x),
                                              title: fromDct(x) ? t("dct_title") : null }), " ",
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
        el("h2", { text: `${e.name} (${typeName(e.type)})` }),
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
  async function showArticle(id, quote) {
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
      // the quoted sentence of the source the reader came from: [start, end)
      let qs = quote && Number.isInteger(quote.at) ? quote.at : (quote && quote.sentence ? text.indexOf(quote.sentence) : -1);
      let qe = qs >= 0 ? qs + (quote.len || (quote.sentence || "").length) : -1;
      if (qs < 0 || qe > text.length) { qs = -1; qe = -1; }
      const render = (from, to, into) => {
        let at = from;
        for (const [s, e, kind, x] of marks) {
          if (s < at || e > to) continue;  // overlapping marks: the first one wins
          into.append(text.slice(at, s));
          into.append(kind === "timex"
            ? el("mark", { class: "timex", title: `${x.type} ${x.value} — ${x.reason}`, text: text.slice(s, e) })
            : (x.entity ? el("a", { class: "mention " + x.type, href: `#/entity/${encodeURIComponent(x.entity)}`, title: typeName(x.type), text: text.slice(s, e) })
                        : el("span", { class: "mention " + x.type, title: typeName(x.type), text: text.slice(s, e) })));
          at = e;
        }
        into.append(text.slice(at, to));
      };
      let quoted = null;
      if (qs >= 0) {
        quoted = el("span", { class: "quoted", id: "quoted" });
        render(0, qs, body); render(qs, qe, quoted); body.append(quoted); render(qe, text.length, body);
      } else render(0, text.length, body);
      const table = el("table", {}, el("thead", {}, el("tr", {}, ...["", t("value"), t("interval"), t("why")].map((h) => el("th", { text: h })))),
        el("tbody", {}, ...a.timexes.map((x) => el("tr", {}, el("td", { text: x.text }), el("td", { text: x.value }),
          el("td", { text: x.interval_start ? `[${day(x.interval_start)}, ${day(x.interval_end)})` : "—" }), el("td", { text: x.reason })))));
      view.replaceChildren(el("p", {}, el("a", { href: "#/", text: t("back") })),
        el("h2", { text: a.article.title || t("untitled") }),
        el("p", { class: "meta" }, [a.article.source, t("published_on", { date: humanDay(a.article.dct_start) }), a.article.ext_id].filter(Boolean).join(" · "),
          a.article.url ? " · " : null, a.article.url ? el("a", { href: a.article.url, rel: "noopener noreferrer", target: "_blank", text: t("original") }) : null),
        body, el("h3", { text: t("timexes") }), el("div", { class: "table-wrap" }, table));
      if (quoted) quoted.scrollIntoView({ block: "center" });
    } catch (err) {
      view.replaceChildren(el("p", { text: t("error", { message: err.message }) }));
    }
  }

  // -- the start page ------------------------------------------------------------------------------
  async function showStart() {
    show("view-search");
    fillForm({});
    $("results").hidden = true; $("start").hidden = false;
    try {
      const stats = await api("/api/stats");
      const examples = stats.entities.map((x) => el("li", {}, el("a", { href: `#/?entity=${encodeURIComponent(x.id)}`, text: x.name }),
        el("span", { class: "meta", text: ` (${typeName(x.type)}, ${mentionsText(x.mentions)})` })));
      $("start").replaceChildren(...present(
        el("h2", { text: t("start_title") }),
        el("p", { text: t("start_stats", { articles: stats.articles.toLocaleString(locale()), events: stats.events.toLocaleString(locale()) }) }),
        el("p", { class: "hint", text: t("start_how") }),
        examples.length ? el("h3", { text: t("start_examples") }) : null,
        examples.length ? el("ul", { class: "examples" }, ...examples) : null));
    } catch (e) {
      $("start").replaceChildren(el("p", { text: t("error", { message: e.message }) }));
    }
  }

  // -- routing -------------------------------------------------------------------------------------
  function show(id) {
    for (const v of ["view-search", "view-entity", "view-article"]) $(v).hidden = v !== id;
    document.body.classList.toggle("reading", id !== "view-search");  // on a phone the search form steps aside
  }
  function route() {
    const hash = location.hash || "#/";
    if (hash.startsWith("#/entity/")) return showEntity(decodeURIComponent(hash.slice(9)));
    if (hash.startsWith("#/article/")) {
      const [ref, query] = hash.slice(10).split("?");
      const q = new URLSearchParams(query || "");
      const quote = q.has("at") ? { at: Number(q.get("at")), len: Number(q.get("len")) } : (state.quote ? { sentence: state.quote } : null);
      state.quote = null;
      return showArticle(decodeURIComponent(ref), quote);
    }
    const params = Object.fromEntries(new URLSearchParams(hash.split("?")[1] || ""));
    if (params.query || params.entity || params.from || params.to) return runSearch(params);
    return showStart();
  }
  window.addEventListener("hashchange", route);
  $("token").value = sessionStorage.getItem("kroniek.token") || "";
  applyLanguage();
  route();
})();
