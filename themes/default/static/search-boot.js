// Loads the search (search.js) when the reader first focuses or types in the search box, so a
// page that is only read loads none of it. search.js takes up what was typed before it came.
(function () {
  'use strict';

  var box = document.querySelector('.search');
  var input = document.getElementById('search-input');
  if (!box || !input) return;

  function start() {
    input.removeEventListener('focus', start);
    input.removeEventListener('input', start);
    var script = document.createElement('script');
    script.src = box.dataset.code;
    document.head.appendChild(script);
  }

  input.addEventListener('focus', start);
  input.addEventListener('input', start);
})();
