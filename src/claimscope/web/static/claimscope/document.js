// A document's page: a click on a highlighted span or a listed claim shows that claim's JSON and topics.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claims-data").textContent);
  var byId = {};
  data.claims.forEach(function (c) { byId[c.id] = c; });
  var detail = document.getElementById("claim-detail");

  function show(id) {
    var claim = byId[id];
    if (!claim) { return; }
    document.getElementById("claim-id").textContent = id;
    document.getElementById("claim-json").textContent = JSON.stringify(claim, null, 2);
    var topics = document.getElementById("claim-topics");
    topics.textContent = "";
    (data.topics[id] || []).forEach(function (t, i) {
      if (i) { topics.appendChild(document.createTextNode("; ")); }
      var a = document.createElement("a");
      a.href = "/topics/" + encodeURIComponent(t.id);
      a.textContent = t.label;
      topics.appendChild(a);
    });
    if (!(data.topics[id] || []).length) { topics.textContent = "none"; }
    detail.hidden = false;
    document.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); });
    document.querySelectorAll("[data-claims~='" + CSS.escape(id) + "'], .claim-item[data-claim='" + CSS.escape(id) + "']")
      .forEach(function (e) { e.classList.add("selected"); });
  }

  document.getElementById("doc-text").addEventListener("click", function (ev) {
    var span = ev.target.closest("[data-claims]");
    if (span) { show(span.dataset.claims.split(" ")[0]); }
  });
  document.querySelectorAll(".claim-item").forEach(function (item) {
    item.addEventListener("click", function () { show(item.dataset.claim); });
    item.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { show(item.dataset.claim); } });
  });
  if (location.hash.indexOf("#claim-") === 0) { show(decodeURIComponent(location.hash.slice(7))); }
})();
