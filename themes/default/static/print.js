// The print view's "Print" button. A file of its own, since the site allows no inline script.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-action="print-page"]');
  if (button) window.print();
});
