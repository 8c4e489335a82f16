// Shared console behaviour: CSRF header on htmx requests, a return to sign-in when the session ended,
// the background-request header, and copy buttons. Page scripts read the CSRF token with Platewatch.csrfHeaders().
(function () {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  window.Platewatch = window.Platewatch || {};
  window.Platewatch.csrfHeaders = function () {
    var headers = {};
    var name = meta('_csrf_header');
    var token = meta('_csrf');
    if (name && token) {
      headers[name] = token;
    }
    return headers;
  };
  // Requests the console makes by itself (polling, reloads after a reconnect) say so, so that the server's idle
  // lock counts only what the member does. Polling elements set the same header with hx-headers.
  window.Platewatch.backgroundHeaders = function (headers) {
    var all = headers || {};
    all['X-Platewatch-Background'] = '1';
    return all;
  };
  window.Platewatch.zone = function () {
    return meta('department-zone') || undefined;
  };

  document.addEventListener('htmx:configRequest', function (evt) {
    var headers = window.Platewatch.csrfHeaders();
    Object.keys(headers).forEach(function (k) {
      evt.detail.headers[k] = headers[k];
    });
  });

  // A request that was redirected to the sign-in page means the session expired: show that page whole.
  document.addEventListener('htmx:afterRequest', function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf('/login') >= 0) {
      window.location.assign('/login');
    }
  });

  document.addEventListener('click', function (evt) {
    var button = evt.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = 'Copied';
      }, function () {
        button.textContent = 'Select and copy by hand';
      });
    }
  });
})();
