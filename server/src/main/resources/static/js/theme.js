// Theme: "auto" follows prefers-color-scheme; "dark" or "light" is the member's choice, kept in localStorage.
// Loaded synchronously in <head> so the page never flashes the wrong theme.
(function () {
  'use strict';
  var KEY = 'platewatch.theme';
  var ORDER = ['auto', 'dark', 'light'];

  function stored() {
    try {
      var v = window.localStorage.getItem(KEY);
      return ORDER.indexOf(v) >= 0 ? v : 'auto';
    } catch (e) {
      return 'auto';
    }
  }

  function apply(choice) {
    var root = document.documentElement;
    if (choice === 'auto') {
      root.removeAttribute('data-theme');
    } else {
      root.setAttribute('data-theme', choice);
    }
    var button = document.getElementById('theme-toggle');
    if (button) {
      button.textContent = 'Theme: ' + choice;
    }
  }

  apply(stored());

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('theme-toggle');
    if (!button) {
      return;
    }
    apply(stored());
    button.addEventListener('click', function () {
      var next = ORDER[(ORDER.indexOf(stored()) + 1) % ORDER.length];
      try {
        window.localStorage.setItem(KEY, next);
      } catch (e) {
        // private windows may refuse storage: the choice then lasts for this page only
      }
      apply(next);
    });
  });
})();
