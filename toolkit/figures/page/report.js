// The report's tables, filters and evidence, drawn from the JSON block of the page. No network.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const VOICE_NAMES = {authorial: "own words", quoted: "in quote marks", attributed: "reported speech"};
  const filters = {outlet: -1, category: -1, voice: -1, text: ""};
  const tables = [];
  const groupText = new Map();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "className") node.className = v; else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  const fmt = (v) => v === null || v === undefined ? "" : (typeof v === "number" ? v.toLocaleString("en") : v);
  const outletOfItem = (item) => data.docs[data.sentences[item[0]][0]][1];
  const voiceName = (i) => i < 0 ? "" : (VOICE_NAMES[data.voices[i]] || data.voices[i]);

  function textOfGroup(g) {
    if (!groupText.has(g)) {
      groupText.set(g, data.groups[g].slice(1).map((i) => data.sentences[data.items[i][0]][1]).join("\n").toLowerCase());
    }
    return groupText.get(g);
  }

  function itemPasses(i) {
    const item = data.items[i];
    if (filters.outlet >= 0 && outletOfItem(item) !== filters.outlet) return false;
    if (filters.voice >= 0 && item[3] >= 0 && item[3] !== filters.voice) return false;
    if (filters.category >= 0 && item[4] >= 0 && item[4] !== filters.category) return false;
    if (filters.text && !data.sentences[item[0]][1].toLowerCase().includes(filters.text)) return false;
    return true;
  }

  function rowPasses(row) {
    const [cells, links, outlets, categories, voices] = row;
    if (filters.outlet >= 0 && outlets.length && !outlets.includes(filters.outlet)) return false;
    if (filters.category >= 0 && categories.length && !categories.includes(filters.category)) return false;
    if (filters.voice >= 0 && voices.length && !voices.includes(filters.voice)) return false;
    if (filters.text) {
      const inCells = cells.some((c) => typeof c === "string" && c.toLowerCase().includes(filters.text));
      let inEvidence = false;
      for (let j = 1; j < links.length && !inEvidence; j += 2) inEvidence = textOfGroup(links[j]).includes(filters.text);
      if (!inCells && !inEvidence) return false;
    }
    return true;
  }

  // -- evidence ----------------------------------------------------------------------------
  function evidenceItem(i) {
    const item = data.items[i];
    const [doc, text] = data.sentences[item[0]];
    const outlet = data.docs[doc][1];
    const meta = el("p", {className: "meta"}, el("span", {className: "outlet"}, data.outlets[outlet][1]));
    if (item[3] >= 0) meta.append(" · ", el("span", {className: "voice voice-" + data.voices[item[3]]}, voiceName(item[3])));
    if (item[4] >= 0) meta.append(" · ", el("span", {className: "category"}, data.categories[item[4]]));
    if (item[5]) meta.append(" · ", el("span", {className: "note"}, item[5]));
    meta.append(" · ", el("span", {className: "doc"}, data.docs[doc][0]));
    const quote = el("blockquote", {});
    if (item[2] > item[1]) {
      quote.append(text.slice(0, item[1]), el("mark", {}, text.slice(item[1], item[2])), text.slice(item[2]));
    } else {
      quote.append(text);
    }
    return el("li", {className: "evidence-item"}, meta, quote);
  }

  const dialog = document.getElementById("evidence");
  function showEvidence(g, title, source, from) {
    const group = data.groups[g];
    const kept = group.slice(1);
    const shown = kept.filter(itemPasses);
    document.getElementById("evidence-h").textContent = title;
    const list = document.getElementById("evidence-list");
    list.replaceChildren(...shown.map(evidenceItem));
    let count = `${shown.length.toLocaleString("en")} sentence${shown.length === 1 ? "" : "s"} shown`;
    if (shown.length < kept.length) count += `; ${(kept.length - shown.length).toLocaleString("en")} hidden by the filters`;
    if (group[0] > kept.length) count += `. ${group[0].toLocaleString("en")} rows are behind this cell; the page keeps ${kept.length.toLocaleString("en")}, taken in turn from each outlet, and ${source} has them all`;
    document.getElementById("evidence-count").textContent = count + ".";
    // a non-modal dialog: a modal one makes the whole page inert, which costs a restyle of
    // every figure on each click; focus moves in, Escape or a click outside closes it, and
    // focus goes back to the number that opened it
    opener = from || document.activeElement;
    if (typeof dialog.show === "function") dialog.show(); else dialog.setAttribute("open", "");
    dialog.scrollTop = 0;
    document.getElementById("evidence-close").focus();
  }
  let opener = null;
  const closeEvidence = () => { if (dialog.open) dialog.close(); };
  document.getElementById("evidence-close").addEventListener("click", closeEvidence);
  dialog.addEventListener("close", () => { if (opener && opener.focus) opener.focus(); opener = null; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeEvidence(); });
  document.addEventListener("click", (e) => {
    if (dialog.open && !dialog.contains(e.target) && !(e.target.closest && e.target.closest("button.ev"))) closeEvidence();
  });

  // -- tables ------------------------------------------------------------------------------
  function Table(host, spec) {
    this.host = host; this.spec = spec; this.page = 0; this.size = 25; this.sort = null; this.desc = false;
    this.draw();
  }
  Table.prototype.rows = function () {
    let rows = this.spec.rows.filter(rowPasses);
    if (this.sort !== null) {
      const k = this.sort, sign = this.desc ? -1 : 1, numeric = this.spec.columns[k].numeric;
      const missing = (v) => v === null || v === undefined || v === "";
      rows = rows.slice().sort((a, b) => {
        const x = a[0][k], y = b[0][k];
        if (missing(x) || missing(y)) return missing(x) - missing(y);  // empty cells last, either way
        return sign * (numeric ? x - y : String(x).localeCompare(String(y), "en", {numeric: true}));
      });
    }
    return rows;
  };
  Table.prototype.draw = function () {
    const spec = this.spec, rows = this.rows();
    const pages = Math.max(1, Math.ceil(rows.length / this.size));
    this.page = Math.min(this.page, pages - 1);
    const first = this.page * this.size, shown = rows.slice(first, first + this.size);
    const caption = el("caption", {}, spec.caption);
    if (spec.note) caption.append(" ", el("span", {className: "note"}, spec.note));
    const head = el("tr", {});
    spec.columns.forEach((col, k) => {
      const sorted = this.sort === k ? (this.desc ? "descending" : "ascending") : null;
      const button = el("button", {type: "button", className: "sort", "data-focus": `sort-${k}`}, col.label);
      button.addEventListener("click", () => {
        this.desc = this.sort === k ? !this.desc : col.numeric; this.sort = k; this.draw();
      });
      head.append(el("th", {scope: "col", "aria-sort": sorted, className: col.numeric ? "num" : null}, button));
    });
    const body = el("tbody", {});
    for (const row of shown) {
      const links = new Map();
      for (let j = 0; j < row[1].length; j += 2) links.set(row[1][j], row[1][j + 1]);
      const tr = el("tr", {});
      row[0].forEach((value, k) => {
        const td = el(k === 0 ? "th" : "td", {scope: k === 0 ? "row" : null, className: spec.columns[k].numeric ? "num" : null});
        if (links.has(k)) {
          const g = links.get(k);
          const label = fmt(value) === "" ? String(data.groups[g][0]) : fmt(value);
          const about = row[0].filter((c, j) => j !== k && typeof c === "string" && c && !spec.columns[j].numeric
            && !links.has(j) && c.length <= 60 && !/^[\d.,%() -]+$/.test(c)).slice(0, 3);
          const title = `${spec.columns[k].label}: ${(about.length ? about : [row[0][0]]).join(" · ")}`;
          const button = el("button", {type: "button", className: "ev", "aria-haspopup": "dialog",
            "data-group": g, title: "Show the sentences behind this",
            "aria-label": `${label}. ${spec.columns[k].label}, ${row[0][0]}: show the sentences behind it`}, label);
          button.addEventListener("click", () =>
            showEvidence(g, title, (spec.sources || {})[spec.columns[k].label] || spec.source, button));
          td.append(button);
        } else {
          td.append(fmt(value));
        }
        tr.append(td);
      });
      body.append(tr);
    }
    const table = el("table", {}, caption, el("thead", {}, head), body);
    const pager = el("div", {className: "pager"});
    const name = spec.caption.replace(/[.;:].*$/, "");
    const prev = el("button", {type: "button", disabled: this.page === 0, "data-focus": "prev",
      "aria-label": `Previous rows: ${name}`}, "Previous");
    const next = el("button", {type: "button", disabled: this.page >= pages - 1, "data-focus": "next",
      "aria-label": `Next rows: ${name}`}, "Next");
    prev.addEventListener("click", () => { this.page -= 1; this.draw(); });
    next.addEventListener("click", () => { this.page += 1; this.draw(); });
    const size = el("select", {"aria-label": `Rows per page: ${name}`, "data-focus": "size"});
    for (const n of [25, 100, 500]) size.append(el("option", {value: n, selected: n === this.size}, `${n} rows a page`));
    size.addEventListener("change", () => { this.size = Number(size.value); this.page = 0; this.draw(); });
    const total = spec.rows.length;
    const status = rows.length
      ? `Rows ${(first + 1).toLocaleString("en")}–${(first + shown.length).toLocaleString("en")} of ${rows.length.toLocaleString("en")}`
        + (rows.length < total ? ` (${total.toLocaleString("en")} before filtering)` : "")
      : `No row matches the filters (${total.toLocaleString("en")} rows in all)`;
    pager.append(el("span", {className: "rows", role: "status"}, status), prev, next, size,
      el("span", {className: "file"}, `All rows: ${spec.source}`));
    // a redraw replaces the table: the control that had focus gets it back
    const focused = this.host.contains(document.activeElement) && document.activeElement.dataset
      ? document.activeElement.dataset.focus : null;
    this.host.replaceChildren(el("div", {className: "scroll"}, table), pager);
    if (focused) {
      const again = this.host.querySelector(`[data-focus="${focused}"]`);
      if (again && !again.disabled) again.focus(); else if (again) this.host.querySelector("[data-focus=size]").focus();
    }
  };

  // -- the search list ---------------------------------------------------------------------
  let searchPage = 0;
  const SEARCH_PAGE = 50;
  let readingOrder = null;  // every item, by document, then place in it
  function drawSearch() {
    const host = document.getElementById("search-results");
    if (readingOrder === null) {
      const key = (i) => { const s = data.sentences[data.items[i][0]]; return [s[0], s[2], data.items[i][1], i]; };
      readingOrder = data.items.map((_, i) => key(i)).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3])
        .map((k) => k[3]);
    }
    const matches = readingOrder.filter(itemPasses);
    const pages = Math.max(1, Math.ceil(matches.length / SEARCH_PAGE));
    searchPage = Math.min(searchPage, pages - 1);
    const shown = matches.slice(searchPage * SEARCH_PAGE, (searchPage + 1) * SEARCH_PAGE);
    const prev = el("button", {type: "button", disabled: searchPage === 0}, "Previous");
    const next = el("button", {type: "button", disabled: searchPage >= pages - 1}, "Next");
    prev.addEventListener("click", () => { searchPage -= 1; drawSearch(); });
    next.addEventListener("click", () => { searchPage += 1; drawSearch(); });
    const status = matches.length
      ? `Evidence ${(searchPage * SEARCH_PAGE + 1).toLocaleString("en")}–${(searchPage * SEARCH_PAGE + shown.length).toLocaleString("en")} of ${matches.length.toLocaleString("en")}`
      : "No evidence matches the filters";
    host.replaceChildren(el("div", {className: "pager"}, el("span", {className: "rows", role: "status"}, status), prev, next),
      el("ol", {className: "evidence-list", id: "search-list"}, ...shown.map(evidenceItem)));
  }

  // -- filters -----------------------------------------------------------------------------
  function options(select, names) {
    names.forEach((name, i) => select.append(el("option", {value: i}, name)));
  }
  const order = (names) => names.map((n, i) => [n, i]).sort((a, b) => a[0].localeCompare(b[0], "en"));
  const outletSelect = document.getElementById("filter-outlet");
  for (const [name, i] of order(data.outlets.map((o) => o[1]))) outletSelect.append(el("option", {value: i}, name));
  options(document.getElementById("filter-category"), data.categories);
  options(document.getElementById("filter-voice"), data.voices.map((v, i) => voiceName(i)));

  function describeFilters() {
    const parts = [];
    if (filters.outlet >= 0) parts.push(`outlet ${data.outlets[filters.outlet][1]}`);
    if (filters.category >= 0) parts.push(`category ${data.categories[filters.category]}`);
    if (filters.voice >= 0) parts.push(`voice: ${voiceName(filters.voice)}`);
    if (filters.text) parts.push(`text “${filters.text}”`);
    return parts.length ? `Showing only ${parts.join("; ")}. Rows with no such dimension stay.` : "No filter: every row shows.";
  }
  let timer = null;
  function apply() {
    const read = (id) => { const v = document.getElementById(id).value; return v === "" ? -1 : Number(v); };
    filters.outlet = read("filter-outlet"); filters.category = read("filter-category"); filters.voice = read("filter-voice");
    filters.text = document.getElementById("filter-text").value.trim().toLowerCase();
    closeEvidence();  // what it showed was chosen under the old filters
    for (const t of tables) { t.page = 0; t.draw(); }
    searchPage = 0; drawSearch();
    document.getElementById("filter-status").textContent = describeFilters();
  }
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => e.preventDefault());
  for (const id of ["filter-outlet", "filter-category", "filter-voice"]) document.getElementById(id).addEventListener("change", apply);
  document.getElementById("filter-text").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 200); });
  form.addEventListener("reset", () => setTimeout(apply, 0));

  for (const host of document.querySelectorAll("div.table[data-table]")) {
    const spec = data.tables[host.dataset.table];
    if (spec) tables.push(new Table(host, spec));
  }
  drawSearch();
  document.getElementById("filter-status").textContent = describeFilters();
  document.body.dataset.ready = String(Math.round(performance.now()));
})();
