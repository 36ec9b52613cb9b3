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
