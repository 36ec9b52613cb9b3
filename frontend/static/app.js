// convene: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen readers announce what went wrong.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Live counts (organisers' dashboard, check-in page): refresh every 5 seconds.
  var live = document.querySelector("[data-live-url]");
  if (live && window.fetch) {
    var refresh = function () {
      fetch(live.getAttribute("data-live-url"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (counts) {
          if (!counts) { return; }
          Object.keys(counts).forEach(function (key) {
            var el = live.querySelector('[data-count="' + key + '"]');
            if (el && el.textContent !== counts[key]) { el.textContent = counts[key]; }
          });
        })
        .catch(function () {});
    };
    setInterval(refresh, 5000);
  }

  // Pages that follow work in progress (a stage screen, a bulk job) mark the region that
  // changes with data-refresh="<seconds>": it is fetched again and replaced in place (its
  // aria-live announces the change), until the page no longer asks for it. Without this file,
  // such pages offer a reload link.
  var region = document.querySelector("[data-refresh][id]");
  if (region && window.fetch && window.DOMParser) {
    var follow = function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          var next = html && new DOMParser().parseFromString(html, "text/html").getElementById(region.id);
          if (!next) { return; }
          if (next.innerHTML !== region.innerHTML) { region.innerHTML = next.innerHTML; }
          var seconds = parseInt(next.getAttribute("data-refresh") || "0", 10);
          if (seconds > 0) { setTimeout(follow, seconds * 1000); }
        })
        .catch(function () {});
    };
    setTimeout(follow, parseInt(region.getAttribute("data-refresh"), 10) * 1000);
  }

  // Check-in: scan the QR code with the camera where the browser has a BarcodeDetector;
  // the typed code stays the fallback.
  var form = document.getElementById("checkin-form");
  if (form && "BarcodeDetector" in window && navigator.mediaDevices) {
    var scanner = form.querySelector(".scanner");
    var start = document.getElementById("scan-start");
    var video = document.getElementById("scan-video");
    var code = document.getElementById("code");
    scanner.hidden = false;
    start.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var tick = function () {
          detector.detect(video).then(function (found) {
            if (found.length > 0) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              code.value = found[0].rawValue;
              form.submit();
            } else {
              requestAnimationFrame(tick);
            }
          }).catch(function () { requestAnimationFrame(tick); });
        };
        tick();
      }).catch(function () { scanner.hidden = true; });
    });
  }
})();

// Registration form: show only the questions asked for the chosen ticket type.
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[name=ticket_type_id]");
  if (radios.length === 0) { return; }
  var update = function () {
    var chosen = document.querySelector("input[name=ticket_type_id]:checked");
    document.querySelectorAll(".question[data-tickets]").forEach(function (q) {
      var ids = q.getAttribute("data-tickets").split(" ");
      q.hidden = chosen !== null && ids.indexOf(chosen.value) < 0;
    });
  };
  radios.forEach(function (r) { r.addEventListener("change", update); });
  update();
})();

// Call page: count down to the submission deadline, in the page's language. The server renders
// the first value, so the page reads well without JavaScript; this keeps it current.
(function () {
  "use strict";
  var el = document.querySelector("[data-countdown]");
  if (!el || typeof Intl === "undefined" || !Intl.NumberFormat) { return; }
  var to = Date.parse(el.getAttribute("data-countdown"));
  var lang = document.documentElement.lang || "en";
  var unit = function (n, u) {
    try {
      return new Intl.NumberFormat(lang, { style: "unit", unit: u, unitDisplay: "long" }).format(n);
    } catch (e) { return n + " " + u; }
  };
  var render = function () {
    var left = Math.max(0, Math.floor((to - Date.now()) / 1000));
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600);
    var m = Math.floor(left % 3600 / 60), s = left % 60;
    var parts = d > 0 ? [unit(d, "day"), unit(h, "hour"), unit(m, "minute")]
                      : [unit(h, "hour"), unit(m, "minute"), unit(s, "second")];
    el.textContent = parts.join(", ");
    if (left === 0) { clearInterval(timer); el.textContent = el.getAttribute("data-closed") || el.textContent; }
  };
  var timer = setInterval(render, 1000);
  render();
})();

// Submission form: characters left in the abstract.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-maxchars]").forEach(function (area) {
    var max = parseInt(area.getAttribute("data-maxchars"), 10);
    var out = document.createElement("p");
    out.className = "hint";
    out.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", out);
    var update = function () {
      var n = Array.from(area.value).length;
      out.textContent = n + " / " + max;
      out.classList.toggle("field-error", n > max);
    };
    area.addEventListener("input", update);
    update();
  });
})();
