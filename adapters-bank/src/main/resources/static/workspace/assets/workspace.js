// Live updates for the workspace: the node pushes a bank's freshly rendered panel as a server-sent
// event named "bank"; it replaces the element with the same id. No framework, nothing from another origin.
(function () {
  "use strict";
  var url = document.body.getAttribute("data-events");
  var status = document.getElementById("live-status");
  if (!url || !window.EventSource) {
    show("off", "no live updates");
    return;
  }

  function show(state, text) {
    if (status) {
      status.setAttribute("data-state", state);
      status.textContent = text;
    }
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
  source.addEventListener("bank", function (event) {
    var template = document.createElement("template");
    template.innerHTML = event.data;
    var fresh = template.content.firstElementChild;
    if (!fresh || !fresh.id) {
      return;
    }
    var current = document.getElementById(fresh.id);
    if (current) {
      current.replaceWith(fresh);
    }
  });
})();
