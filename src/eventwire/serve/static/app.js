/* eventwire page: filters drive a map (Leaflet + world-atlas borders, no tiles), a timeline
 * (vis-timeline), an actor network (vis-network) and an event list; clicking an event opens its
 * article with the evidence and trigger words highlighted. Every request goes to this server.
 * Article text is untrusted: it is only ever inserted as text, never as HTML. */
"use strict";
(function () {
  const LIST_PAGE = 50;
  const MAP_LIMIT = 500;
  const QUAD = {
    AGREE: "vcoop", CONSULT: "vcoop", SUPPORT: "vcoop", CONCEDE: "vcoop",
    COOPERATE: "mcoop", AID: "mcoop", RETREAT: "mcoop",
    REQUEST: "vconf", ACCUSE: "vconf", REJECT: "vconf", THREATEN: "vconf",
    PROTEST: "mconf", SANCTION: "mconf", MOBILIZE: "mconf", COERCE: "mconf", ASSAULT: "mconf",
  };
  const COLOURS = { vcoop: "#2f855a", mcoop: "#2b6cb0", vconf: "#c05621", mconf: "#c53030" };

  const state = { offset: 0, total: 0, selected: null, events: new Map(), requests: 0 };
  const $ = (sel) => document.querySelector(sel);
  const form = $("#filters");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function status(text, isError) {
    const box = $("#status");
    box.textContent = text || "";
    box.className = isError ? "error" : "";
  }

  async function api(path) {
    state.requests += 1;
    const resp = await fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    let body = null;
    try { body = await resp.json(); } catch (e) { body = null; }
    if (!resp.ok) {
      const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : resp.statusText;
      throw new Error(`${resp.status}: ${detail}`);
    }
    return body;
  }

  // -- filters ------------------------------------------------------------------------------

  function filterParams() {
    const params = new URLSearchParams();
    const data = new FormData(form);
    for (const name of ["start", "end", "event", "modality", "q"]) {
      const v = (data.get(name) || "").trim();
      if (v) params.append(name, v);
    }
    for (const name of ["actor", "recipient", "actor_sector", "recipient_sector"]) {
      for (const v of (data.get(name) || "").split(/[\s,]+/)) if (v) params.append(name, v.toUpperCase());
    }
    if ($("#f-in-view").checked && map) {
      const b = map.getBounds();
      const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
      const box = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
                   clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
      params.append("bbox", box.map((x) => x.toFixed(4)).join(","));
    }
    return params;
  }

  function actorLabel(actors) {
    if (!actors || !actors.length) return "?";
    return actors.map((a) => a.code ? `${a.entity_text} (${a.code}${a.sector ? " " + a.sector : ""})` : a.entity_text).join(", ");
  }

  function placeOf(e) {
    const loc = e.event_loc;
    return loc ? (loc.resolved_place || loc.extracted_place) : null;
  }

  function dateLabel(e) {
    if (!e.date) return "undated";
    return e.date_precision && e.date_precision !== "day" ? `${e.date} (${e.date_precision})` : e.date;
  }

  // -- map ------------------------------------------------------------------------------------

  let map = null;
  let markers = null;
  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([30, 20], 1.5);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
    markers = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true, showCoverageOnHover: false });
    map.addLayer(markers);
    api("/static/vendor/world-atlas/countries-110m.json").then((world) => {
      const countries = topojson.feature(world, world.objects.countries);
      for (const f of countries.features) unwrapGeometry(f.geometry);
      L.geoJSON(countries, {
        style: { color: "#8a8f98", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
    }).catch((err) => status(`map borders: ${err.message}`, true));
  }

  // world-atlas rings are spherical: a country across the antimeridian (Russia, Fiji) jumps from
  // +180 to -180, and Antarctica goes round the pole. On a flat map, make each ring continuous and
  // close the pole-encircling ones along the pole, so that no stripes cross the world.
  function unwrapRing(ring) {
    const out = [[ring[0][0], ring[0][1]]];
    let shift = 0;
    for (let i = 1; i < ring.length; i++) {
      const d = ring[i][0] - ring[i - 1][0];
      if (d > 180) shift -= 360; else if (d < -180) shift += 360;
      out.push([ring[i][0] + shift, ring[i][1]]);
    }
    if (shift !== 0) {
      const pole = out.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
      out.push([out[out.length - 1][0], pole], [out[0][0], pole], [out[0][0], out[0][1]]);
    }
    return out;
  }

  function unwrapGeometry(g) {
    if (!g) return;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(unwrapRing));
  }

  function drawMap(events) {
    markers.clearLayers();
    const points = [];
    for (const e of events) {
      const loc = e.event_loc;
      if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null || loc.lon === undefined) continue;
      const colour = COLOURS[QUAD[e.event]] || "#4a5568";
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 8, color: "#fff", weight: 1.5, fillColor: colour, fillOpacity: 0.9, className: "event-marker",
      });
      marker.eventId = e.id;
      marker.bindTooltip(`${e.event}: ${actorLabel(e.actor)} → ${actorLabel(e.recipient)}, ${placeOf(e)}, ${dateLabel(e)}`);
      marker.on("click", () => selectEvent(e.id));
      markers.addLayer(marker);
      points.push([loc.lat, loc.lon]);
    }
    if (points.length && !$("#f-in-view").checked) {
      map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 5 });
    }
    return points.length;
  }

  // -- timeline -------------------------------------------------------------------------------

  let timeline = null;
  let timelineItems = null;
  function initTimeline() {
    timelineItems = new vis.DataSet();
    timeline = new vis.Timeline($("#timeline"), timelineItems, {
      height: "100%", stack: true, selectable: true, zoomMin: 1000 * 60 * 60 * 24, showCurrentTime: false,
      tooltip: { followMouse: true },
    });
    timeline.on("select", (props) => { if (props.items.length) selectEvent(String(props.items[0])); });
  }

  function span(e) {
    // an event dated to a month is drawn over the month: the page never claims more precision than the text
    const d = e.date;
    if (!d) return null;
    let m;
    if ((m = /^(\d{4})-W(\d{2})/.exec(d))) {
      const jan4 = new Date(Date.UTC(+m[1], 0, 4));
      const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2] - 1) * 7 * 864e5);
      return { start: monday, end: new Date(monday.getTime() + 7 * 864e5), type: "range" };
    }
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d))) return { start: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])), type: "point" };
    if ((m = /^(\d{4})-(\d{2})$/.exec(d))) return { start: new Date(Date.UTC(+m[1], +m[2] - 1, 1)), end: new Date(Date.UTC(+m[1], +m[2], 1)), type: "range" };
    if ((m = /^(\d{4})$/.exec(d))) return { start: new Date(Date.UTC(+m[1], 0, 1)), end: new Date(Date.UTC(+m[1] + 1, 0, 1)), type: "range" };
    return null;
  }

  function drawTimeline(events) {
    const items = [];
    for (const e of events) {
      const s = span(e);
      if (!s) continue;
      const codes = (e.actor || []).map((a) => a.code || a.entity_text).join("/") + "→" + (e.recipient || []).map((a) => a.code || a.entity_text).join("/");
      items.push({ id: e.id, content: `${e.event} ${codes}`, title: `${dateLabel(e)}: ${e.event}, ${actorLabel(e.actor)} → ${actorLabel(e.recipient)}`,
                   className: `q-${QUAD[e.event] || "other"} modality-${e.modality}`, ...s });
    }
    timelineItems.clear();
    timelineItems.add(items);
    if (items.length) {
      // fit with a margin, so that boxes at either end are not cut off
      const lo = Math.min(...items.map((i) => i.start.getTime()));
      const hi = Math.max(...items.map((i) => (i.end || i.start).getTime()));
      const pad = Math.max((hi - lo) * 0.08, 15 * 864e5);
      // labels of points run to the right of their dot: leave them more room on that side
      timeline.setWindow(new Date(lo - pad), new Date(hi + 3.5 * pad), { animation: false });
    }
    return items.length;
  }

  // -- network --------------------------------------------------------------------------------

  let network = null;
  let netNodes = null;
  let netEdges = null;
  function initNetwork() {
    netNodes = new vis.DataSet();
    netEdges = new vis.DataSet();
    network = new vis.Network($("#network"), { nodes: netNodes, edges: netEdges }, {
      nodes: { shape: "dot", font: { size: 14 }, color: { background: "#bee3f8", border: "#2b6cb0" },
               scaling: { min: 8, max: 30, label: { enabled: false } } },
      edges: { arrows: "to", smooth: { type: "curvedCW", roundness: 0.15 }, font: { size: 11, align: "middle" }, color: "#718096",
               scaling: { min: 1, max: 6, label: { enabled: false } } },
      physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
      interaction: { hover: true },
    });
    // lay out once per data change, then hold still: nodes stay where the reader saw them
    network.on("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      state.networkStable = true;
    });
    network.on("click", (props) => {
      if (props.nodes.length) {
        form.elements.actor.value = String(props.nodes[0]);
        state.offset = 0;
        refresh();
      }
    });
  }

  function drawNetwork(net) {
    state.networkStable = false;
    network.setOptions({ physics: { enabled: true } });
    netNodes.clear();
    netEdges.clear();
    netNodes.add(net.nodes.map((n) => ({ id: n.id, label: n.label, value: n.events, title: `${n.label}: ${n.events} events` })));
    netEdges.add(net.edges.map((e, i) => ({
      id: i, from: e.source, to: e.target, value: e.events,
      label: Object.entries(e.event_types).map(([k, v]) => (v > 1 ? `${k} ×${v}` : k)).join(", "),
      title: `${e.source} → ${e.target}: ${e.events} events`,
    })));
    network.stabilize(200);
    return net.nodes.length;
  }

  // -- list -----------------------------------------------------------------------------------

  function drawList(page) {
    const list = $("#event-list");
    list.replaceChildren();
    for (const e of page.items) {
      state.events.set(e.id, e);
      list.append(el("li", { class: `event-item q-${QUAD[e.event] || "other"}`, dataset: { id: e.id }, tabindex: 0,
                             onclick: () => selectEvent(e.id),
                             onkeydown: (ev) => { if (ev.key === "Enter") selectEvent(e.id); } },
        el("span", { class: "etype" }, e.event), " ",
        el("span", { class: "actors" }, `${actorLabel(e.actor)} → ${actorLabel(e.recipient)}`), " ",
        el("span", { class: `modality modality-${e.modality}` }, e.modality), " ",
        el("span", { class: "when" }, dateLabel(e)),
        placeOf(e) ? el("span", { class: "where" }, ` · ${placeOf(e)}`) : null));
    }
    const first = page.total ? page.offset + 1 : 0;
    $("#count").textContent = `${first}–${page.offset + page.items.length} of ${page.total}`;
    $("#prev").disabled = page.offset === 0;
    $("#next").disabled = page.offset + page.items.length >= page.total;
  }

  // -- refresh --------------------------------------------------------------------------------

  let generation = 0;
  async function refresh() {
    const mine = ++generation;
    const params = filterParams();
    const listParams = new URLSearchParams(params);
    listParams.set("limit", LIST_PAGE);
    listParams.set("offset", state.offset);
    const mapParams = new URLSearchParams(params);
    mapParams.set("limit", MAP_LIMIT);
    status("loading…");
    document.body.dataset.loading = "1";
    try {
      const [page, all, net] = await Promise.all([
        api(`/api/events?${listParams}`), api(`/api/events?${mapParams}`), api(`/api/network?${params}`),
      ]);
      if (mine !== generation) return;
      state.total = page.total;
      drawList(page);
      for (const e of all.items) state.events.set(e.id, e);
      const onMap = drawMap(all.items);
      const onTimeline = drawTimeline(all.items);
      const actors = drawNetwork(net);
      const capped = all.total > all.items.length ? ` (map and timeline show the first ${all.items.length})` : "";
      status(`${page.total} events; ${onMap} on the map, ${onTimeline} on the timeline, ${actors} actors${capped}`);
    } catch (err) {
      if (mine === generation) status(err.message, true);
    } finally {
      if (mine === generation) delete document.body.dataset.loading;
    }
  }

  // -- article view ---------------------------------------------------------------------------

  async function selectEvent(id) {
    state.selected = id;
    for (const li of document.querySelectorAll("#event-list li")) li.classList.toggle("selected", li.dataset.id === id);
    if (timeline && timelineItems.get(id)) timeline.setSelection([id]);
    try {
      const detail = await api(`/api/events/${encodeURIComponent(id)}`);
      const event = detail.event;
      const docId = (event.evidence[0] && event.evidence[0].doc_id) || (detail.articles[0] && detail.articles[0].doc_id);
      drawEventDetail(event, detail.articles);
      if (docId) await showArticle(docId, id);
      else {
        $("#article-meta").textContent = "This event cites no stored article.";
        $("#article-body").replaceChildren();
      }
      $("#article-panel").hidden = false;
      $("#article-panel").scrollIntoView({ block: "nearest" });
    } catch (err) {
      status(err.message, true);
    }
  }

  function attributionChain(attrs) {
    if (!attrs || !attrs.length) return el("span", { class: "attribution none" }, "stated by the article itself");
    return el("span", { class: "attribution" }, "according to ",
      attrs.map((a, i) => [i ? " ← " : "", el("span", { class: `attr attr-${a.kind}` }, a.text, el("small", {}, ` (${a.kind}${a.code ? ", " + a.code : ""})`))]));
  }

  function drawEventDetail(e, articles) {
    const box = $("#event-detail");
    box.replaceChildren(
      el("div", { class: "headline" },
        el("span", { class: `etype q-${QUAD[e.event] || "other"}` }, e.event),
        e.mode && e.mode.length ? el("small", {}, ` (${e.mode.join(", ")})`) : null, " ",
        el("span", { class: "actors" }, `${actorLabel(e.actor)} → ${actorLabel(e.recipient)}`)),
      el("dl", {},
        el("dt", {}, "Modality"), el("dd", {}, el("span", { class: `modality modality-${e.modality}`, id: "detail-modality" }, e.modality)),
        el("dt", {}, "Attribution"), el("dd", { id: "detail-attribution" }, attributionChain(e.attributed_to)),
        el("dt", {}, "When"), el("dd", {}, dateLabel(e), e.date_raw ? el("small", {}, ` “${e.date_raw}”`) : null),
        el("dt", {}, "Where"), el("dd", {}, placeOf(e) || "not located"),
        el("dt", {}, "Confidence"), el("dd", {}, (e.confidence || 0).toFixed(2)),
        el("dt", {}, "Reports"), el("dd", {}, `${e.num_articles} article(s), ${e.num_sources} source(s)`),
        el("dt", {}, "Articles"), el("dd", {}, articles.map((a, i) => [i ? ", " : "",
          el("a", { href: "#", class: "doc-link", onclick: (ev) => { ev.preventDefault(); showArticle(a.doc_id, e.id); } },
            a.title || a.doc_id)]))));
  }

  async function showArticle(docId, selectedId) {
    const view = await api(`/api/articles/${encodeURIComponent(docId)}`);
    const d = view.document;
    $("#article-meta").replaceChildren(
      el("h3", {}, d.title || "(untitled)"),
      el("p", { class: "meta" }, [d.publication, d.published, d.language && d.language.toUpperCase(),
        d.authors && d.authors.length ? `by ${d.authors.join(", ")}` : null].filter(Boolean).join(" · "),
        d.url ? [" · ", el("span", { class: "url" }, d.url)] : null),
      el("ul", { class: "article-events" }, view.events.map((e) => el("li", {},
        el("a", { href: "#", class: e.id === selectedId ? "current" : "", onclick: (ev) => { ev.preventDefault(); selectEvent(e.id); } },
          `${e.event}: ${actorLabel(e.actor)} → ${actorLabel(e.recipient)}`),
        " ", el("span", { class: `modality modality-${e.modality}` }, e.modality), " ", attributionChain(e.attributed_to)))));
    $("#article-body").replaceChildren(...highlight(view, selectedId));
  }

  function highlight(view, selectedId) {
    const body = view.body;
    const marks = [];
    for (const e of view.events) {
      for (const sp of e.evidence) {
        marks.push({ start: sp.start, end: sp.end, trig: false, id: e.id });
        if (sp.trigger) marks.push({ start: sp.trigger.start, end: sp.trigger.end, trig: true, id: e.id });
      }
    }
    const cuts = new Set([0, body.length]);
    for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
    const points = [...cuts].filter((x) => x >= 0 && x <= body.length).sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const text = body.slice(a, b);
      const over = marks.filter((m) => m.start <= a && m.end >= b);
      if (!over.length) { out.push(document.createTextNode(text)); continue; }
      const classes = ["ev"];
      if (over.some((m) => m.id === selectedId && !m.trig)) classes.push("ev-sel");
      if (over.some((m) => m.trig)) classes.push("trig");
      if (over.some((m) => m.trig && m.id === selectedId)) classes.push("trig-sel");
      const ids = [...new Set(over.map((m) => m.id))];
      const names = ids.map((id) => { const e = view.events.find((x) => x.id === id); return e ? `${e.event} (${e.modality})` : id; });
      out.push(el("mark", { class: classes.join(" "), title: names.join("; "), dataset: { events: ids.join(" ") },
                            onclick: () => { if (!ids.includes(selectedId)) selectEvent(ids[0]); } }, text));
    }
    return out;
  }

  // -- wiring ---------------------------------------------------------------------------------

  async function init() {
    initMap();
    initTimeline();
    initNetwork();
    form.addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; refresh(); });
    $("#reset-filters").addEventListener("click", () => { form.reset(); state.offset = 0; refresh(); });
    $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - LIST_PAGE); refresh(); });
    $("#next").addEventListener("click", () => { state.offset += LIST_PAGE; refresh(); });
    $("#close-article").addEventListener("click", () => { $("#article-panel").hidden = true; });
    for (const name of ["event", "modality"]) form.elements[name].addEventListener("change", () => { state.offset = 0; refresh(); });
    map.on("moveend", () => { if ($("#f-in-view").checked) { state.offset = 0; refresh(); } });
    $("#f-in-view").addEventListener("change", () => { state.offset = 0; refresh(); });
    try {
      const info = await api("/api/info");
      for (const t of info.event_types) $("#f-event").append(el("option", { value: t }, t));
      for (const m of info.modalities) $("#f-modality").append(el("option", { value: m }, m));
      const actors = await api("/api/actors?limit=200");
      for (const a of actors) if (a.code) $("#codes").append(el("option", { value: a.code }, a.names.join(", ")));
    } catch (err) {
      status(err.message, true);
    }
    await refresh();
    document.body.dataset.ready = "1";
  }

  window.eventwire = { state, refresh, selectEvent, get map() { return map; }, get markers() { return markers; },
                       get timeline() { return timeline; }, get network() { return network; },
                       get networkNodes() { return netNodes; } };
  document.addEventListener("DOMContentLoaded", init);
})();
