// artdiff HTML report: class toggles, counterpart highlighting, and the detail panel (word diff,
// key terms, fact conflicts). The page is complete without this script; it only adds
// behaviour. Article text is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var source = document.getElementById("artdiff-data");
  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (e) {
    return;
  }
  var body = document.body;
  body.classList.remove("nojs");
  body.classList.add("js");
  var panel = document.getElementById("detail");
  var selected = null;
  var hovered = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function ref(a, p) {
    return (a + 1) + ":" + (p + 1);
  }
  function node(a, p) {
    return document.getElementById("p-" + a + "-" + p);
  }
  function info(a, p) {
    var art = data.articles[a];
    return art && art.passages[p] ? art.passages[p] : null;
  }
  function matchesOf(a, p) {
    var d = info(a, p);
    return d ? d.matches : [];
  }
  function nameOf(a) {
    var art = data.articles[a];
    return art ? art.name : "?";
  }
  function textOf(a, p) {
    var n = node(a, p);
    var t = n ? n.querySelector(".t") : null;
    return t ? t.textContent : "";
  }
  function fixed(x) {
    return typeof x === "number" ? x.toFixed(2) : "–";
  }
  function where(n) {
    return { a: Number(n.getAttribute("data-a")), p: Number(n.getAttribute("data-p")) };
  }

  // Class toggles: a body class per hidden class (the CSS also reads the boxes directly).
  Array.prototype.forEach.call(document.querySelectorAll("input[data-class]"), function (box) {
    var apply = function () {
      body.classList.toggle("hide-" + box.getAttribute("data-class"), !box.checked);
    };
    box.addEventListener("change", apply);
    apply();
  });

  function markCounterparts(n, cls, on) {
    var w = where(n);
    matchesOf(w.a, w.p).forEach(function (m) {
      var c = node(m.article, m.passage);
      if (c) c.classList.toggle(cls, on);
    });
  }

  // Scrolls n into view inside its column when the column scrolls on its own (wide layout),
  // above the detail panel when it is open; leaves the page where it is. Narrow layout: only
  // the selected passage (own) is moved, by scrolling the page, if the panel hides it.
  function reveal(n, own) {
    var box = n.closest(".col-body");
    if (!box) return;
    var r = n.getBoundingClientRect();
    var limit = panel.hidden ? window.innerHeight : panel.getBoundingClientRect().top - 8;
    var overflow = getComputedStyle(box).overflowY;
    if (overflow !== "auto" && overflow !== "scroll") {
      if (own && r.bottom > limit) window.scrollBy({ top: r.top - 80, behavior: smooth() });
      return;
    }
    var b = box.getBoundingClientRect();
    var bottom = Math.min(b.bottom, limit);
    if (r.top >= b.top + 8 && r.bottom <= bottom) return;
    var top = r.top - b.top + box.scrollTop - Math.max(16, (bottom - b.top) * 0.2);
    box.scrollTo({ top: Math.max(0, top), behavior: smooth() });
  }
  function smooth() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
      ? "auto"
      : "smooth";
  }

  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".p.sel, .p.cp"), function (n) {
      n.classList.remove("sel", "cp");
    });
    selected = null;
    body.classList.remove("has-sel", "detail-open");
    panel.hidden = true;
    panel.textContent = "";
  }

  function select(n) {
    clear();
    selected = n;
    n.classList.add("sel");
    body.classList.add("has-sel");
    var w = where(n);
    show(w.a, w.p);
    reveal(n, true);
    var columns = {};
    matchesOf(w.a, w.p).forEach(function (m) {
      var c = node(m.article, m.passage);
      if (!c) return;
      c.classList.add("cp");
      if (!columns[m.article]) {
        columns[m.article] = true;
        reveal(c, false);
      }
    });
  }

  // Selects n and brings it into view (references, "Go to" buttons): the page to the
  // articles, n's column to n.
  function go(n) {
    var col = n.closest(".col");
    if (col) {
      var c = col.getBoundingClientRect();
      if (c.top > window.innerHeight * 0.5 || c.bottom < 80) {
        document.getElementById("articles").scrollIntoView({ behavior: "auto" });
      }
    }
    select(n);
    n.classList.remove("flash");
    void n.offsetWidth;
    n.classList.add("flash");
    n.focus({ preventScroll: true });
  }
  document.addEventListener("animationend", function (ev) {
    if (ev.target.classList) ev.target.classList.remove("flash");
  });

  function reading(text, other) {
    return el("span", other ? "reading other" : "reading", text);
  }

  function show(a, p) {
    var d = info(a, p);
    panel.textContent = "";
    if (!d) return;
    var head = el("div", "d-head");
    var sw = el("span", "swatch " + d.class, d.marker);
    sw.setAttribute("aria-hidden", "true");
    head.appendChild(sw);
    head.appendChild(el("h2", null, ref(a, p) + " · " + nameOf(a)));
    head.appendChild(el("span", "muted", d.class));
    var close = el("button", "close", "Close ✕");
    close.type = "button";
    close.addEventListener("click", clear);
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("p", "d-text", textOf(a, p)));
    if (!d.matches.length) {
      panel.appendChild(el("p", "none", d.class === "boilerplate"
        ? "Boilerplate (web chrome): not compared with the other articles."
        : "No counterpart in the other articles."));
    }
    if (d.class === "unique") showNear(d.near || []);
    d.matches.forEach(function (m) {
      var here = ref(a, p);
      var there = ref(m.article, m.passage);
      var box = el("div", "link");
      var lh = el("div", "link-head");
      lh.appendChild(el("span", "title", "↔ " + there + " · " + nameOf(m.article)));
      lh.appendChild(el("span", "kind " + m.kind, m.kind));
      lh.appendChild(el("span", "scores", "score " + fixed(m.score) + " · verbatim " +
        fixed(m.verbatim) + " · paraphrase " + fixed(m.paraphrase)));
      var goto = el("button", "go", "Go to " + there);
      goto.type = "button";
      goto.addEventListener("click", function () {
        var c = node(m.article, m.passage);
        if (c) go(c);
      });
      lh.appendChild(goto);
      box.appendChild(lh);

      var other = el("p", "row other");
      other.appendChild(el("span", "label", "Counterpart"));
      other.appendChild(document.createTextNode(" " + textOf(m.article, m.passage)));
      box.appendChild(other);

      m.conflicts.forEach(function (c) {
        var row = el("p", "row conflict");
        row.appendChild(document.createTextNode("⚠ " + c.kind + " conflict: " + here + " says "));
        row.appendChild(reading(c.a, false));
        row.appendChild(document.createTextNode(", " + there + " says "));
        row.appendChild(reading(c.b, true));
        box.appendChild(row);
      });

      if (m.diff.length) {
        var diff = el("p", "row diff");
        diff.appendChild(el("span", "label", "Word diff"));
        m.diff.forEach(function (run) {
          diff.appendChild(document.createTextNode(" "));
          if (run.op === "delete") diff.appendChild(el("del", null, run.text));
          else if (run.op === "insert") diff.appendChild(el("ins", null, run.text));
          else diff.appendChild(document.createTextNode(run.text));
        });
        diff.appendChild(el("span", "diff-key",
          "struck: only in " + here + " · underlined: only in " + there));
        box.appendChild(diff);
      }

      if (m.terms.length) {
        var terms = el("p", "row");
        terms.appendChild(el("span", "label", "Key terms"));
        terms.appendChild(document.createTextNode(" "));
        m.terms.forEach(function (t) {
          terms.appendChild(el("span", "term", t));
        });
        box.appendChild(terms);
      }
      panel.appendChild(box);
    });
    panel.hidden = false;
    panel.scrollTop = 0;
    body.classList.add("detail-open");
  }

  // "Why unique?": the candidates that came closest, below the thresholds.
  function showNear(near) {
    if (!near.length) {
      panel.appendChild(el("p", "none", "No candidate came close."));
      return;
    }
    var box = el("div", "near");
    box.appendChild(el("h3", null, "Closest (below thresholds)"));
    near.forEach(function (n) {
      var row = el("div", "near-row");
      var lh = el("div", "link-head");
      lh.appendChild(el("span", "title", n.reference + " · " + nameOf(n.article)));
      lh.appendChild(el("span", "scores", n.score_name + " " + fixed(n.score) +
        " (" + (n.score >= n.threshold ? "clears " : "needs ") + fixed(n.threshold) + ") · verbatim " + fixed(n.verbatim) +
        " · paraphrase " + fixed(n.paraphrase)));
      var goto = el("button", "go", "Go to " + n.reference);
      goto.type = "button";
      goto.addEventListener("click", function () {
        var c = node(n.article, n.passage);
        if (c) go(c);
      });
      lh.appendChild(goto);
      row.appendChild(lh);
      n.notes.forEach(function (note) {
        row.appendChild(el("p", "row muted", note));
      });
      if (n.terms.length) {
        var terms = el("p", "row");
        terms.appendChild(el("span", "label", "Shares"));
        terms.appendChild(document.createTextNode(" "));
        n.terms.forEach(function (t) {
          terms.appendChild(el("span", "term", t));
        });
        row.appendChild(terms);
      }
      if (n.differs.length) {
        var differs = el("p", "row");
        differs.appendChild(el("span", "label", "Differs"));
        differs.appendChild(document.createTextNode(" " + n.differs.join(", ")));
        row.appendChild(differs);
      }
      n.conflicts.forEach(function (c) {
        var conflict = el("p", "row conflict");
        conflict.appendChild(document.createTextNode("⚠ " + c.kind + ": "));
        conflict.appendChild(reading(c.a, false));
        conflict.appendChild(document.createTextNode(" ≠ "));
        conflict.appendChild(reading(c.b, true));
        row.appendChild(conflict);
      });
      box.appendChild(row);
    });
    panel.appendChild(box);
  }

  document.addEventListener("mouseover", function (ev) {
    var n = ev.target.closest ? ev.target.closest(".col-body .p") : null;
    if (n === hovered) return;
    if (hovered) {
      hovered.classList.remove("hover");
      markCounterparts(hovered, "cp-hover", false);
    }
    hovered = n;
    if (n) {
      n.classList.add("hover");
      markCounterparts(n, "cp-hover", true);
    }
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t.closest) return;
    var link = t.closest("a.ref");
    if (link) {
      var target = document.getElementById((link.getAttribute("href") || "").slice(1));
      if (target && target.classList.contains("p")) {
        ev.preventDefault();
        go(target);
      }
      return;
    }
    if (t.closest("#detail")) return;
    var n = t.closest(".col-body .p");
    if (!n) return;
    if (n === selected) clear();
    else select(n);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && selected) {
      clear();
      return;
    }
    var n = document.activeElement;
    if ((ev.key === "Enter" || ev.key === " ") && n && n.classList && n.classList.contains("p")) {
      ev.preventDefault();
      if (n === selected) clear();
      else select(n);
    }
  });

  var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (start && start.classList.contains("p")) select(start);
})();
