// Render each chart spec (Vega-Lite JSON in a <script type="application/json">) with vega-embed, as SVG.
(function () {
  "use strict";
  document.querySelectorAll("div.vega[data-spec]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    if (!spec || !spec.layer && !spec.mark) {
      el.textContent = "no dated claims to chart";
      el.classList.add("empty");
      return;
    }
    vegaEmbed(el, spec, { renderer: "svg", actions: false })
      .then(function () { el.dataset.rendered = "1"; })
      .catch(function (err) { el.textContent = "chart failed: " + err.message; });
  });
})();
