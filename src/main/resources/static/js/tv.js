// TV mode: after data-interval seconds the screen goes to data-next (the next page of its rotation, or the same page
// again). It asks first and goes only once the server answers, so a restart or a network blip leaves the last page
// on the screen and tries again next interval, instead of stranding the TV on the browser's error page. A dead link
// answers 410 and is shown: its page carries no data-next, so the screen stops there.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var next = document.body.dataset.next;
    var seconds = parseInt(document.body.dataset.interval, 10);
    if (!next || !(seconds > 0)) {
      return;
    }
    function later() {
      window.setTimeout(go, seconds * 1000);
    }
    function go() {
      fetch(next, { method: 'HEAD', cache: 'no-store', credentials: 'omit' }).then(function (response) {
        if (response.status >= 500 || response.status === 429) {
          later();
        } else {
          window.location.replace(next);
        }
      }, later);
    }
    later();
  });
})();
