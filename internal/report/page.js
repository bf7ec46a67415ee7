// ccerr report page: applies the filters in the browser. The page is
// complete without this script; it only redraws the chart, the table and
// the share for the chosen period, error, model and user, with the same
// geometry as the Go code that drew them (chart.go).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("ccerr-data").textContent);
  var form = document.getElementById("filters");
  var svg = document.getElementById("chart");
  // Served live (ccerr collect), the server applies the filters itself.
  if (!form || !svg || D.Live) { return; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  function fmt(f, args) {
    var i = 0;
    return f.replace(/%[sd]/g, function () { return String(args[i++]); });
  }
  function val(name) { var el = form.elements[name]; return el ? el.value : ""; }

  // Table cells keep their whole-report values to restore them.
  var rows = document.querySelectorAll("#errors tbody tr");
  rows.forEach(function (tr) {
    tr.querySelectorAll("[data-col]").forEach(function (td) { td.setAttribute("data-orig", td.textContent); });
  });

  function apply() {
    var period = val("period"), entry = val("entry"), model = val("model"), user = val("user");
    var active = !!(period || entry || model || user);
    var i0 = 0;
    if (period && D.Periods[period]) {
      i0 = Math.max(0, Math.floor((D.Now - D.Periods[period] - D.From) / D.Step));
    }
    var n = Math.max(D.n - i0, 1);
    var mIdx = model ? D.Models.indexOf(model) + 1 : 0, uIdx = user ? D.Users.indexOf(user) + 1 : 0;
    var f = {}, r = {}, per = {}, them = 0, total = 0;
    D.Cells.forEach(function (c) {
      var e = D.Entries[c[1]];
      if (c[0] < i0 || (entry && e.id !== entry) || (mIdx && c[2] !== mIdx) || (uIdx && c[3] !== uIdx)) { return; }
      var k = c[0] + ":" + c[1];
      f[k] = (f[k] || 0) + c[4];
      r[k] = (r[k] || 0) + c[5];
      var p = per[e.id] || (per[e.id] = { f: 0, r: 0, lo: Infinity, hi: -Infinity });
      p.f += c[4]; p.r += c[5];
      var at = D.From + c[0] * D.Step;
      p.lo = Math.min(p.lo, at); p.hi = Math.max(p.hi, at);
      total += c[4] + c[5];
      if (e.a || D.Inside[c[0]]) { them += c[4] + c[5]; }
    });

    // Chart.
    var plotW = D.W - D.L - D.R, half = (D.H - D.T - D.B) / 2, y0 = D.T + half, slot = plotW / n;
    var fsum = {}, rsum = {}, fmax = 0, rmax = 0;
    Object.keys(f).forEach(function (k) {
      var i = k.split(":")[0];
      fsum[i] = (fsum[i] || 0) + f[k]; rsum[i] = (rsum[i] || 0) + r[k];
      fmax = Math.max(fmax, fsum[i]); rmax = Math.max(rmax, rsum[i]);
    });
    document.getElementById("fmax").textContent = fmax;
    document.getElementById("rmax").textContent = rmax;
    var gap = slot * 0.1, w = Math.max(slot - 2 * gap, 0.5), facc = {}, racc = {};
    svg.querySelectorAll("g.series").forEach(function (g, e) {
      var shown = !entry || g.getAttribute("data-entry") === entry;
      g.setAttribute("display", shown ? "inline" : "none");
      g.querySelectorAll("rect").forEach(function (rect) {
        var i = +rect.getAttribute("data-i"), fin = rect.getAttribute("data-k") === "f";
        var v = (fin ? f : r)[i + ":" + e] || 0;
        if (!shown || i < i0 || v === 0) { rect.setAttribute("display", "none"); return; }
        rect.setAttribute("display", "inline");
        var h = v / Math.max(fin ? fmax : rmax, 1) * half, x = D.L + (i - i0) * slot + gap;
        rect.setAttribute("x", x.toFixed(1));
        rect.setAttribute("width", w.toFixed(1));
        rect.setAttribute("height", h.toFixed(1));
        if (fin) {
          facc[i] = (facc[i] || 0) + h;
          rect.setAttribute("y", (y0 - facc[i]).toFixed(1));
        } else {
          rect.setAttribute("y", (y0 + (racc[i] || 0)).toFixed(1));
          racc[i] = (racc[i] || 0) + h;
        }
      });
    });
    var every = Math.ceil(n / D.MaxTicks);
    svg.querySelectorAll("text.tick").forEach(function (t) {
      var i = +t.getAttribute("data-i");
      var shown = i >= i0 && (i - i0) % every === 0;
      t.setAttribute("display", shown ? "inline" : "none");
      if (shown) { t.setAttribute("x", (D.L + (i - i0) * slot + slot / 2).toFixed(1)); }
    });
    svg.querySelectorAll("rect.band").forEach(function (b) {
      var a = +b.getAttribute("data-i0"), z = +b.getAttribute("data-i1");
      if (z <= i0) { b.setAttribute("display", "none"); return; }
      a = Math.max(a, i0);
      b.setAttribute("display", "inline");
      b.setAttribute("x", (D.L + (a - i0) * slot).toFixed(1));
      b.setAttribute("width", Math.max(1, (z - a) * slot).toFixed(1));
    });
    document.querySelectorAll(".legend li[data-entry]").forEach(function (li) {
      li.hidden = !!entry && li.getAttribute("data-entry") !== entry;
    });

    // Table.
    rows.forEach(function (tr) {
      var p = per[tr.getAttribute("data-entry")];
      tr.hidden = !p;
      if (!p) { return; }
      tr.querySelectorAll("[data-col]").forEach(function (td) {
        var col = td.getAttribute("data-col"), orig = td.getAttribute("data-orig");
        if (!active) { td.textContent = orig; return; }
        if (col === "count") { td.textContent = p.f + p.r; }
        if (col === "final") { td.textContent = p.f; }
        if (col === "retried") { td.textContent = p.r; }
        if (col === "people" || col === "users") { td.textContent = "—"; }
        if (col === "first") { td.textContent = (orig !== "—" && orig >= stamp(p.lo)) ? orig : stamp(p.lo); }
        if (col === "last") { td.textContent = (orig !== "—" && orig < stamp(p.hi + D.Step)) ? orig : stamp(p.hi); }
      });
    });
    var note = document.getElementById("filtered-note");
    if (note) { note.hidden = !active; }

    // Them or me.
    var share = document.getElementById("share");
    var bar = share && share.querySelector(".share");
    if (bar && total > 0) {
      var pct = them * 100 / total;
      bar.querySelector(".them").style.width = pct.toFixed(1) + "%";
      bar.querySelector(".me").style.width = (100 - pct).toFixed(1) + "%";
      document.getElementById("share-them").textContent = fmt(D.Them, [Math.round(pct) + "%", them, total]);
      document.getElementById("share-me").textContent = fmt(D.Me, [Math.round(100 - pct) + "%", total - them, total]);
    }
  }

  // A link may carry filters after the #, e.g. #period=7d&entry=overloaded.
  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h) { return; }
    h.split("&").forEach(function (kv) {
      var p = kv.split("="), el = form.elements[decodeURIComponent(p[0])];
      if (el && p.length === 2) { el.value = decodeURIComponent(p[1]); }
    });
    apply();
  }
  function toHash() {
    var parts = [];
    ["period", "entry", "model", "user"].forEach(function (k) {
      var v = val(k);
      if (v) { parts.push(k + "=" + encodeURIComponent(v)); }
    });
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
    } catch (e) { /* some browsers refuse it for files on disk */ }
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); toHash(); });
  form.addEventListener("change", function () { apply(); toHash(); });
  fromHash();
})();
