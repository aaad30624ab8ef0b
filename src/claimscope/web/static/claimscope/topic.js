// A topic's timeline groups load their claims (reasons, split boxes) when first opened: the page itself
// carries only a summary row per group. The fragment is HTML the server escaped like every page.
(function () {
  "use strict";
  document.querySelectorAll("details[data-fragment]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open || details.dataset.loaded) { return; }
      details.dataset.loaded = "loading";
      var target = details.querySelector(".group-claims");
      fetch(details.dataset.fragment, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.text();
        })
        .then(function (html) { target.innerHTML = html; details.dataset.loaded = "1"; })
        .catch(function (err) { target.textContent = "could not load the claims: " + err.message; });
    });
  });
})();
