// The workspace's own script. Loaded after htmx (and Chart.js on a bank's page), all from this node:
// the content security policy allows nothing else, and no inline script or style.
//
// - Live updates: the node pushes freshly rendered panels as server-sent events named "panel"; each
//   top-level element of an event replaces the element with the same id, and htmx wires its buttons.
// - Actions: htmx posts them; every request carries the session's CSRF token from the page's meta tags.
// - The intraday liquidity chart is drawn from the data its panel carries, again after every update.
(function () {
  "use strict";
  var status = document.getElementById("live-status");

  function show(state, text) {
    if (status) {
      status.setAttribute("data-state", state);
      status.textContent = text;
    }
  }

  function meta(name) {
    var element = document.querySelector("meta[name='" + name + "']");
    return element ? element.getAttribute("content") : null;
  }

  // CSRF: the token of this page's session, as a header on every htmx request (pushed panels carry none).
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // A button with data-dismiss="#id" empties that element (the suspension form's "keep active").
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-dismiss]") : null;
    if (button) {
      var target = document.querySelector(button.getAttribute("data-dismiss"));
      if (target) {
        target.textContent = "";
      }
    }
  });

  // --- The intraday liquidity chart ---------------------------------------------------------------

  function timeOfDay(minutes) {
    var whole = Math.max(0, Math.min(24 * 60, Math.round(minutes)));
    var hours = Math.floor(whole / 60);
    var rest = whole % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function amount(value, scale) {
    return Number(value).toLocaleString("en-US", { minimumFractionDigits: scale, maximumFractionDigits: scale });
  }

  function chartConfig(series) {
    // The axis spans the day's activity, from an hour before its first movement to an hour after now,
    // in whole hours. The balance at its left edge is a point of its own: the chart scales its amounts
    // to the points it shows, and the day's opening balance may lie further left.
    var firstMovement = series.points.length > 1 ? series.points[1][0] : series.now;
    var from = Math.max(0, Math.floor((Math.min(firstMovement, series.now) - 60) / 60) * 60);
    var to = Math.min(24 * 60, Math.ceil((series.now + 60) / 60) * 60);
    var hoursShown = (to - from) / 60;
    var points = [];
    series.points.forEach(function (point) {
      var shown = { x: Math.max(from, point[0]), y: Number(point[1]) };
      if (points.length && points[points.length - 1].x === shown.x) {
        points[points.length - 1] = shown;
      } else {
        points.push(shown);
      }
    });
    // The balance holds until now: the line runs on to the current minute.
    var last = points[points.length - 1];
    if (last && series.now > last.x) {
      points.push({ x: series.now, y: last.y });
    }
    return {
      type: "line",
      data: {
        datasets: [{
          label: series.currency + " balance",
          data: points,
          stepped: true,
          borderColor: "#0b5cad",
          backgroundColor: "rgba(11, 92, 173, 0.08)",
          fill: "start",
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 4
        }]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        scales: {
          x: {
            type: "linear", min: from, max: to,
            ticks: { stepSize: hoursShown <= 8 ? 60 : 180, callback: function (value) { return timeOfDay(value); } },
            grid: { color: "#eef1f5" }
          },
          y: {
            beginAtZero: false,
            ticks: { callback: function (value) { return amount(value, 0); } },
            grid: { color: "#eef1f5" }
          }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? timeOfDay(items[0].parsed.x) : ""; },
              label: function (item) { return series.currency + " " + amount(item.parsed.y, series.scale); }
            }
          }
        }
      }
    };
  }

  function drawCharts(root) {
    if (!window.Chart) {
      return;
    }
    root.querySelectorAll("figure.intraday").forEach(function (figure) {
      var canvas = figure.querySelector("canvas");
      if (!canvas || window.Chart.getChart(canvas)) {
        return;
      }
      try {
        new window.Chart(canvas, chartConfig(JSON.parse(figure.getAttribute("data-series"))));
      } catch (unreadable) {
        figure.setAttribute("data-chart", "unavailable");
      }
    });
  }

  function forgetCharts(root) {
    if (!window.Chart) {
      return;
    }
    root.querySelectorAll("canvas").forEach(function (canvas) {
      var chart = window.Chart.getChart(canvas);
      if (chart) {
        chart.destroy();
      }
    });
  }

  drawCharts(document);

  // --- Live updates ---------------------------------------------------------------------------------

  var url = document.body.getAttribute("data-events");
  if (!url || !window.EventSource) {
    show("off", "no live updates");
    return;
  }

  var source = new EventSource(url);
  source.addEventListener("open", function () {
    show("live", "live");
  });
  source.addEventListener("error", function () {
    // EventSource reconnects by itself unless the node refused the stream (CLOSED).
    if (source.readyState === EventSource.CLOSED) {
      show("off", "no live updates: reload to retry");
    } else {
      show("connecting", "reconnecting");
    }
  });
  source.addEventListener("panel", function (event) {
    var swapped = false;
    var template = document.createElement("template");
    template.innerHTML = event.data;
    Array.prototype.slice.call(template.content.children).forEach(function (fresh) {
      if (!fresh.id) {
        return;
      }
      var current = document.getElementById(fresh.id);
      if (!current) {
        return;
      }
      forgetCharts(current);
      current.replaceWith(fresh);
      if (window.htmx) {
        window.htmx.process(fresh);
      }
      drawCharts(fresh);
      swapped = true;
    });
    if (swapped) {
      // Parts the node does not push (the audit's verdict) may listen for this and refresh themselves.
      document.body.dispatchEvent(new CustomEvent("clearline:updated"));
    }
  });
})();
