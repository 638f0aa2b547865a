// Live reload for `handbook serve` (never part of a built site). The page waits on a long poll
// for the next build and reloads when it comes; the server answers after at most 25 s, and the
// script simply asks again.
(function () {
  var me = document.currentScript;
  var version = Number(me.dataset.version);
  var wait = me.dataset.wait;
  function poll() {
    var request = new XMLHttpRequest();
    request.open('GET', wait + '?v=' + version);
    request.onload = function () {
      if (Number(request.responseText) > version) location.reload();
      else poll();
    };
    // The server stopped: try again a little later rather than spin.
    request.onerror = function () { setTimeout(poll, 1000); };
    request.send();
  }
  poll();
})();
